package extract

import "testing"

func TestMatchDFA(t *testing.T) {
	for _, c := range []struct {
		name, expr, text string
		may              bool
	}{
		{"a literal", `ago`, "ago", true},
		{"a literal cut short", `ago`, "ag", false},
		{"another word", `ago`, "the", false},
		{"dies at the first byte", `(?:the\s+)?(?:early|late)\s+[A-Z]\w+`, "this", false},
		{"dies after a few bytes", `(?:the\s+)?(?:early|late)\s+[A-Z]\w+`, "the Interior", false},
		{"lives", `(?:the\s+)?(?:early|late)\s+[A-Z]\w+`, "the  late\nJuly", true},
		{"a match may end early", `day|days`, "dayx", true},
		{"a word boundary that is not", `day\b`, "days", false},
		{"a word boundary before punctuation", `day\b`, "day,", true},
		{"a word boundary at the end", `day\b`, "day", true},
		{"a word boundary at the start", `\bday`, "day", true},
		{"no word boundary at the start", `\Bday`, "day", false},
		{"other assertions are assumed to hold", `day$`, "days", true},
		{"beyond ASCII: maybe", `(?i:k)`, "\u212a", true},
		{"case-blind", `(?i:week)`, "WEEK", true},
		{"case matters", `Week`, "week", false},
		{"any character but a line end", `a.b`, "a\nb", false},
		{"empty text", `a`, "", false},
		{"an empty match", `a?`, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := newMatchDFA(c.expr).mayMatch(c.text); got != c.may {
				t.Errorf("mayMatch(%q, %q) = %v, want %v", c.expr, c.text, got, c.may)
			}
		})
	}
}

// TestMatchDFAAdmitsEveryMatch: wherever a rule's anchored pattern matches in the articles the
// project ships (at every word, and wherever a search finds a match), its automaton says a match
// may begin.
func TestMatchDFAAdmitsEveryMatch(t *testing.T) {
	texts := shippedTexts(t)
	for _, r := range compiledRules().rules {
		for _, text := range texts {
			subject := text
			if r.spec.lower {
				subject = asciiLower(text)
			}
			var starts []int
			for i := range len(subject) {
				if i == 0 || !isWordByte(subject[i-1]) {
					starts = append(starts, i)
				}
			}
			for _, loc := range r.RegExp.FindAllStringIndex(subject, -1) {
				starts = append(starts, loc[0])
			}
			for _, i := range starts {
				end := min(len(subject), i+maxMatch)
				if r.anchored.MatchString(subject[i:end]) && !r.dfa.mayMatch(subject[i:end]) {
					t.Fatalf("rule %s: the automaton refuses %q, which the pattern matches", r.Name, subject[i:end])
				}
			}
		}
	}
}

func TestMatchDFAAfter(t *testing.T) {
	for _, c := range []struct {
		name, expr, text string
		from             int
		may              bool
	}{
		{"further on", `ago`, "two days ago", 0, true},
		{"behind", `ago`, "ago, two days", 1, false},
		{"nowhere", `ago`, "two days", 0, false},
		{"an empty match at the end", `x?`, "ab", 2, true},
		{"no word boundary after a word character", `\Bday`, "xday", 0, true},
		{"no word boundary where the search starts", `\Bday`, "xday", 1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var first *[256]bool
			if f, _ := firstBytes(c.expr); f != nil {
				first = f
			}
			if got := newMatchDFA(c.expr).mayMatchAfter(c.text, c.from, first); got != c.may {
				t.Errorf("mayMatchAfter(%q, %q, %d) = %v, want %v", c.expr, c.text, c.from, got, c.may)
			}
		})
	}
}
