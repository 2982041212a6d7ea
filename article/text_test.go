package article

import (
	"strings"
	"testing"
)

// TestTextKeeping checks that Text can be rebuilt from Kept (what the extraction cache stores),
// and that ranges Kept would never give are refused rather than obeyed.
func TestTextKeeping(t *testing.T) {
	src := "+++\ntitle = \"Secret é\"\n+++\n# Talks *resumed* on [Friday](http://x.example/a)\n\n> Quoted ééé `code`\n\n    indented code\n\n<div>html</div>\n\nPlain é end."
	for _, name := range []string{"a.md", "a.txt"} {
		a, err := Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		kept := a.Kept()
		got, ok := a.TextKeeping(kept)
		if !ok || got != a.Text() {
			t.Errorf("%s: TextKeeping(Kept()) = %q, %v; want Text() %q", name, got, ok, a.Text())
		}
		if strings.Contains(a.Text(), "Secret") {
			t.Errorf("%s: Text() shows the front matter", name)
		}
	}
	a, _ := Parse("a.md", []byte(src))
	body, e := a.BodyStart, strings.Index(src, "é end")
	for _, tc := range []struct {
		name string
		kept []Span
	}{
		{"front matter", []Span{{0, 10}}},
		{"before the body", []Span{{body - 1, body + 3}}},
		{"past the end", []Span{{body, len(src) + 1}}},
		{"negative", []Span{{-5, 3}}},
		{"backwards", []Span{{body + 5, body + 2}}},
		{"empty", []Span{{body + 2, body + 2}}},
		{"overlapping", []Span{{body, body + 6}, {body + 4, body + 9}}},
		{"out of order", []Span{{body + 6, body + 9}, {body, body + 3}}},
		{"inside a character", []Span{{e + 1, e + 4}}},
		{"ending inside a character", []Span{{e - 2, e + 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if text, ok := a.TextKeeping(tc.kept); ok || text != "" {
				t.Errorf("TextKeeping(%v) = %q, %v; want it refused", tc.kept, text, ok)
			}
		})
	}
	if text, ok := a.TextKeeping(nil); !ok || strings.TrimSpace(text) != "" || strings.Count(text, "\n") != strings.Count(src, "\n") {
		t.Errorf("TextKeeping(nil) = %q, %v; want only blanks and the newlines", text, ok)
	}
}
