package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// searchingAll is the rule set searching whole windows for every rule with no start classes,
// as the engine did before it tried them at words (tryWords).
func searchingAll() *ruleSet {
	rs := *compiledRules()
	rs.searchAll = true
	return &rs
}

// sameAsSearch fails unless the engine finds in text what searching whole windows finds.
func sameAsSearch(t *testing.T, all *ruleSet, text string) {
	t.Helper()
	got, want := compiledRules().find(text), all.find(text)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%.200q:\ntried at words: %+v\nsearched:       %+v", text, got, want)
	}
}

func TestTryWordsSameAsSearch(t *testing.T) {
	n := 0
	for _, r := range compiledRules().rules {
		if r.atWords {
			n++
		}
	}
	if n < 3 {
		t.Fatalf("only %d rules are tried at words; the holiday, clock and set rules should be", n)
	}
	all := searchingAll()
	for _, text := range []string{
		"They met at 5 p.m. on Christmas Eve, about noon, twice a week, every other Monday and on Sundays.",
		"x_5 p.m. _noon a_Christmas snake_case_every day Xmas 2021, the 21st century, its fifth century, once a year",
		"at 10:30 GMT, around midnight,5pm, 17:45 UTC, last Christmas, this coming Easter 2019 week, per month",
		"KELVIN \u212a, \u017fet: Christmas\u00a0Day, caf\u00e9Easter, \u00e9very day, twice\u2009a week",
		"about  \n  5   p.m.   on    last     Thanksgiving" + strings.Repeat(" ", 120) + "2020 week",
	} {
		sameAsSearch(t, all, text)
	}
	// every article the project ships
	for _, glob := range []string{"../content/*", "../testdata/hostile/*", "testdata/*"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				sameAsSearch(t, all, string(data))
			}
		}
	}
}

// FuzzTryWords: trying rules at words finds what searching whole windows finds, on any text.
func FuzzTryWords(f *testing.F) {
	f.Add("They met at 5 p.m. on Christmas Eve, about noon, twice a week, every other Monday.")
	f.Add("x_5 p.m. _noon a_Christmas every_day, the 21st century, 10:30 GMT, last Easter 2019 week")
	all := searchingAll()
	f.Fuzz(func(t *testing.T, text string) {
		sameAsSearch(t, all, text)
	})
}
