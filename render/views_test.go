package render

import (
	"regexp"
	"strings"
	"testing"
)

// reSpaces is what oneLine and oneLineKeep must match: they replaced these expressions.
var reSpaces = regexp.MustCompile(`\s+`)

func TestOneLine(t *testing.T) {
	for name, s := range map[string]string{
		"empty":        "",
		"plain":        "Talks resume in Kabul",
		"runs":         "  Talks \t\n resume\r\n\r\nin\fKabul  ",
		"single ends":  " a b ",
		"no-break":     "\u00a0 a \u00a0 b\u00a0",
		"vertical tab": "\va\v\n b\v",
		"invalid":      "\xff \n\xc3",
		"only space":   " \n\t ",
	} {
		t.Run(name, func(t *testing.T) {
			if got, want := oneLineKeep(s), reSpaces.ReplaceAllString(s, " "); got != want {
				t.Errorf("oneLineKeep(%q) = %q, want %q", s, got, want)
			}
			if got, want := oneLine(s), strings.TrimSpace(reSpaces.ReplaceAllString(s, " ")); got != want {
				t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
			}
		})
	}
}

func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0\n\v x\r\n", "\xff\t\xc3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := oneLineKeep(s), reSpaces.ReplaceAllString(s, " "); got != want {
			t.Errorf("oneLineKeep(%q) = %q, want %q", s, got, want)
		}
		if got, want := oneLine(s), strings.TrimSpace(reSpaces.ReplaceAllString(s, " ")); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	})
}
