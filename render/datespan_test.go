package render

import (
	"time"

	"testing"

	"github.com/timeline-news/timeline/extract"
)

func TestSpanOf(t *testing.T) {
	d := func(y, m, day int) extract.Date { return extract.Date{Year: y, Month: time.Month(m), Day: day} }
	for _, c := range []struct {
		name     string
		from, to extract.Date
		scale    string
		style    string
	}{
		{"one day", d(2021, 8, 6), d(2021, 8, 6), "month", "--from:16.1%;--len:3.2%"},
		{"late July", d(2021, 7, 21), d(2021, 7, 31), "month", "--from:64.5%;--len:35.5%"},
		{"whole February, leap year", d(2024, 2, 1), d(2024, 2, 29), "month", "--from:0.0%;--len:100.0%"},
		{"week across months", d(2021, 7, 29), d(2021, 8, 4), "year", "--from:57.3%;--len:1.9%"},
		{"whole year", d(2021, 1, 1), d(2021, 12, 31), "year", "--from:0.0%;--len:100.0%"},
		{"across years", d(2020, 12, 1), d(2021, 2, 28), "span", "--from:0%;--len:100%"},
		{"undated", extract.Date{}, extract.Date{}, "", ""},
		{"reversed", d(2021, 8, 6), d(2021, 8, 1), "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := spanOf(c.from, c.to)
			if got.Scale != c.scale || string(got.Style) != c.style {
				t.Errorf("spanOf(%v, %v) = %q %q, want %q %q", c.from, c.to, got.Scale, got.Style, c.scale, c.style)
			}
		})
	}
}
