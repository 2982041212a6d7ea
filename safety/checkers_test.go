package safety

import (
	"fmt"
	"html"
	"strings"
	"testing"
)

// recorder collects what a checker reports, so these tests can see that it reports.
type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCheckersCatch feeds each checker output that a broken renderer could write, and output
// that is fine: a checker that passes everything would make the whole suite prove nothing.
func TestCheckersCatch(t *testing.T) {
	scripts := map[string]bool{"static/reader.js": true}
	page := func(body string) string {
		return `<!doctype html><html><head><title>x · ` + html.EscapeString(siteTitle) + `</title><script src="../static/reader.js" defer></script></head><body>` + body + `</body></html>`
	}
	htmlCases := []struct {
		name, doc string
		bad       bool
	}{
		{"clean page", page(`<p title="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p><a href="https://example.org/">x</a><a href="java%09script:x">relative</a>`), false},
		{"inline script", page(`<script>alert(1)</script>`), true},
		{"foreign script", page(`<script src="https://evil.example/x.js"></script>`), true},
		{"other static script", page(`<script src="../static/other.js"></script>`), true},
		{"event handler", page(`<p onmouseover="alert(1)">x</p>`), true},
		{"injected img", page(`<img src=x onerror=alert(1)>`), true},
		{"javascript href", page(`<a href="javascript:alert(1)">x</a>`), true},
		{"javascript href with a tab", page(`<a href="java&#9;script:alert(1)">x</a>`), true},
		{"javascript href upper case, leading space", page(`<a href=" JAVASCRIPT:alert(1)">x</a>`), true},
		{"data src", page(`<iframe src="data:text/html,x"></iframe>`), true},
		{"vbscript", page(`<a href="vbscript:x">x</a>`), true},
		{"svg", page(`<svg><a xlink:href="javascript:x">x</a></svg>`), true},
		{"attribute broken out", page(`<p title="a"><img src=x>">x</p>`), true},
		{"comma in a URL", page(`<a href="https://example.org/,javascript:x">x</a>`), false},
		{"srcset", page(`<img srcset="a.png 1x, javascript:x 2x" alt="">`), true},
		{"inline png", page(`<img src="data:image/png;base64,iVBORw0KGgo=" alt="">`), false},
		{"inline svg", page(`<img src="data:image/svg+xml,x" alt="">`), true},
		{"target blank without noopener", page(`<a href="https://example.org/" target="_blank">x</a>`), true},
		{"target blank with noopener", page(`<a href="https://example.org/" target="_blank" rel="external noopener">x</a>`), false},
		{"meta refresh", page(`<meta http-equiv="refresh" content="0;url=javascript:x">`), true},
		{"raw markup", page(`<p>&lt;x&gt;</p><b>tag</b>`), true},
	}
	for _, c := range htmlCases {
		t.Run("html "+c.name, func(t *testing.T) {
			r := &recorder{}
			files := map[string][]byte{"events/a.html": []byte(c.doc)}
			checkHTMLPages(r, files, scripts, "/site/")
			if got := len(r.errs) > 0; got != c.bad {
				t.Errorf("reported %v, want %v: %q", r.errs, c.bad, c.doc)
			}
		})
	}

	icsCases := []struct {
		name, ics string
		bad       bool
	}{
		{"clean", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:a\\;b\\,c\\\\d\\nnext\r\nDTSTART;VALUE=DATE:20210814\r\nDESCRIPTION:" + strings.Repeat("x", 62) + "\r\n " + strings.Repeat("y", 74) + "\r\n z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", false},
		{"split UTF-8", "BEGIN:VCALENDAR\r\nSUMMARY:" + strings.Repeat("x", 65) + "\xc3\r\n \xa9\r\nEND:VCALENDAR\r\n", true},
		{"bare LF", "BEGIN:VCALENDAR\nEND:VCALENDAR\r\n", true},
		{"long line", "BEGIN:VCALENDAR\r\nSUMMARY:" + strings.Repeat("x", 70) + "\r\nEND:VCALENDAR\r\n", true},
		{"injected property", "BEGIN:VCALENDAR\r\nSUMMARY:a\r\nATTENDEE:mailto:x@example.org\r\nEND:VCALENDAR\r\n", true},
		{"bare semicolon", "BEGIN:VCALENDAR\r\nSUMMARY:a;b\r\nEND:VCALENDAR\r\n", true},
		{"bare comma", "BEGIN:VCALENDAR\r\nSUMMARY:a,b\r\nEND:VCALENDAR\r\n", true},
		{"bad escape", "BEGIN:VCALENDAR\r\nSUMMARY:a\\b\r\nEND:VCALENDAR\r\n", true},
		{"continuation without space", "BEGIN:VCALENDAR\r\nSUMMARY:a\r\nb\r\nEND:VCALENDAR\r\n", true},
		{"five-digit year", "BEGIN:VCALENDAR\r\nDTSTART;VALUE=DATE:100000101\r\nEND:VCALENDAR\r\n", true},
		{"nested calendar", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", true},
	}
	for _, c := range icsCases {
		t.Run("ics "+c.name, func(t *testing.T) {
			r := &recorder{}
			calendar(r, []byte(c.ics))
			if got := len(r.errs) > 0; got != c.bad {
				t.Errorf("reported %v, want %v", r.errs, c.bad)
			}
		})
	}

	xmlCases := []struct {
		name, xml string
		bad       bool
	}{
		{"clean", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>a &lt;b&gt;</title><id>urn:x</id><entry><summary type="html">&lt;p&gt;&amp;lt;script&amp;gt;&lt;/p&gt;</summary></entry></feed>`, false},
		{"injected element", `<feed><title>a<evil/></title></feed>`, true},
		{"not well formed", `<feed><title>a]]></title>`, true},
		{"script in html summary", `<feed><summary type="html">&lt;script&gt;alert(1)&lt;/script&gt;</summary></feed>`, true},
		{"doctype", `<!DOCTYPE feed [<!ENTITY x "y">]><feed></feed>`, true},
		{"illegal character", "<feed><title>a\uffffb</title></feed>", true},
		{"javascript link", `<feed><link href="javascript:alert(1)"/></feed>`, true},
	}
	for _, c := range xmlCases {
		t.Run("xml "+c.name, func(t *testing.T) {
			r := &recorder{}
			checkXML(r, "feed.xml", []byte(c.xml))
			if got := len(r.errs) > 0; got != c.bad {
				t.Errorf("reported %v, want %v", r.errs, c.bad)
			}
		})
	}

	jsonCases := []struct {
		name, json string
		bad        bool
	}{
		{"clean", `{"a":"<script>\u2028"}`, false},
		{"truncated", `{"a":"x"`, true},
		{"two values", `{} {}`, true},
		{"bare control", "{\"a\":\"x\ny\"}", true},
	}
	for _, c := range jsonCases {
		t.Run("json "+c.name, func(t *testing.T) {
			r := &recorder{}
			jsonStrings(r, "x.json", []byte(c.json))
			if got := len(r.errs) > 0; got != c.bad {
				t.Errorf("reported %v, want %v", r.errs, c.bad)
			}
		})
	}
}
