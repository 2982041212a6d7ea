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
