package events

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Titles are derived from the sentence, by rule (no summarising model):
//  1. the date expression goes, with the prepositions and adverbs that lead into it
//     ("In late July,", "earlier on Thursday night", "on Monday");
//  2. a heading glued to the sentence by the splitter ("Reconciliation Talks\nThe remarks..."),
//     a wire dateline ("TEHRAN –") and a leading "According to X," go;
//  3. a trailing attribution clause goes: the text after the last comma when it is short and
//     holds a reporting verb (", a senior security official said.", ", IRNA reported.");
//  4. the rest is capped at Options.TitleLength bytes at a word boundary, with "…" when cut.

var (
	datelineRe    = regexp.MustCompile(`^[A-Z][A-Z .,'’]+\s*[-–—]\s+`)
	accordingToRe = regexp.MustCompile(`^(?i)according to [^,]{1,80},\s*`)
)

// reportingVerbs mark a trailing attribution clause (", a senior security official said"), as
// whole words in any case; a phrase's words are written with single spaces.
var reportingVerbs = []string{"said", "says", "told", "reported", "reports", "added", "noted", "announced", "stated", "pointed out", "underlined", "according to"}

// reportingVerb is reportingVerbs as a regexp: what hasReportingVerb means, and how it reads a
// text that is not ASCII.
var reportingVerb = regexp.MustCompile(`(?i)\b(` + quoteAll(reportingVerbs) + `)\b`)

func quoteAll(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// hasReportingVerb is reportingVerb.MatchString(s), without the regexp for ASCII text (most
// tails): a verb must start where a word starts and end where one ends, as \b says.
func hasReportingVerb(s string) bool {
	if !isASCII(s) {
		return reportingVerb.MatchString(s) // (?i) folds some letters to runes beyond ASCII
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // lower case, for a letter
		if !regexpWord(s[i]) || i > 0 && regexpWord(s[i-1]) {
			continue
		}
		for _, v := range reportingVerbs {
			end := i + len(v)
			if v[0] == c && end <= len(s) && strings.EqualFold(s[i:end], v) && (end == len(s) || !regexpWord(s[end])) {
				return true
			}
		}
	}
	return false
}

// regexpWord reports whether the ASCII character c is a word character for \b: [0-9A-Za-z_].
func regexpWord(c byte) bool { return c < utf8.RuneSelf && (asciiWord[c] || c == '_') }

// leadIns are words that lead into a date expression and go with it.
var leadIns = map[string]bool{"on": true, "in": true, "at": true, "during": true, "since": true, "by": true,
	"earlier": true, "later": true, "also": true, "as": true, "of": true, "until": true, "from": true, "before": true, "after": true}

// makeTitle derives a title from sentence, whose date expression is the bytes [start, end).
func makeTitle(sentence string, start, end, maxLen int) string {
	before := dropHeading(strings.TrimRight(sentence[:start], " "))
	for range 3 {
		i := strings.LastIndexAny(before, " ,“\"(") + 1
		if !leadIns[strings.ToLower(before[i:])] {
			break
		}
		before = strings.TrimRight(before[:i], " ")
	}
	after := sentence[end:]
	s := strings.TrimRight(before, " ") + " " + strings.TrimLeft(after, " ")
	s = collapse(s)
	s = strings.TrimLeft(s, ",;: ")
	s = strings.ReplaceAll(s, " ,", ",")
	s = strings.ReplaceAll(s, ",,", ",")
	if len(s) > 1 && isUpper(s[0]) && (isUpper(s[1]) || strings.IndexByte(" .,'\xe2", s[1]) >= 0) { // what datelineRe needs
		s = datelineRe.ReplaceAllString(s, "")
	}
	if s != "" && (s[0] == 'a' || s[0] == 'A') { // what accordingToRe needs
		s = accordingToRe.ReplaceAllString(s, "")
	}
	s = strings.TrimRight(s, ".!?;:, ")
	if i := strings.LastIndex(s, ", "); i > 0 {
		tail := s[i+2:]
		if fieldCount(tail, 9) <= 8 && hasReportingVerb(tail) && !strings.ContainsAny(tail, "“\"") {
			s = s[:i]
		}
	}
	s = strings.TrimRight(s, ".!?;:, ")
	if fieldCount(s, 2) < 2 { // too little left: the sentence itself is the best title
		s = strings.TrimRight(collapse(sentence), ".!?;:, ")
	}
	return capFirst(truncate(s, maxLen))
}

// truncate cuts s to at most max bytes at a word boundary, adding "…".
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndex(s[:max], " ")
	if cut <= 0 {
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:–-") + "…"
}

func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if u := unicode.ToUpper(r); u != r || r == utf8.RuneError && n == 1 { // an invalid byte becomes U+FFFD
		return string(u) + s[n:]
	}
	return s // already capitalised: no copy
}

// dropHeading removes a heading line at the start of s: a short line in title case with no
// closing punctuation, followed by a line break.
func dropHeading(s string) string {
	i := strings.IndexByte(s, '\n')
	if i < 0 {
		return s
	}
	head := strings.TrimSpace(s[:i])
	ws := strings.Fields(head)
	if len(ws) == 0 || len(ws) > 8 || strings.ContainsAny(head[len(head)-1:], ".!?:;,") {
		return s
	}
	for _, w := range ws {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !stopwords()[w] {
			return s
		}
	}
	return s[i+1:]
}
