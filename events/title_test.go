package events

import (
	"math/rand/v2"
	"testing"
)

// TestHasReportingVerb checks the matcher without the regexp against the regexp it replaces.
func TestHasReportingVerb(t *testing.T) {
	cases := []string{
		"", "said", "Said", "SAID", "he said", "a senior security official said", "IRNA reported",
		"unsaid", "saidx", "said_", "_said", "said.", "(said)", "said2", "2said", "reportsay",
		"it was pointed out", "pointed  out", "pointed out_", "Pointed Out", "according to him",
		"accordingto", "accordingly", "told,", "toldx told", "the ſaid official", "the \u212aey noted",
		"café said", "naïve", "he sAiD ok", "stated—", "underlined!", "annouced",
	}
	for _, c := range cases {
		t.Run(c, func(t *testing.T) {
			if got, want := hasReportingVerb(c), reportingVerb.MatchString(c); got != want {
				t.Errorf("hasReportingVerb(%q) = %v, the regexp says %v", c, got, want)
			}
		})
	}
	// Random tails built from verbs, their parts and separators.
	parts := append([]string{" ", "_", ",", "x", "S", "1", "pointed", "out", "according", "to", "é", "\u212a", "ſ", "SAYS", "Told", "NOTED"}, reportingVerbs...)
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := ""
		for range 1 + r.IntN(5) {
			s += parts[r.IntN(len(parts))]
		}
		if got, want := hasReportingVerb(s), reportingVerb.MatchString(s); got != want {
			t.Fatalf("hasReportingVerb(%q) = %v, the regexp says %v", s, got, want)
		}
	}
}

func TestCapFirst(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""}, {"a", "A"}, {"A", "A"}, {"élan", "Élan"}, {"1 day", "1 day"}, {"\xffx", "\ufffdx"}, {"\ufffdx", "\ufffdx"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := capFirst(c.in); got != c.want {
				t.Errorf("capFirst(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
