package render

import (
	"strings"
	"testing"
)

// FuzzSlug checks that whatever the name (a hostile title, a file name, an event id), a slug is a
// single safe path segment: not empty, never "." or "..", only lower-case ASCII letters, digits
// and single inner hyphens, bounded in length; the same name gives the same slug; and a second
// use of the name gives a different one.
//
//	go test -run='^$' -fuzz=FuzzSlug -fuzztime=30s ./render
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"", "..", "../../etc/passwd", "a/b/../c", `C:\Windows`, "<script>alert(1)</script>",
		"Same title", "İstanbul’s ĳssel", "\u202ereversed", "a\x00b", "---", "Ünïcödé 2021", "item", "item-2",
		strings.Repeat("x", 500), strings.Repeat("é", 100), "CON", "index.html", "%2e%2e%2f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		taken := map[string]bool{}
		s := Slug(name, taken)
		check := func(s string) {
			if s == "" || s == "." || s == ".." || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
				t.Fatalf("Slug(%q) = %q: not a clean segment", name, s)
			}
			for _, r := range s {
				if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
					t.Fatalf("Slug(%q) = %q holds %q", name, s, r)
				}
			}
			if len(s) > maxSlug+8 {
				t.Fatalf("Slug(%q) = %q: %d bytes long", name, s, len(s))
			}
		}
		check(s)
		if again := Slug(name, map[string]bool{}); again != s {
			t.Fatalf("Slug(%q) = %q, then %q: not deterministic", name, s, again)
		}
		second := Slug(name, taken)
		check(second)
		if second == s || !taken[s] || !taken[second] {
			t.Fatalf("Slug(%q) twice gave %q and %q: not unique", name, s, second)
		}
	})
}
