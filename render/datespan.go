package render

import (
	"html/template"
	"strconv"
	"time"

	"github.com/timeline-news/timeline/extract"
)

// dateSpan draws an event's interval as a bar on a small ruler, so a fuzzy date ("late July")
// reads as a stretch of time and an exact day as a tick. The ruler is the month when the
// interval fits in one month, the year when it fits in one year, else the interval itself.
type dateSpan struct {
	Scale string       // what the ruler covers: "month", "year" or "span"
	Style template.CSS // custom properties for static/reader.css: --from and --len, in percent
}

// Span places the event on its ruler; the zero dateSpan (no Style) when the event is undated.
// It is DateSpan, made with the view: the default templates read the field.
func (e *eventSummary) Span() dateSpan { return e.DateSpan }

func spanOf(from, to extract.Date) dateSpan {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return dateSpan{}
	}
	days := func(a, b extract.Date) int { return int(b.Time().Sub(a.Time()).Hours()/24) + 1 }
	var scale string
	var start, length, total int
	switch {
	case from.Year == to.Year && from.Month == to.Month:
		scale, total = "month", time.Date(from.Year, from.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
		start, length = from.Day-1, to.Day-from.Day+1
	case from.Year == to.Year:
		first := extract.Date{Year: from.Year, Month: time.January, Day: 1}
		scale, total = "year", days(first, extract.Date{Year: from.Year, Month: time.December, Day: 31})
		start, length = days(first, from)-1, days(from, to)
	default:
		return dateSpan{Scale: "span", Style: "--from:0%;--len:100%"}
	}
	pct := func(n int) string { return percent(100 * float64(n) / float64(total)) }
	return dateSpan{Scale: scale, Style: template.CSS("--from:" + pct(start) + ";--len:" + pct(length))}
}

// percent is x as fmt.Sprintf("%.1f%%", x) writes it, without fmt.
func percent(x float64) string { return string(strconv.AppendFloat(nil, x, 'f', 1, 64)) + "%" }
