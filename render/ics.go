package render

import (
	"io"
	"unicode/utf8"

	"github.com/timeline-news/timeline/extract"
)

// calendar is an iCalendar file (RFC 5545) with one all-day VEVENT per dated event. DTSTAMP
// comes from the data (the day the event was last reported), so rebuilds are identical. Lines
// are built in a buffer and written out a chunk at a time.
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
	// DTSTAMP is midnight of a day in the site's zone, in UTC: made once for each day.
	loc, urls, stamps := s.cfg.Location(), s.absURLs(), map[extract.Date]string{}
	for _, e := range s.events {
		ev := e.Event
		if ev.From.IsZero() {
			continue
		}
		to := ev.To
		if to.IsZero() || to.Before(ev.From) {
			to = ev.From
		}
		end := to.AddDays(1) // exclusive
		if ev.From.Year < 1 || end.Year > 9999 {
			continue // a DATE value has a four-digit year (RFC 5545): 10000-01-01 would be garbage
		}
		c.add("BEGIN:VEVENT")
		c.start("UID:")
		c.l = append(append(append(c.l, e.ID...), '@'), host...)
		c.end()
		c.start("DTSTAMP:")
		day := s.updated(e)
		stamp, ok := stamps[day]
		if !ok {
			stamp = stampIn(day, loc).UTC().Format("20060102T150405Z")
			stamps[day] = stamp
		}
		c.l = append(c.l, stamp...)
		c.end()
		c.start("DTSTART;VALUE=DATE:")
		c.l = appendDate(c.l, ev.From, false)
		c.end()
		c.start("DTEND;VALUE=DATE:")
		c.l = appendDate(c.l, end, false)
		c.end()
		c.addProp("SUMMARY", e.Title)
		c.start("DESCRIPTION:")
		c.text(e.Label)
		c.l = append(c.l, `\n\n`...)
		c.text(oneLine(plainSentence(e)))
		c.l = append(c.l, `\n\nSources:`...)
		for _, src := range e.Sources {
			c.l = append(c.l, `\n- `...)
			c.text(src.Title)
			if src.Article != nil && src.Article.Outlet != "" {
				c.l = append(c.l, " ("...)
				c.text(src.Article.Outlet)
				c.l = append(c.l, ')')
			}
		}
		c.end()
		if len(ev.Places) > 0 {
			c.start("LOCATION:")
			for i, p := range ev.Places {
				if i > 0 {
					c.l = append(c.l, `\, `...)
				}
				c.text(p)
			}
			c.end()
		}
		if len(ev.Actors) > 0 {
			c.start("CATEGORIES:")
			for i, a := range ev.Actors {
				if i > 0 {
					c.l = append(c.l, ',')
				}
				c.text(a)
			}
			c.end()
		}
		c.start("URL:") // a URI value, not TEXT: "\," would break a URL with a comma
		if c.l = urls.appendURL(c.l, e.Href); len(c.l) > len("URL:") {
			c.end()
		}
		c.add("END:VEVENT")
		if len(c.buf) >= chunkSize {
			c.flush()
		}
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

// icsWriter writes content lines ended by CRLF and folded at 75 octets. A line is built in l
// (start, text, end) or given whole (add), and kept in buf until flush; line writes one at
// once. The first write error stops it and is kept in err.
type icsWriter struct {
	w   io.Writer
	err error
	buf []byte // folded lines not yet written
	l   []byte // the content line being built
}

func (w *icsWriter) flush() {
	if w.err == nil && len(w.buf) > 0 {
		_, w.err = w.w.Write(w.buf)
	}
	w.buf = w.buf[:0]
}

// start begins a content line with s.
func (w *icsWriter) start(s string) { w.l = append(w.l[:0], s...) }

// text appends s to the line being built, escaped as iCalendar TEXT.
func (w *icsWriter) text(s string) { w.l = appendICSText(w.l, s) }

// end folds the line being built into buf.
func (w *icsWriter) end() { w.buf = foldICS(w.buf, w.l) }

// add folds the content line l into buf.
func (w *icsWriter) add(l string) { w.start(l); w.end() }

// addProp folds NAME:value into buf, the value escaped as iCalendar TEXT.
func (w *icsWriter) addProp(name, value string) {
	w.start(name)
	w.l = append(w.l, ':')
	w.text(value)
	w.end()
}

// prop writes NAME:value with the value escaped as iCalendar TEXT.
func (w *icsWriter) prop(name, value string) { w.addProp(name, value); w.flush() }

// line writes one content line.
func (w *icsWriter) line(l string) { w.add(l); w.flush() }

// foldICS appends the content line l, folded so no physical line exceeds 75 octets: each
// continuation starts with a space, and a UTF-8 sequence is never split.
func foldICS(dst, l []byte) []byte {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		if cut == 0 { // no rune starts in reach (not UTF-8): cut anyway rather than loop
			cut = limit
		}
		dst = append(dst, l[:cut]...)
		dst = append(dst, "\r\n "...)
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	dst = append(dst, l...)
	return append(dst, "\r\n"...)
}

// escapeText escapes a TEXT value (see appendICSText).
func escapeText(s string) string { return string(appendICSText(nil, s)) }

// icsPlain marks the ASCII bytes a TEXT value holds as they are.
var icsPlain = func() (plain [utf8.RuneSelf]bool) {
	for c := 0x20; c < 0x7f; c++ {
		plain[c] = c != '\\' && c != ';' && c != ','
	}
	return
}()

// icsPlainBytes is icsPlain over every byte value, as 0 or 1, for plainWord.
var icsPlainBytes = func() (plain [256]byte) {
	for c := range utf8.RuneSelf {
		if icsPlain[c] {
			plain[c] = 1
		}
	}
	return
}()

// appendICSText appends s escaped as a TEXT value: backslash, semicolon, comma and newlines;
// other control characters, which TEXT may not hold, are dropped, a tab becoming a space.
// Invalid UTF-8 becomes U+FFFD. Runs of plain text are copied whole.
func appendICSText(dst []byte, s string) []byte {
	start := 0 // of the run not yet copied
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plainWord(s, i, &icsPlainBytes) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf && icsPlain[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = utf8.AppendRune(dst, r)
			i++
			start = i
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '\\':
			dst = append(dst, `\\`...)
		case ';':
			dst = append(dst, `\;`...)
		case ',':
			dst = append(dst, `\,`...)
		case '\n':
			dst = append(dst, `\n`...)
		case '\t':
			dst = append(dst, ' ')
		} // other control characters are dropped
		i++
		start = i
	}
	return append(dst, s[start:]...)
}
