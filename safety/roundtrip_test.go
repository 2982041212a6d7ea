package safety

import (
	"path"
	"strings"
	"testing"
)

// checkRoundTrip: escaping must not lose or mangle what readers should see. The hostile
// strings come out of each format, decoded by its own rules, exactly as the articles wrote them.
func checkRoundTrip(t *testing.T, s *site, files map[string][]byte) {
	// HTML: the hostile title is shown as text somewhere, and template actions stay literal.
	var shown []string
	for name, data := range files {
		if path.Ext(name) == ".html" {
			shown = append(shown, htmlTexts(data)...)
		}
	}
	for _, want := range []string{markupTitle, templateDot, cdataEnd, titleClose, "../../etc/passwd", "/abs/path", "CON",
		"🚀 مرحبا بالعالم עברית 🇺🇳 talks", imgAttr + ".md", siteTitle} {
		if !anyEquals(shown, want) && !anyContains(shown, want) {
			t.Errorf("HTML: %q is not shown as text on any page", want)
		}
	}
	for _, text := range shown {
		if strings.Contains(text, "Site <b>bold</b> ; , \\ <script>") && !strings.Contains(text, siteTitle) {
			t.Errorf("HTML: the site title is mangled: %q", clipText(text))
		}
	}

	// JSON: the title is a string value, byte for byte.
	for _, c := range []struct{ file, path, want string }{
		{"events.json", "[].sources[].title", markupTitle},
		{"events.json", "[].sources[].title", icsTitle},
		{"search-index.json", ".sources[]", markupTitle},
		{"search-index.json", ".outlets[]", imgAttr + " Outlet"},
		{"timelinejs.json", ".title.text.headline", "Site &lt;b&gt;bold&lt;/b&gt; ; , \\ &lt;script&gt;alert(1)&lt;/script&gt;"},
	} {
		strs := jsonStrings(t, c.file, files[c.file])
		if !anyEquals(strs[c.path], c.want) {
			t.Errorf("%s %s: no value is exactly %q (have %d values, e.g. %q)", c.file, c.path, c.want, len(strs[c.path]), first(strs[c.path]))
		}
	}
	// The sentences with markup in them reach events.json as the text they are.
	strs := jsonStrings(t, "events.json", files["events.json"])
	if !anyContains(strs["[].text"], "the minister said "+scriptTag+" to reporters") {
		t.Errorf("events.json: no event text holds the sentence with %q", scriptTag)
	}
	// The report names the hostile files with a problem, exactly (invalid UTF-8 as U+FFFD).
	rep := jsonStrings(t, "report.json", files["report.json"])
	for _, want := range []string{imgAttr + " bad.md", "bad\ufffdproblem.md"} {
		if !anySuffix(rep[".problems[].file"], "/"+want) {
			t.Errorf("report.json: no problem names the file %q: %q", want, rep[".problems[].file"])
		}
	}

	// XML: the feed's HTML summaries show the sentence's markup as text.
	feed := checkXML(t, "feed.xml", files["feed.xml"])
	if !anyContains(feed["summary"], scriptTag) {
		t.Errorf("feed.xml: no summary shows %q as text", scriptTag)
	}
	if !anyEquals(feed["title"], siteTitle) {
		t.Errorf("feed.xml: the feed title is not exactly %q: %q", siteTitle, first(feed["title"]))
	}

	// iCalendar: unescaped, the values are the text as written.
	cal := calendar(t, files["events.ics"])
	if !anyEquals(cal["X-WR-CALNAME"], siteTitle) {
		t.Errorf("events.ics: X-WR-CALNAME is %q, want %q", first(cal["X-WR-CALNAME"]), siteTitle)
	}
	for _, want := range []string{"- " + markupTitle, "- " + icsTitle + " (A;B,C\\D)", "- 🚀 مرحبا بالعالم עברית 🇺🇳 talks"} {
		if !anyContains(cal["DESCRIPTION"], want) {
			t.Errorf("events.ics: no DESCRIPTION holds %q", clipText(want))
		}
	}
	if !anyContains(cal["DESCRIPTION"], "the ministry; the council, and the \\ committee") {
		t.Errorf("events.ics: the sentence with ; , and \\ does not come back from any DESCRIPTION")
	}
}

func anyEquals(vs []string, want string) bool {
	for _, v := range vs {
		if v == want {
			return true
		}
	}
	return false
}

func anyContains(vs []string, want string) bool {
	for _, v := range vs {
		if strings.Contains(v, want) {
			return true
		}
	}
	return false
}

func anySuffix(vs []string, want string) bool {
	for _, v := range vs {
		if strings.HasSuffix(v, want) {
			return true
		}
	}
	return false
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return clipText(vs[0])
}
