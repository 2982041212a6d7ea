package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	for _, c := range []struct {
		name, expr string
		want       []string
	}{
		{"a literal", `ago`, []string{"ago"}},
		{"factored alternation multiplied out", `(?:day|days|decade|decades)\b`, []string{"day", "decade"}},
		{"the most selective part of a concatenation", `the\s+year\b`, []string{"year"}},
		{"optional parts require nothing", `(?:the\s+)?\d+\s+(?:days|weeks)`, []string{"days", "weeks"}},
		{"a branch with no literal: nothing", `ago|\d+`, nil},
		{"an optional literal alone: nothing", `(?:ago)?`, nil},
		{"a star: nothing", `(?:ago)*`, nil},
		{"a plus requires its operand", `(?:ago)+`, []string{"ago"}},
		{"upper case is lower-cased", `GMT|UTC`, []string{"gmt", "utc"}},
		{"case-blind letters folding only within ASCII", `(?i:every|each)`, []string{"every", "each"}},
		{"k matches the Kelvin sign: it breaks the literal", `(?i:weeks)`, []string{"wee"}},
		{"s matches the long s: it breaks the literal", `(?i:season)`, []string{"ea"}},
		{"small classes multiply out", `year['’]s`, []string{"year's", "year’s"}},
		{"large classes require nothing", `[a-z]+ times`, []string{" times"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := requiredLiterals(c.expr); !reflect.DeepEqual(got, c.want) {
				t.Errorf("requiredLiterals(%q) = %q, want %q", c.expr, got, c.want)
			}
		})
	}
}

// TestRequiredLiteralsInEveryMatch: every match of every rule's pattern, on the articles the
// project ships, holds one of the rule's literals (lower-cased).
func TestRequiredLiteralsInEveryMatch(t *testing.T) {
	texts := shippedTexts(t)
	rs := compiledRules()
	for _, r := range rs.rules {
		if r.literals == nil {
			continue
		}
		for _, text := range texts {
			for _, loc := range r.RegExp.FindAllStringIndex(text, -1) {
				m := asciiLower(text[loc[0]:loc[1]])
				if !slices.ContainsFunc(r.literals, func(i int) bool { return strings.Contains(m, rs.literals[i]) }) {
					t.Errorf("rule %s: match %q holds none of its literals", r.Name, m)
				}
			}
		}
	}
}

// withoutPrefilters is the rule set running every regexp the engine would run with neither
// the literal test nor the automaton (dfa.go) ruling tries out.
func withoutPrefilters() *ruleSet {
	rs := *compiledRules()
	rs.rules = nil
	for _, r := range compiledRules().rules {
		plain := *r
		plain.literals, plain.dfa = nil, nil
		rs.rules = append(rs.rules, &plain)
	}
	return &rs
}

// sameWithoutPrefilters fails unless the engine finds in text what it finds with no prefilter.
func sameWithoutPrefilters(t *testing.T, plain *ruleSet, text string) {
	t.Helper()
	got, want := compiledRules().find(text), plain.find(text)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%.200q:\nwith prefilters:    %+v\nwithout prefilters: %+v", text, got, want)
	}
}

func TestPrefiltersChangeNothing(t *testing.T) {
	withLiterals, withDFA := 0, 0
	for _, r := range compiledRules().rules {
		if r.literals != nil {
			withLiterals++
		}
		if r.dfa != nil {
			withDFA++
		}
	}
	if withLiterals < 20 || withDFA != len(compiledRules().rules) {
		t.Fatalf("%d rules have required literals, %d an automaton, of %d", withLiterals, withDFA, len(compiledRules().rules))
	}
	plain := withoutPrefilters()
	for _, text := range []string{
		"They met two weeks ago, 3 days later, for the full year and at 5 p.m. every day.",
		"KELVIN \u212a: two wee\u212as ago, a \u017feason later, twice a wee\u212a, the WEEK before",
		"a_day 10 days_ago, the 2020-08-06 meeting, 8/6/2020, the 1990s and the '80s, Q3 2021",
		"the Interior, the early May, The Thursday, the  \n late\tJuly 4, the end of the year",
	} {
		sameWithoutPrefilters(t, plain, text)
	}
	for _, text := range shippedTexts(t) {
		sameWithoutPrefilters(t, plain, text)
	}
}

// FuzzPrefilters: the literal test and the automaton change nothing the engine finds, on any
// text.
func FuzzPrefilters(f *testing.F) {
	f.Add("They met two weeks ago, 3 days later, for the full year and at 5 p.m. every day.")
	f.Add("two wee\u212as ago, a \u017feason later, twice a wee\u212a, the WEEK before, 2020-08-06")
	f.Add("the Interior, the early May, The Thursday, the  \n late\tJuly 4, the end of the year")
	plain := withoutPrefilters()
	f.Fuzz(func(t *testing.T, text string) {
		sameWithoutPrefilters(t, plain, text)
	})
}

// shippedTexts are the articles the project ships: the demo content, the hostile files and
// this package's test articles.
func shippedTexts(t *testing.T) []string {
	var texts []string
	for _, glob := range []string{"../content/*", "../testdata/hostile/*", "testdata/*"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				texts = append(texts, string(data))
			}
		}
	}
	if len(texts) == 0 {
		t.Fatal("no articles found")
	}
	return texts
}
