package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/timeline-news/timeline/extract"
)

// reSpaces is what oneLine and oneLineKeep must match: they replaced these expressions.
var reSpaces = regexp.MustCompile(`\s+`)

func TestOneLine(t *testing.T) {
	for name, s := range map[string]string{
		"empty":        "",
		"plain":        "Talks resume in Kabul",
		"runs":         "  Talks \t\n resume\r\n\r\nin\fKabul  ",
		"single ends":  " a b ",
		"no-break":     "\u00a0 a \u00a0 b\u00a0",
		"vertical tab": "\va\v\n b\v",
		"invalid":      "\xff \n\xc3",
		"only space":   " \n\t ",
	} {
		t.Run(name, func(t *testing.T) {
			if got, want := oneLineKeep(s), reSpaces.ReplaceAllString(s, " "); got != want {
				t.Errorf("oneLineKeep(%q) = %q, want %q", s, got, want)
			}
			if got, want := oneLine(s), strings.TrimSpace(reSpaces.ReplaceAllString(s, " ")); got != want {
				t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
			}
		})
	}
}

func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0\n\v x\r\n", "\xff\t\xc3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := oneLineKeep(s), reSpaces.ReplaceAllString(s, " "); got != want {
			t.Errorf("oneLineKeep(%q) = %q, want %q", s, got, want)
		}
		if got, want := oneLine(s), strings.TrimSpace(reSpaces.ReplaceAllString(s, " ")); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	})
}

// reDatetime is what validDatetime must match: it replaced this expression.
var reDatetime = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$`)

func FuzzDates(f *testing.F) {
	for _, s := range []string{"2021", "2021-07", "2021-07-26", "2021-W31", "2021-W3", "202", "2021-7-26", "2021-07-26T", "XXXX-07", "２０２１"} {
		f.Add(s, 2021, 7, 26)
	}
	f.Add("", 0, 0, 0)
	f.Add("", -5, 13, 100)
	f.Fuzz(func(t *testing.T, s string, year, month, day int) {
		if got, want := validDatetime(s), reDatetime.MatchString(s); got != want {
			t.Errorf("validDatetime(%q) = %v, want %v", s, got, want)
		}
		d := extract.Date{Year: year, Month: time.Month(month), Day: day}
		if got, want := isoDate(d), d.String(); got != want {
			t.Errorf("isoDate(%v) = %q, want %q", d, got, want)
		}
	})
}

func TestPercent(t *testing.T) {
	for total := 1; total <= 366; total++ {
		for n := 0; n <= total; n++ {
			x := 100 * float64(n) / float64(total)
			if got, want := percent(x), fmt.Sprintf("%.1f%%", x); got != want {
				t.Fatalf("percent(%v) = %q, want %q", x, got, want)
			}
		}
	}
}
