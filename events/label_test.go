package events

import "testing"

func TestLabel(t *testing.T) {
	tests := []struct {
		value, mod, from, to string
		want, precision      string
	}{
		{"2021-07-26", "", "2021-07-26", "2021-07-26", "26 July 2021", "day"},
		{"2021-07", "END", "2021-07-01", "2021-07-31", "late July 2021", "month"},
		{"2021-08", "START", "2021-08-01", "2021-08-31", "early August 2021", "month"},
		{"2021-08", "MID", "2021-08-01", "2021-08-31", "mid-August 2021", "month"},
		{"2021-07", "", "2021-07-01", "2021-07-31", "July 2021", "month"},
		{"2021-W31", "", "2021-08-02", "2021-08-08", "week of 2 August 2021", "week"},
		{"2021-W31-WE", "", "2021-08-07", "2021-08-08", "weekend of 7 August 2021", "weekend"},
		{"2021", "", "2021-01-01", "2021-12-31", "2021", "year"},
		{"2001", "APPROX", "2001-01-01", "2001-12-31", "2001 (approx.)", "year"},
		{"2021", "START", "2021-01-01", "2021-12-31", "early 2021", "year"},
		{"199", "", "1990-01-01", "1999-12-31", "the 1990s", "decade"},
		{"199", "END", "1990-01-01", "1999-12-31", "the late 1990s", "decade"},
		{"19", "", "1900-01-01", "1999-12-31", "20th century", "century"},
		{"2018-SU", "", "2018-06-21", "2018-09-22", "summer 2018", "season"},
		{"2021-Q1", "", "2021-01-01", "2021-03-31", "Q1 2021", "quarter"},
		{"2021-H2", "", "2021-07-01", "2021-12-31", "second half of 2021", "half"},
		{"2021-07-07", "", "2021-07-07", "2021-07-08", "7–8 July 2021", "days"},
		{"2021-07-30", "", "2021-07-30", "2021-08-02", "30 July – 2 August 2021", "days"},
		{"2020-12-30", "", "2020-12-30", "2021-01-02", "30 December 2020 – 2 January 2021", "days"},
		{"2021-07", "", "2021-07-01", "2021-08-31", "July–August 2021", "months"},
		{"2021-08-12TNI", "", "2021-08-12", "2021-08-12", "12 August 2021, night", "time"},
		{"2021-08-12T14:30", "", "2021-08-12", "2021-08-12", "12 August 2021, 14:30", "time"},
		{"2021-08-12", "BEFORE", "2021-08-12", "2021-08-12", "before 12 August 2021", "day"},
		{"PRESENT_REF", "", "", "", "PRESENT_REF", ""},
	}
	for _, tt := range tests {
		t.Run(tt.value+tt.mod, func(t *testing.T) {
			var from, to = zeroOr(t, tt.from), zeroOr(t, tt.to)
			if got := Label(tt.value, tt.mod, from, to); got != tt.want {
				t.Errorf("Label(%q, %q) = %q, want %q", tt.value, tt.mod, got, tt.want)
			}
			if got := Precision(tt.value, from, to); got != tt.precision {
				t.Errorf("Precision(%q) = %q, want %q", tt.value, got, tt.precision)
			}
		})
	}
}
