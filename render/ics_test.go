package render

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

// calendarAsFirstWritten is events.ics as it was first written, one string at a time: the
// buffered writer must give the same bytes.
func calendarAsFirstWritten(s *site, w io.Writer) error {
	var err error
	write := func(str string) {
		if err == nil {
			_, err = io.WriteString(w, str)
		}
	}
	line := func(l string) {
		limit := 75
		for len(l) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(l[cut]) {
				cut--
			}
			write(l[:cut])
			write("\r\n ")
			l = l[cut:]
			limit = 74
		}
		write(l)
		write("\r\n")
	}
	escape := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch {
			case r == '\\':
				b.WriteString(`\\`)
			case r == ';':
				b.WriteString(`\;`)
			case r == ',':
				b.WriteString(`\,`)
			case r == '\n':
				b.WriteString(`\n`)
			case r == '\r' || r < 0x20 || r == 0x7f:
				if r == '\t' {
					b.WriteByte(' ')
				}
			default:
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	prop := func(name, value string) { line(name + ":" + escape(value)) }
	compact := func(date string) string { return strings.ReplaceAll(date, "-", "") }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//timeline-news//timeline//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	prop("X-WR-CALNAME", s.cfg.Title)
	if s.cfg.Description != "" {
		prop("X-WR-CALDESC", s.cfg.Description)
	}
	host := "timeline.invalid"
	if s.base != nil {
		host = s.base.Host
	}
	for _, e := range s.events {
		ev := e.Event
		if ev.From.IsZero() {
			continue
		}
		to := ev.To
		if to.IsZero() || to.Before(ev.From) {
			to = ev.From
		}
		if ev.From.Year < 1 || to.AddDays(1).Year > 9999 {
			continue
		}
		line("BEGIN:VEVENT")
		line("UID:" + e.ID + "@" + host)
		line("DTSTAMP:" + s.stamp(s.updated(e)).UTC().Format("20060102T150405Z"))
		line("DTSTART;VALUE=DATE:" + compact(ev.From.String()))
		line("DTEND;VALUE=DATE:" + compact(to.AddDays(1).String()))
		prop("SUMMARY", e.Title)
		desc := e.Label + "\n\n" + oneLine(plainSentence(e)) + "\n\n" + "Sources:"
		for _, src := range e.Sources {
			desc += "\n- " + src.Title
			if src.Article != nil && src.Article.Outlet != "" {
				desc += " (" + src.Article.Outlet + ")"
			}
		}
		prop("DESCRIPTION", desc)
		if len(ev.Places) > 0 {
			prop("LOCATION", strings.Join(ev.Places, ", "))
		}
		if len(ev.Actors) > 0 {
			var items []string
			for _, a := range ev.Actors {
				items = append(items, escape(a))
			}
			line("CATEGORIES:" + strings.Join(items, ","))
		}
		if u := s.absURL(e.Href); u != "" {
			line("URL:" + u)
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return err
}

// TestCalendarAsFirstWritten compares events.ics with the first implementation on the fixture
// site plus events full of hostile text, long enough to fold and to fill several chunks, in
// two time zones.
func TestCalendarAsFirstWritten(t *testing.T) {
	for _, tz := range []string{"UTC", "America/New_York"} {
		for _, base := range []string{"", "https://example.org/a,b/"} {
			in := fixtureSite(t, base)
			in.Config.Title = strings.Join(hostileStrings, " ")
			in.Config.Description = strings.Repeat("é;,\\\n", 40)
			in.Config.Timezone = tz
			for i, ev := range jsonTestEvents() {
				ev.ID = strings.Repeat("x", i)
				ev.From, ev.To = extract.Date{Year: 1990 + i, Month: time.Month(1 + i%12), Day: 1 + i%28}, extract.Date{Year: 1990 + i, Month: 12, Day: 31}
				ev.Title = strings.Repeat(ev.Title+"ü ", 30)
				ev.Sources = append(ev.Sources, in.Events[i%len(in.Events)].Sources...)
				in.Events = append(in.Events, ev)
			}
			for i := range 2000 { // several chunks
				ev := in.Events[i%5]
				ev.ID = strings.Repeat("y", i%50) + string(rune('a'+i%26))
				ev.From = extract.Date{Year: 1900 + i%100, Month: 2, Day: 28}
				ev.To = ev.From
				in.Events = append(in.Events, ev)
			}
			in.Events = append(in.Events,
				events.Event{ID: "far", From: extract.Date{Year: 9999, Month: 12, Day: 31}, Title: "last day"},
				events.Event{ID: "early", From: extract.Date{Year: 1, Month: 1, Day: 1}, To: extract.Date{Year: 0, Month: 1, Day: 1}, Title: "first"})
			s, err := newSite(in)
			if err != nil {
				t.Fatal(err)
			}
			var got, want bytes.Buffer
			if err := s.calendar(&got); err != nil {
				t.Fatal(err)
			}
			if err := calendarAsFirstWritten(s, &want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				g, w := got.String(), want.String()
				i := 0
				for i < len(g) && i < len(w) && g[i] == w[i] {
					i++
				}
				t.Errorf("%s, base %q: differs at byte %d of %d:\ngot  %q\nwant %q", tz, base, i, len(w), g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
			}
			if got.Len() < 4*chunkSize {
				t.Errorf("only %d bytes: the test meant to fill several chunks", got.Len())
			}
		}
	}
}

// icsTextAsFirstWritten escapes a TEXT value rune by rune, as escapeText first did.
func icsTextAsFirstWritten(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestAppendICSText(t *testing.T) {
	check := func(s string) {
		if got, want := escapeText(s), icsTextAsFirstWritten(s); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range append(hostileStrings, "a;b,c\\d\ne\x00\t\r\x7f\u0085", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 beyond") {
		check(s)
	}
	for b := range 256 {
		check("a" + string([]byte{byte(b)}) + "z")
	}
	// Each byte at each place of the eight-byte words checked at once.
	pad := "The envoy met the minister in Kabul."
	for b := range 256 {
		for at := range 17 {
			s := pad[:at] + string([]byte{byte(b)}) + pad[at:at+16]
			check(s)
			check(s + "\xc3\xa9" + s)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", " ", ";", ",", "\\", "\n", "\r", "\t", "\x00", "\x7f", "\xff", "\xc3", "é", "🎉", "\ufffd", "\xe2\x80", "plain words "}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		check(b.String())
	}
}
