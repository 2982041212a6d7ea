package safety

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// ---- JSON ----

// jsonStrings decodes a JSON file and returns every string in it (keys too) with its path.
func jsonStrings(t reporter, name string, data []byte) map[string][]string {
	if !json.Valid(data) {
		t.Errorf("%s is not valid JSON", name)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Errorf("%s: %v", name, err)
		return nil
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Errorf("%s: more than one JSON value", name)
	}
	out := map[string][]string{} // path ("events[].text.headline") to values
	var walk func(p string, v any)
	walk = func(p string, v any) {
		switch v := v.(type) {
		case string:
			out[p] = append(out[p], v)
		case []any:
			for _, e := range v {
				walk(p+"[]", e)
			}
		case map[string]any:
			for k, e := range v {
				out["key"] = append(out["key"], k)
				walk(p+"."+k, e)
			}
		}
	}
	walk("", v)
	return out
}

// checkJSONFiles: every JSON file is valid; HTML inside TimelineJS is safe; links in the search
// index stay on the site.
func checkJSONFiles(t *testing.T, s *site, files map[string][]byte) {
	n := 0
	for name, data := range files {
		if path.Ext(name) != ".json" {
			continue
		}
		n++
		strs := jsonStrings(t, name, data)
		if bytes.Contains(data, []byte("\u2028")) || bytes.Contains(data, []byte("\u2029")) {
			t.Errorf("%s holds a raw U+2028/U+2029: JSON is valid but breaks JavaScript that embeds it", name)
		}
		switch name {
		case "timelinejs.json":
			for p, vs := range strs {
				// TimelineJS shows these as HTML (group and display_date too).
				if strings.HasSuffix(p, ".headline") || strings.HasSuffix(p, ".text.text") || strings.HasSuffix(p, ".group") || strings.HasSuffix(p, ".display_date") {
					for _, v := range vs {
						fragmentChecks(t, name+" "+p, v)
					}
				}
			}
		case "search-index.json":
			for _, p := range []string{".url", ".events[].u"} {
				for _, v := range strs[p] {
					if sc := scheme(v); sc != "" || strings.HasPrefix(v, "/") || strings.Contains(v, "..") {
						t.Errorf("%s %s: link %q leaves the site", name, p, v)
					}
				}
			}
		}
	}
	if n < 4 {
		t.Errorf("only %d JSON files", n)
	}
}

// ---- XML ----

// xmlElements are the only elements feed.xml and sitemap.xml may hold.
var xmlElements = map[string]bool{
	"feed": true, "title": true, "subtitle": true, "id": true, "updated": true, "published": true,
	"link": true, "author": true, "name": true, "generator": true, "entry": true, "summary": true,
	"content": true, "category": true, "rights": true, "urlset": true, "url": true, "loc": true, "lastmod": true,
}

// xmlText is the text of each element of an XML file, by element name; HTML-typed Atom text is
// checked as HTML and returned as the text a reader shows.
func checkXML(t reporter, name string, data []byte) map[string][]string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	texts := map[string][]string{}
	var stack []xml.StartElement
	var buf strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
			return texts
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !xmlElements[tok.Name.Local] {
				t.Errorf("%s: unexpected element <%s> (namespace %q)", name, tok.Name.Local, tok.Name.Space)
			}
			if len(stack) > 6 {
				t.Errorf("%s: elements nested %d deep", name, len(stack))
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "href" {
					if sc := scheme(a.Value); sc != "" && sc != "http" && sc != "https" {
						t.Errorf("%s: <%s href=%q>", name, tok.Name.Local, a.Value)
					}
				}
			}
			stack = append(stack, tok)
			buf.Reset()
		case xml.CharData:
			buf.Write(tok)
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			text := buf.String()
			buf.Reset()
			typ := ""
			for _, a := range top.Attr {
				if a.Name.Local == "type" {
					typ = a.Value
				}
			}
			if typ == "html" || typ == "xhtml" {
				text = fragmentChecks(t, name+" <"+top.Name.Local+">", text)
			}
			texts[top.Name.Local] = append(texts[top.Name.Local], text)
			if top.Name.Local == "loc" || top.Name.Local == "id" {
				if sc := scheme(text); sc != "http" && sc != "https" && sc != "urn" {
					t.Errorf("%s: <%s>%s</%s>", name, top.Name.Local, text, top.Name.Local)
				}
			}
		case xml.ProcInst:
			if tok.Target != "xml" {
				t.Errorf("%s: processing instruction %q", name, tok.Target)
			}
		case xml.Directive:
			t.Errorf("%s: directive %q (a DOCTYPE can declare entities)", name, tok)
		}
	}
	if len(stack) != 0 {
		t.Errorf("%s: %d elements left open", name, len(stack))
	}
	return texts
}

func checkXMLFiles(t *testing.T, s *site, files map[string][]byte) {
	for _, name := range []string{"feed.xml", "sitemap.xml"} {
		data, ok := files[name]
		if !ok {
			t.Errorf("%s not written", name)
			continue
		}
		checkXML(t, name, data)
	}
}

// ---- iCalendar ----

// icsLine is one unfolded content line: NAME;PARAMS:VALUE.
var icsLine = regexp.MustCompile(`^([A-Z][A-Z0-9-]*)((?:;[A-Z0-9-]+=[^;:,"]*)*):(.*)$`)

// icsProps are the properties events.ics may hold; anything else is injected.
var icsProps = map[string]bool{
	"BEGIN": true, "END": true, "VERSION": true, "PRODID": true, "CALSCALE": true, "METHOD": true,
	"X-WR-CALNAME": true, "X-WR-CALDESC": true, "UID": true, "DTSTAMP": true, "DTSTART": true, "DTEND": true,
	"SUMMARY": true, "DESCRIPTION": true, "LOCATION": true, "CATEGORIES": true, "URL": true,
}

// icsTextProps hold TEXT values (CATEGORIES a list of them).
var icsTextProps = map[string]bool{"X-WR-CALNAME": true, "X-WR-CALDESC": true, "SUMMARY": true, "DESCRIPTION": true, "LOCATION": true, "CATEGORIES": true}

type icsProp struct{ name, params, value string }

// parseICS checks the physical form of an iCalendar file (CRLF, 75 octets, folding) and
// returns its unfolded content lines.
func parseICS(t reporter, data []byte) []icsProp {
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		t.Errorf("events.ics does not end with CRLF")
	}
	phys := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var logical []string
	for i, l := range phys {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, clipText(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, clipText(l))
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets long (max 75): %q", i+1, len(l), clipText(l))
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(logical) == 0 {
				t.Errorf("line %d: a continuation with nothing to continue", i+1)
				continue
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		if l == "" {
			t.Errorf("line %d is empty", i+1)
			continue
		}
		logical = append(logical, l)
	}
	var props []icsProp
	for _, l := range logical {
		m := icsLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("not a content line: %q", clipText(l))
			continue
		}
		props = append(props, icsProp{m[1], m[2], m[3]})
	}
	return props
}

// unescapeICS reads a TEXT value, reporting escapes RFC 5545 does not allow and separators
// left bare. list says whether unescaped commas separate values.
func unescapeICS(t reporter, prop, v string, list bool) []string {
	var vals []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '\\':
			if i+1 == len(v) {
				t.Errorf("%s: value ends in a lone backslash: %q", prop, clipText(v))
				continue
			}
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				t.Errorf("%s: invalid escape \\%c in %q", prop, v[i], clipText(v))
			}
		case ';':
			t.Errorf("%s: unescaped ';' in TEXT %q", prop, clipText(v))
			b.WriteByte(c)
		case ',':
			if !list {
				t.Errorf("%s: unescaped ',' in TEXT %q", prop, clipText(v))
				b.WriteByte(c)
				continue
			}
			vals = append(vals, b.String())
			b.Reset()
		default:
			if c < 0x20 && c != '\t' || c == 0x7f {
				t.Errorf("%s: control character %#x in TEXT", prop, c)
			}
			b.WriteByte(c)
		}
	}
	return append(vals, b.String())
}

var icsDate = regexp.MustCompile(`^[0-9]{8}$`)
var icsStamp = regexp.MustCompile(`^[0-9]{8}T[0-9]{6}Z$`)

// calendar reads events.ics into its properties' unescaped values, by name.
func calendar(t reporter, data []byte) map[string][]string {
	values := map[string][]string{}
	depth := 0
	for _, p := range parseICS(t, data) {
		if !icsProps[p.name] {
			t.Errorf("injected or unknown property %s:%s", p.name, clipText(p.value))
		}
		switch p.name {
		case "BEGIN":
			depth++
			if p.value != "VCALENDAR" && p.value != "VEVENT" || depth > 2 {
				t.Errorf("BEGIN:%s at depth %d", p.value, depth)
			}
		case "END":
			depth--
		case "DTSTART", "DTEND":
			if p.params != ";VALUE=DATE" || !icsDate.MatchString(p.value) {
				t.Errorf("%s%s:%s is not a DATE value", p.name, p.params, p.value)
			}
		case "DTSTAMP":
			if !icsStamp.MatchString(p.value) {
				t.Errorf("DTSTAMP:%s is not a UTC DATE-TIME", p.value)
			}
		case "UID", "URL":
			if strings.ContainsAny(p.value, " <>\"\\") {
				t.Errorf("%s:%s", p.name, p.value)
			}
		}
		if p.params != "" && p.name != "DTSTART" && p.name != "DTEND" {
			t.Errorf("%s has parameters %q", p.name, p.params)
		}
		if icsTextProps[p.name] {
			values[p.name] = append(values[p.name], unescapeICS(t, p.name, p.value, p.name == "CATEGORIES")...)
		} else {
			values[p.name] = append(values[p.name], p.value)
		}
	}
	if depth != 0 {
		t.Errorf("BEGIN and END do not match (depth %d at the end)", depth)
	}
	return values
}

func checkICS(t *testing.T, s *site, files map[string][]byte) {
	data, ok := files["events.ics"]
	if !ok {
		t.Fatal("events.ics not written")
	}
	if !bytes.HasPrefix(data, []byte("BEGIN:VCALENDAR\r\n")) {
		t.Error("events.ics does not start with BEGIN:VCALENDAR")
	}
	values := calendar(t, data)
	if len(values["SUMMARY"]) < 5 {
		t.Errorf("only %d events in the calendar", len(values["SUMMARY"]))
	}
}
