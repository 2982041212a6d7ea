package events

import (
	_ "embed"
	"iter"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/timeline-news/timeline/entities"
)

//go:embed data/stopwords.txt
var stopwordsFile string

// stopwords are words too common to say two sentences tell the same happening, reporting verbs
// and calendar words included (the date is compared apart, as an interval).
var stopwords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(stopwordsFile, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
})

// tokens returns the distinct similarity tokens of a sentence, in first-seen order: its content
// words (lower case, stopwords dropped, a light suffix stem: "talks" and "talk" agree), the words
// of the date expression [start, end) left out, and one "@name" token per entity found, so a shared
// name counts once more than a shared word.
// lower is entities.LowerASCII(sentence).
func tokens(sentence, lower string, start, end int, found []entities.Entity) []string {
	stop := stopwords()
	out := make([]string, 0, 24)
	add := func(t string) {
		if !slices.Contains(out, t) { // a sentence has tens of tokens: a map costs more
			out = append(out, t)
		}
	}
	for w, at := range words(sentence) {
		if at >= start && at < end {
			continue
		}
		lw := lower[at : at+len(w)] // strings.ToLower(w) for an ASCII word
		if !isASCII(w) {
			lw = strings.ToLower(w)
		}
		if stop[lw] || len(lw) < 2 {
			continue
		}
		add(stem(lw))
	}
	var name []byte
	for _, e := range found {
		if isASCII(e.Name) { // "@" + strings.ToLower(e.Name), made once
			name = append(append(name[:0], '@'), e.Name...)
			for i := 1; i < len(name); i++ {
				if c := name[i]; 'A' <= c && c <= 'Z' {
					name[i] = c + 'a' - 'A'
				}
			}
			if !containsBytes(out, name) {
				out = append(out, string(name))
			}
			continue
		}
		add("@" + strings.ToLower(e.Name))
	}
	return out
}

// words yields the runs of letters and digits of s, with their byte offsets.
func words(s string) iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		start := -1
		for i := 0; i < len(s); {
			r, n := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			in := r < utf8.RuneSelf && asciiWord[r] || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
			if in && start < 0 {
				start = i
			} else if !in && start >= 0 {
				if !yield(s[start:i], start) {
					return
				}
				start = -1
			}
			i += n
		}
		if start >= 0 {
			yield(s[start:], start)
		}
	}
}

// asciiWord[c] reports whether the ASCII character c is a letter or a digit.
var asciiWord = func() (w [utf8.RuneSelf]bool) {
	for c := range w {
		w[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return w
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isLower reports whether strings.ToLower(s) == s: no rune of s changes in lower case.
func isLower(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				return false
			}
		} else if unicode.ToLower(r) != r {
			return false
		}
	}
	return true
}

// hasLowerPrefix reports whether strings.HasPrefix(strings.ToLower(s), prefix), without
// lower-casing s.
func hasLowerPrefix(s, prefix string) bool {
	i := 0
	for _, want := range prefix {
		if i >= len(s) {
			return false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || unicode.ToLower(r) != want {
			return false // strings.ToLower turns an invalid byte into U+FFFD, three bytes
		}
		i += n
	}
	return true
}

// stem strips a few English inflections so that forms of one word meet; it is deliberately
// light (no dictionary), and only needs to be consistent, not linguistic.
func stem(w string) string {
	switch {
	case len(w) > 5 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 6 && strings.HasSuffix(w, "ing"):
		return w[:len(w)-3]
	case len(w) > 5 && strings.HasSuffix(w, "ed"):
		return w[:len(w)-2]
	case len(w) > 4 && strings.HasSuffix(w, "es") && strings.ContainsRune("sxz", rune(w[len(w)-3])):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

// containsBytes is slices.Contains(list, string(b)), without making the string.
func containsBytes(list []string, b []byte) bool {
	for _, s := range list {
		if s == string(b) {
			return true
		}
	}
	return false
}
