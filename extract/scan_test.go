package extract

import (
	"strings"
	"testing"
)

func TestTriggerShapes(t *testing.T) {
	rs := compiledRules()
	for w := range rs.triggers {
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" || len(w) > 24 {
			continue // no word of the scanner (letters only) looks these up
		}
		for _, form := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			if !rs.triggerShapes.has(form) {
				t.Errorf("trigger word %q (as %q) ruled out by its shape", w, form)
			}
		}
	}
	for _, w := range []string{"government", "Zanzibar", "x", "qq"} {
		if rs.triggerShapes.has(w) {
			t.Errorf("%q has the shape of a trigger word", w)
		}
	}
}

func TestShortTriggers(t *testing.T) {
	rs := compiledRules()
	n := 0
	for w, c := range rs.triggers {
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" || len(w) > 8 {
			continue
		}
		n++
		for _, form := range []string{w, strings.ToUpper(w)} {
			if key, _ := shortWordKey(form); rs.shortTriggers[key] != c {
				t.Errorf("%q: class %v by its number key, %v by the word", form, rs.shortTriggers[key], c)
			}
		}
	}
	if n != len(rs.shortTriggers) {
		t.Errorf("%d short trigger words, %d number keys", n, len(rs.shortTriggers))
	}
}
