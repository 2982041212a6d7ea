package render

import (
	"strconv"
	"strings"
)

// maxSlug bounds a slug's length so that paths stay well under file-system limits.
const maxSlug = 60

// Slug turns a name (a title, a file name, an event id) into a URL path segment that is unique
// among those already in taken, and records it there. A slug is lower-case ASCII letters,
// digits and single hyphens: it never holds "/", "..", markup or spaces, so it is safe as a
// folder name and in any URL. Accented Latin letters lose their accents; other characters
// separate words. A name with nothing usable becomes "item"; a repeated slug, or one Windows
// reserves for a device ("con", "nul"), gets "-2", "-3"...
func Slug(name string, taken map[string]bool) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if f, ok := fold[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "Kabul's" reads better as "kabuls" than "kabul-s".
		default:
			hyphen = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	base := b.String()
	if len(base) > maxSlug {
		base = base[:maxSlug]
		if i := strings.LastIndexByte(base, '-'); i > maxSlug/2 {
			base = base[:i] // cut at a word
		}
	}
	base = strings.Trim(base, "-")
	if base == "" {
		base = "item"
	}
	s := base
	for n := 2; taken[s] || windowsDevice(s); n++ {
		s = base + "-" + strconv.Itoa(n)
	}
	if taken != nil {
		taken[s] = true
	}
	return s
}

// windowsDevice reports whether s names a Windows device ("con", "nul", "com1"…): a file
// "con.html" cannot be checked out on Windows, and sites are often committed to a repository.
func windowsDevice(s string) bool {
	switch s {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(s) == 4 && (s[:3] == "com" || s[:3] == "lpt") && s[3] >= '1' && s[3] <= '9'
}

// fold maps accented Latin letters to their bare ASCII letter.
var fold = func() map[rune]rune {
	m := map[rune]rune{}
	for to, from := range map[rune]string{
		'a': "àáâãäåāăą", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęě", 'g': "ĝğġģ", 'h': "ĥħ",
		'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ", 'l': "ĺļľŀł", 'n': "ñńņňŉ", 'o': "òóôõöøōŏő",
		'r': "ŕŗř", 's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűų", 'w': "ŵ", 'y': "ýÿŷ", 'z': "źżž",
	} {
		for _, r := range from {
			m[r] = to
		}
	}
	return m
}()
