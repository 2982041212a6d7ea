package render

import (
	"io"
	"strings"
	"unicode/utf8"
)

// calendar is an iCalendar file (RFC 5545) with one all-day VEVENT per dated event. DTSTAMP
// comes from the data (the day the event was last reported), so rebuilds are identical.
func (s *site) calendar(w io.Writer) error {
	c := icsWriter{w: w}
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//timeline-news//timeline//EN")
	c.line("CALSCALE:GREGORIAN")
	c.line("METHOD:PUBLISH")
	c.prop("X-WR-CALNAME", s.cfg.Title)
	if s.cfg.Description != "" {
		c.prop("X-WR-CALDESC", s.cfg.Description)
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
			continue // a DATE value has a four-digit year (RFC 5545): 10000-01-01 would be garbage
		}
		c.line("BEGIN:VEVENT")
		c.line("UID:" + e.ID + "@" + host)
		c.line("DTSTAMP:" + s.stamp(s.updated(e)).UTC().Format("20060102T150405Z"))
		c.line("DTSTART;VALUE=DATE:" + compact(ev.From.String()))
		c.line("DTEND;VALUE=DATE:" + compact(to.AddDays(1).String())) // exclusive end
		c.prop("SUMMARY", e.Title)
		desc := e.Label + "\n\n" + oneLine(plainSentence(e)) + "\n\n" + "Sources:"
		for _, src := range e.Sources {
			desc += "\n- " + src.Title
			if src.Article != nil && src.Article.Outlet != "" {
				desc += " (" + src.Article.Outlet + ")"
			}
		}
		c.prop("DESCRIPTION", desc)
		if len(ev.Places) > 0 {
			c.prop("LOCATION", strings.Join(ev.Places, ", "))
		}
		if len(ev.Actors) > 0 {
			c.line("CATEGORIES:" + escapeList(ev.Actors))
		}
		if u := s.absURL(e.Href); u != "" {
			c.line("URL:" + u) // a URI value, not TEXT: "\," would break a URL with a comma
		}
		c.line("END:VEVENT")
	}
	c.line("END:VCALENDAR")
	return c.err
}

// plainSentence is an event's sentence as text, without the <mark> around its expression.
func plainSentence(e *eventView) string {
	if len(e.Sources) > 0 && e.Sources[0].Article != nil {
		return e.Event.Sources[0].Sentence
	}
	return e.Event.Text
}

func compact(date string) string { return strings.ReplaceAll(date, "-", "") }

// icsWriter writes content lines ended by CRLF and folded at 75 octets. The first write
// error stops it and is kept in err.
type icsWriter struct {
	w   io.Writer
	err error
}

func (w *icsWriter) write(s string) {
	if w.err == nil {
		_, w.err = io.WriteString(w.w, s)
	}
}

// prop writes NAME:value with the value escaped as iCalendar TEXT.
func (w *icsWriter) prop(name, value string) { w.line(name + ":" + escapeText(value)) }

// line writes one content line, folded so no physical line exceeds 75 octets: each
// continuation starts with a space, and a UTF-8 sequence is never split.
func (w *icsWriter) line(l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		w.write(l[:cut])
		w.write("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	w.write(l)
	w.write("\r\n")
}

// escapeText escapes a TEXT value: backslash, semicolon, comma and newlines; other control
// characters, which TEXT may not hold, are dropped.
func escapeText(s string) string {
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

// escapeList escapes each item and joins them with the list separator ",".
func escapeList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = escapeText(it)
	}
	return strings.Join(out, ",")
}
