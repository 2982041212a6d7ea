package render

import (
	"io"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

// The large JSON exports are written by hand rather than through encoding/json: its
// reflection and MarshalIndent's second pass (marshal, then indent) were most of their cost.
// Every function here appends exactly the bytes encoding/json (or, for appendXMLText,
// encoding/xml) writes for the same value, as exports_test.go checks against the standard
// library itself on ordinary and hostile values.

// chunkSize is how much a streamed export gathers before handing it to its writer.
const chunkSize = 64 << 10

var chunks = sync.Pool{New: func() any { b := make([]byte, 0, 2*chunkSize); return &b }}

// chunkWriter gathers appended bytes and writes them out in chunks; the first write error
// is kept in err and stops further writes.
type chunkWriter struct {
	w   io.Writer
	buf *[]byte
	err error
}

func newChunkWriter(w io.Writer) *chunkWriter {
	b := chunks.Get().(*[]byte)
	*b = (*b)[:0]
	return &chunkWriter{w: w, buf: b}
}

// maybeFlush writes the gathered bytes once there are enough of them.
func (c *chunkWriter) maybeFlush() {
	if len(*c.buf) >= chunkSize {
		c.flush()
	}
}

func (c *chunkWriter) flush() {
	if c.err == nil && len(*c.buf) > 0 {
		_, c.err = c.w.Write(*c.buf)
	}
	*c.buf = (*c.buf)[:0]
}

// close writes what is left, returns the buffer to the pool and reports the first error.
func (c *chunkWriter) close() error {
	c.flush()
	if cap(*c.buf) <= 4*chunkSize { // an outsized buffer is left to the collector
		chunks.Put(c.buf)
	}
	c.buf = nil
	return c.err
}

// jsonSafe marks the ASCII bytes a JSON string holds as they are; jsonHTMLSafe also leaves
// out <, > and &, which encoding/json escapes by default.
var jsonSafe, jsonHTMLSafe = func() (safe, htmlSafe [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		safe[b] = b != '"' && b != '\\'
		htmlSafe[b] = safe[b] && b != '<' && b != '>' && b != '&'
	}
	return
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a quoted JSON string, escaped as encoding/json escapes it
// (with SetEscapeHTML(html)).
func appendJSONString(dst []byte, s string, html bool) []byte {
	dst = append(dst, '"')
	dst = appendJSONStringBody(dst, s, html)
	return append(dst, '"')
}

// appendJSONStringBody is appendJSONString without the quotes. Invalid UTF-8 becomes U+FFFD,
// and U+2028 and U+2029 are always escaped, as encoding/json does.
func appendJSONStringBody(dst []byte, s string, html bool) []byte {
	safe, plain := &jsonSafe, &plainBytes
	if html {
		safe, plain = &jsonHTMLSafe, &plainHTMLBytes
	}
	start := 0
	for i := 0; i < len(s); {
		// Most text needs no escaping: eight bytes are checked at once, and the byte-by-byte
		// path below only runs where one of them may need it.
		if i+8 <= len(s) && plainWord(s, i, plain) {
			i += 8
			continue
		}
		if b := s[i]; b < utf8.RuneSelf {
			if safe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}

// plainBytes and plainHTMLBytes are jsonSafe and jsonHTMLSafe over every byte value, as
// 0 or 1: plainWord ands eight lookups rather than branching on each byte.
var plainBytes, plainHTMLBytes = func() (plain, plainHTML [256]byte) {
	for b := range utf8.RuneSelf {
		if jsonSafe[b] {
			plain[b] = 1
		}
		if jsonHTMLSafe[b] {
			plainHTML[b] = 1
		}
	}
	return
}()

// plainWord reports whether table t marks each of the eight bytes of s at i as plain (1):
// none of them needs escaping.
func plainWord(s string, i int, t *[256]byte) bool {
	w := s[i : i+8]
	return t[w[0]]&t[w[1]]&t[w[2]]&t[w[3]]&t[w[4]]&t[w[5]]&t[w[6]]&t[w[7]] != 0
}

// indents is a newline and spaces: deeper slices its indentation from it.
const indents = "\n                                                                "

// deeper is the indentation nl one level in: nl and two more spaces.
func deeper(nl string) string {
	if len(nl)+2 <= len(indents) && indents[:len(nl)] == nl {
		return indents[:len(nl)+2]
	}
	return nl + "  "
}

// appendKey appends a field's name, on its own line at indent nl ("\n" and the indentation)
// when nl is not empty; comma says whether a field came before.
func appendKey(dst []byte, nl string, comma bool, key string) []byte {
	if comma {
		dst = append(dst, ',')
	}
	dst = append(dst, nl...)
	dst = append(dst, '"')
	dst = append(dst, key...)
	if nl == "" {
		return append(dst, '"', ':')
	}
	return append(dst, '"', ':', ' ')
}

// appendStrings appends a []string as MarshalIndent does with the object holding it at
// indent nl: null when nil, [] when empty, else one value a line; compact when nl is "".
func appendStrings(dst []byte, nl string, vals []string, html bool) []byte {
	if vals == nil {
		return append(dst, "null"...)
	}
	if len(vals) == 0 {
		return append(dst, '[', ']')
	}
	dst = append(dst, '[')
	for i, v := range vals {
		if i > 0 {
			dst = append(dst, ',')
		}
		if nl != "" {
			dst = append(dst, nl...)
			dst = append(dst, ' ', ' ')
		}
		dst = appendJSONString(dst, v, html)
	}
	dst = append(dst, nl...)
	return append(dst, ']')
}

// appendDate appends d as its text form, "YYYY-MM-DD" ("" for the zero date) with sep
// between the parts; dates outside the usual ranges take extract.Date's own formatting.
func appendDate(dst []byte, d extract.Date, sep bool) []byte {
	if d.IsZero() {
		return dst
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 0 || d.Day > 99 {
		for _, c := range []byte(d.String()) {
			if sep || c != '-' {
				dst = append(dst, c)
			}
		}
		return dst
	}
	y, m := d.Year, int(d.Month)
	dst = append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	if sep {
		dst = append(dst, '-')
	}
	dst = append(dst, byte('0'+m/10), byte('0'+m%10))
	if sep {
		dst = append(dst, '-')
	}
	return append(dst, byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// appendEventJSON appends ev as json.MarshalIndent(ev, nl[1:], "  ") gives it after its
// first line's indentation, nl being "\n" and the indentation of the line the event
// starts on. file gives source i's file as it is to be written, encoded: a quoted JSON string.
func appendEventJSON(dst []byte, ev *events.Event, nl string, file func(i int) string) []byte {
	in := deeper(nl) // fields
	dst = append(dst, '{')
	dst = appendKey(dst, in, false, "id")
	dst = appendJSONString(dst, ev.ID, true)
	dst = appendKey(dst, in, true, "value")
	dst = appendJSONString(dst, ev.Value, true)
	if ev.Mod != "" {
		dst = appendKey(dst, in, true, "mod")
		dst = appendJSONString(dst, ev.Mod, true)
	}
	dst = appendKey(dst, in, true, "from")
	dst = append(dst, '"')
	dst = appendDate(dst, ev.From, true)
	dst = append(dst, '"')
	dst = appendKey(dst, in, true, "to")
	dst = append(dst, '"')
	dst = appendDate(dst, ev.To, true)
	dst = append(dst, '"')
	dst = appendKey(dst, in, true, "label")
	dst = appendJSONString(dst, ev.Label, true)
	dst = appendKey(dst, in, true, "precision")
	dst = appendJSONString(dst, ev.Precision, true)
	dst = appendKey(dst, in, true, "title")
	dst = appendJSONString(dst, ev.Title, true)
	dst = appendKey(dst, in, true, "text")
	dst = appendJSONString(dst, ev.Text, true)
	dst = appendKey(dst, in, true, "actors")
	dst = appendStrings(dst, in, ev.Actors, true)
	dst = appendKey(dst, in, true, "places")
	dst = appendStrings(dst, in, ev.Places, true)
	dst = appendKey(dst, in, true, "weight")
	dst = strconv.AppendInt(dst, int64(ev.Weight), 10)
	if len(ev.Merged) > 0 {
		dst = appendKey(dst, in, true, "merged")
		dst = appendStrings(dst, in, ev.Merged, true)
	}
	dst = appendKey(dst, in, true, "sources")
	switch {
	case ev.Sources == nil:
		dst = append(dst, "null"...)
	case len(ev.Sources) == 0:
		dst = append(dst, '[', ']')
	default:
		item := deeper(in)
		field := deeper(item)
		dst = append(dst, '[')
		for i := range ev.Sources {
			src := &ev.Sources[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, item...)
			dst = append(dst, '{')
			dst = appendKey(dst, field, false, "file")
			dst = append(dst, file(i)...)
			dst = appendKey(dst, field, true, "title")
			dst = appendJSONString(dst, src.Title, true)
			dst = appendKey(dst, field, true, "start")
			dst = strconv.AppendInt(dst, int64(src.Start), 10)
			dst = appendKey(dst, field, true, "end")
			dst = strconv.AppendInt(dst, int64(src.End), 10)
			dst = appendKey(dst, field, true, "text")
			dst = appendJSONString(dst, src.Text, true)
			dst = appendKey(dst, field, true, "sentence")
			dst = appendJSONString(dst, src.Sentence, true)
			dst = append(dst, item...)
			dst = append(dst, '}')
		}
		dst = append(dst, in...)
		dst = append(dst, ']')
	}
	dst = append(dst, nl...)
	return append(dst, '}')
}

// appendXMLText appends s escaped as encoding/xml escapes character data (xml.EscapeText):
// markup characters, quotes, tab, newline and carriage return as references, and invalid
// UTF-8 or characters XML may not hold as U+FFFD.
func appendXMLText(dst, s []byte) []byte {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRune(s[i:])
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			continue
		}
		dst = append(dst, s[last:i-width]...)
		dst = append(dst, esc...)
		last = i
	}
	return append(dst, s[last:]...)
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
