package events

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

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
func tokens(sentence string, start, end int, found []entities.Entity) []string {
	stop := stopwords()
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, w := range words(sentence) {
		if w.start >= start && w.start < end {
			continue
		}
		lw := strings.ToLower(w.text)
		if stop[lw] || len(lw) < 2 {
			continue
		}
		add(stem(lw))
	}
	for _, e := range found {
		add("@" + strings.ToLower(e.Name))
	}
	return out
}

type word struct {
	text  string
	start int
}

// words splits s into runs of letters and digits.
func words(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r)
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			out = append(out, word{s[start:i], start})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{s[start:], start})
	}
	return out
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
