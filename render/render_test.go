package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/timeline-news/timeline/extract"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// goldenFiles are the rendered files compared byte for byte with testdata/golden. After an
// intended change to the templates or the renderer, run: go test ./render -run Golden -update
// and review the diff of testdata/golden.
var goldenFiles = []string{
	"index.html",
	"events/2021-08/2021-08-06-talks-resume.html",
	"events/2021-07/2021-07-late-envoy-meets.html",
	"articles/2021/a.html",
	"articles/2021/b.html",
	"articles/2018/c.html",
	"sources/index.html",
	"report/index.html",
	"404.html",
	"events.json",
	"timelinejs.json",
	"events.ics",
	"feed.xml",
	"sitemap.xml",
	"robots.txt",
	"report.json",
}

func TestGolden(t *testing.T) {
	site := renderFixture(t, "https://example.org/sub/")
	for _, name := range goldenFiles {
		t.Run(name, func(t *testing.T) {
			f, ok := site[name]
			if !ok {
				t.Fatalf("%s was not written", name)
			}
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "__"))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./render -run Golden -update to create it)", err)
			}
			if !bytes.Equal(f.Data, want) {
				t.Errorf("%s differs from %s (run with -update after an intended change):\n%s", name, golden, firstDiff(string(want), string(f.Data)))
			}
		})
	}
}

// firstDiff shows the first line where got departs from want.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

func TestDeterministic(t *testing.T) {
	a, b := renderFixture(t, "https://example.org/"), renderFixture(t, "https://example.org/")
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Errorf("%s differs between two renders of the same site", name)
		}
	}
}

func TestEscaping(t *testing.T) {
	site := renderFixture(t, "")
	for name, f := range site {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		s := string(f.Data)
		for _, bad := range []string{"<script>alert", "<b>meets", "<minister>", "javascript:"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains unescaped %q", name, bad)
			}
		}
		if n := strings.Count(s, "<h1"); n != 1 {
			t.Errorf("%s has %d h1 elements, want 1", name, n)
		}
	}
	if !strings.Contains(string(site["articles/2021/a.html"].Data), "raw HTML omitted") {
		t.Error("raw HTML in Markdown was not omitted")
	}
}

func TestArticleMarks(t *testing.T) {
	site := renderFixture(t, "")
	a := string(site["articles/2021/a.html"].Data)
	for _, want := range []string{
		`<mark class="timex" id="t-196"`, `href="../../events/2021-07/2021-07-late-envoy-meets.html">late July</a></mark>`,
		`<strong><mark class="timex" id="t-249"`, // an expression split by emphasis is marked piece by piece
		`<h2>Talks in Kabul</h2>`,                // the article's own h1 moves down a level
	} {
		if !strings.Contains(a, want) {
			t.Errorf("article a lacks %s", want)
		}
	}
	c := string(site["articles/2018/c.html"].Data)
	if strings.Contains(c, "The meeting in Kabul took place") {
		t.Error("an article with no licence shows its full text")
	}
	if !strings.Contains(c, `<mark class="timex unresolved" id="t-719" title="not resolved (XXXX-WXX)">last week</mark>`) {
		t.Error("the unresolved expression of article c is not listed as such")
	}
	b := string(site["articles/2021/b.html"].Data)
	if n := strings.Count(b, "<p>"); n != 3 {
		t.Errorf("plain-text article b has %d paragraphs, want 3 (split at line ends and double spaces)", n)
	}
}

// TestLinks checks every internal link and asset of the built site, served at a root and
// under a sub-path (GitHub project pages): each href and src must name a file of the output,
// and each #fragment an id on the target page.
func TestLinks(t *testing.T) {
	for _, base := range []string{"https://example.org/", "https://user.github.io/repo/", ""} {
		t.Run(base, func(t *testing.T) {
			site := renderFixture(t, base)
			checkLinks(t, site, base)
		})
	}
}

func checkLinks(t *testing.T, site fstest.MapFS, base string) {
	t.Helper()
	basePath := "/"
	if base != "" {
		u, _ := url.Parse(base)
		basePath = u.Path
	}
	ids := map[string]map[string]bool{}
	links := map[string][]string{}
	for name, f := range site {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pageIDs, refs, err := scanHTML(f.Data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		ids[name], links[name] = pageIDs, refs
	}
	checked := 0
	for _, name := range sortedNames(links) {
		pageURL := &url.URL{Path: basePath + name}
		for _, ref := range links[name] {
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad URL %q", name, ref)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // external, or the canonical URL: internal links are all relative
			}
			target := pageURL.ResolveReference(u)
			if !strings.HasPrefix(target.Path, basePath) {
				t.Errorf("%s: %q leaves the site (%s is outside %s)", name, ref, target.Path, basePath)
				continue
			}
			file := strings.TrimPrefix(target.Path, basePath)
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			if _, ok := site[file]; !ok {
				t.Errorf("%s: %q points to %s, which is not in the output", name, ref, file)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(file, ".html") && !ids[file][u.Fragment] {
				t.Errorf("%s: %q: no id %q in %s", name, ref, u.Fragment, file)
			}
			checked++
		}
	}
	if checked < 50 {
		t.Errorf("only %d links checked: the checker is not seeing the pages", checked)
	}
}

func sortedNames[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// scanHTML parses a page and returns its ids and the URLs of its links, images, scripts and
// style sheets (not <link rel=canonical|alternate>, which are absolute by design, nor the
// data-index of the search form, which is checked as an href).
func scanHTML(data []byte) (map[string]bool, []string, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	ids := map[string]bool{}
	var refs []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			if id, ok := attr["id"]; ok {
				if ids[id] {
					err = fmt.Errorf("duplicate id %q", id)
				}
				ids[id] = true
			}
			for _, k := range []string{"href", "src", "data-index"} {
				if v, ok := attr[k]; ok && !(n.Data == "link" && (attr["rel"] == "canonical")) {
					refs = append(refs, v)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids, refs, err
}

func TestFeedAndSitemapAreXML(t *testing.T) {
	site := renderFixture(t, "https://example.org/sub/")
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(site["feed.xml"].Data, &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if len(feed.Entries) != 5 || feed.Updated != "2021-08-14T00:00:00Z" {
		t.Errorf("feed: %d entries updated %s, want 5 updated 2021-08-14T00:00:00Z", len(feed.Entries), feed.Updated)
	}
	seen := map[string]bool{}
	for _, e := range feed.Entries {
		if seen[e.ID] || !strings.HasPrefix(e.Link.Href, "https://example.org/sub/events/") || e.Updated == "" {
			t.Errorf("feed entry %+v: duplicate id, bad link or no updated", e)
		}
		seen[e.ID] = true
	}
	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(site["sitemap.xml"].Data, &sitemap); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	if len(sitemap.URLs) != 1+5+3+1 {
		t.Errorf("sitemap lists %d pages, want 10", len(sitemap.URLs))
	}
	for _, u := range sitemap.URLs {
		rel := strings.TrimPrefix(u.Loc, "https://example.org/sub/")
		if rel == u.Loc {
			t.Errorf("sitemap URL %s is not under the base URL", u.Loc)
		} else if _, ok := site[pageFile(rel)]; !ok {
			t.Errorf("sitemap URL %s has no page", u.Loc)
		}
	}
	if _, ok := renderFixture(t, "")["sitemap.xml"]; ok {
		t.Error("a sitemap was written without a base_url (it needs absolute URLs)")
	}
}

func TestCalendar(t *testing.T) {
	data := string(renderFixture(t, "https://example.org/")["events.ics"].Data)
	if !strings.HasSuffix(data, "\r\n") || strings.Contains(strings.ReplaceAll(data, "\r\n", ""), "\n") {
		t.Fatal("events.ics: every line must end with CRLF and no bare LF may appear")
	}
	physical := strings.Split(strings.TrimSuffix(data, "\r\n"), "\r\n")
	var lines []string // unfolded content lines
	for i, l := range physical {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets long (max 75): %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
		} else {
			lines = append(lines, l)
		}
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Fatalf("not a VCALENDAR: %q ... %q", lines[0], lines[len(lines)-1])
	}
	for _, req := range []string{"VERSION:2.0", "PRODID:"} {
		if !hasPrefixLine(lines, req) {
			t.Errorf("calendar lacks %s", req)
		}
	}
	var events [][]string
	for _, l := range lines {
		switch {
		case l == "BEGIN:VEVENT":
			events = append(events, nil)
		case l == "END:VEVENT":
		case len(events) > 0:
			events[len(events)-1] = append(events[len(events)-1], l)
		}
	}
	if len(events) != 5 {
		t.Fatalf("%d VEVENTs, want 5", len(events))
	}
	uids := map[string]bool{}
	for _, ev := range events {
		props := map[string]string{}
		for _, l := range ev {
			name, value, _ := strings.Cut(l, ":")
			props[name] = value
		}
		for _, req := range []string{"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY"} {
			if props[req] == "" {
				t.Errorf("VEVENT lacks %s: %q", req, ev)
			}
		}
		if uids[props["UID"]] {
			t.Errorf("duplicate UID %s", props["UID"])
		}
		uids[props["UID"]] = true
		if !(props["DTSTART;VALUE=DATE"] < props["DTEND;VALUE=DATE"]) {
			t.Errorf("DTEND %s is not after DTSTART %s (all-day ends are exclusive)", props["DTEND;VALUE=DATE"], props["DTSTART;VALUE=DATE"])
		}
		if len(props["DTSTAMP"]) != 16 || !strings.HasSuffix(props["DTSTAMP"], "Z") {
			t.Errorf("DTSTAMP %q is not a UTC date-time", props["DTSTAMP"])
		}
	}
	if !strings.Contains(data, `SUMMARY:Campaign intensifies\; a title\, with commas`) {
		t.Error("SUMMARY text is not escaped (; and , need a backslash)")
	}
	// July's fuzzy "late July" spans 21 to 31 July: the exclusive end is 1 August.
	if !strings.Contains(data, "DTSTART;VALUE=DATE:20210721\r\nDTEND;VALUE=DATE:20210801\r\n") {
		t.Error("the late-July event does not span 21-31 July")
	}
}

func hasPrefixLine(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

func TestICSFolding(t *testing.T) {
	var b strings.Builder
	w := icsWriter{w: &b}
	long := "DESCRIPTION:" + strings.Repeat("é", 100) // two octets each: folds must not split one
	w.line(long)
	got := b.String()
	var unfolded strings.Builder
	for i, l := range strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("physical line %d: %d octets, valid UTF-8 %v", i, len(l), utf8.ValidString(l))
		}
		if i > 0 {
			l = strings.TrimPrefix(l, " ")
		}
		unfolded.WriteString(l)
	}
	if unfolded.String() != long {
		t.Error("unfolding does not give the line back")
	}
	if got := escapeText("a;b,c\\d\ne\x00"); got != `a\;b\,c\\d\ne` {
		t.Errorf("escapeText = %q", got)
	}
}

func TestExportsJSON(t *testing.T) {
	site := renderFixture(t, "")
	var evs []map[string]any
	if err := json.Unmarshal(site["events.json"].Data, &evs); err != nil || len(evs) != 5 {
		t.Fatalf("events.json: %v, %d events", err, len(evs))
	}
	var tl struct {
		Events []struct {
			Start   map[string]int  `json:"start_date"`
			End     *map[string]int `json:"end_date"`
			Display string          `json:"display_date"`
			Text    struct{ Headline string }
		} `json:"events"`
	}
	if err := json.Unmarshal(site["timelinejs.json"].Data, &tl); err != nil || len(tl.Events) != 5 {
		t.Fatalf("timelinejs.json: %v", err)
	}
	for _, e := range tl.Events {
		if e.Start["year"] == 0 {
			t.Errorf("TimelineJS event %q has no start year", e.Text.Headline)
		}
		if e.Text.Headline == "Campaign intensifies; a title, with commas and a long tail of words to fold" {
			if e.Start["day"] != 0 || e.Start["month"] != 5 || e.Display != "May 2021" {
				t.Errorf("a month-long event is %v %q, want month 5, no day, display May 2021", e.Start, e.Display)
			}
		}
		if strings.Contains(e.Text.Headline, "<minister>") {
			t.Error("TimelineJS headline (HTML) is not escaped")
		}
	}
}

func TestSlug(t *testing.T) {
	taken := map[string]bool{}
	for _, tc := range []struct{ in, want string }{
		{"Iran's envoy meets the Afghan foreign minister", "irans-envoy-meets-the-afghan-foreign-minister"},
		{"../../etc/passwd", "etc-passwd"},
		{"<script>alert(1)</script>", "script-alert-1-script"},
		{"Café à Kaboul", "cafe-a-kaboul"},
		{"Café à Kaboul", "cafe-a-kaboul-2"},
		{"////", "item"},
		{"", "item-2"},
		{"日本語", "item-3"},
		{strings.Repeat("word ", 40), strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
	} {
		got := Slug(tc.in, taken)
		if got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if strings.ContainsAny(got, "/\\<>\"' .") || got == "" {
			t.Errorf("Slug(%q) = %q is not a safe path segment", tc.in, got)
		}
	}
}

func TestPaginate(t *testing.T) {
	docs := fixtureDocs(t)
	var many []*eventView
	base := fixtureEvents(docs)
	for i := range 300 {
		e := base[i%len(base)]
		e.ID = fmt.Sprintf("%s-%d", e.ID, i)
		e.From.Year, e.To.Year = 2000+i%3, 2000+i%3
		many = append(many, &eventView{eventSummary: eventSummary{ID: e.ID, Title: e.Title, Sentence: "A sentence."}, Event: &e})
	}
	sort.SliceStable(many, func(i, j int) bool { return many[i].Event.From.Before(many[j].Event.From) })
	pages := paginate(many, 20_000)
	if len(pages[0].Overview) != 3 || len(pages[0].Years) != 0 {
		t.Fatalf("home of a large timeline: %d years in the overview, %d shown; want an overview of 3", len(pages[0].Overview), len(pages[0].Years))
	}
	seen := map[string]bool{}
	for _, p := range pages {
		if p.Path != "" && (p.Total != 0 || (p.events != nil && p.Count != len(p.events))) {
			// A figure of the whole timeline on every page changes them all with each event.
			t.Errorf("page %q: total %d, count %d of %d events; want no total and its own count", p.Path, p.Total, p.Count, len(p.events))
		}
		if seen[p.Path] {
			t.Errorf("two pages at %q", p.Path)
		}
		seen[p.Path] = true
		if n := estimateAll(p.events); n > 20_000 && len(p.events) > 1 {
			t.Errorf("page %q holds about %d bytes of events, over the limit", p.Path, n)
		}
	}
	for _, e := range many {
		if e.Listed == "" {
			t.Fatalf("event %s is on no timeline page", e.ID)
		}
	}
}

// TestSplitSiteLinks renders a site large enough to be split by year and month and checks its
// links, so the overview, year, month and part pages all link correctly.
func TestSplitSiteLinks(t *testing.T) {
	s := fixtureSite(t, "https://user.github.io/repo/")
	base := s.Events
	for i := range 400 {
		e := base[i%len(base)]
		e.ID = fmt.Sprintf("%s-%d", e.ID, i)
		e.From.Year, e.To.Year = 2001+i%2, 2001+i%2
		s.Events = append(s.Events, e)
	}
	out := &mapOutput{files: map[string][]byte{}}
	old := maxPageBytes
	maxPageBytes = 60_000
	defer func() { maxPageBytes = old }()
	if _, err := Render(s, defaultTheme(t), out); err != nil {
		t.Fatal(err)
	}
	site := out.fs()
	if _, ok := site["years/2001/index.html"]; !ok {
		t.Fatal("no year page in a split site")
	}
	checkLinks(t, site, "https://user.github.io/repo/")
}

func TestThemeOverride(t *testing.T) {
	site := fstest.MapFS{
		"404.html":  {Data: []byte(`{{define "main"}}<h1>Lost</h1><p>custom</p>{{end}}`)},
		"extra.css": {Data: []byte("x")},
	}
	tfs := Overlay{Upper: site, Lower: mustSub(t, "templates")}
	sfs := Overlay{Upper: fstest.MapFS{"style.css": {Data: []byte("/* mine */")}}, Lower: mustSub(t, "static")}
	out := &mapOutput{files: map[string][]byte{}}
	if _, err := Render(fixtureSite(t, ""), ThemeFiles{Templates: tfs, Static: sfs}, out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out.files["404.html"]), "<p>custom</p>") {
		t.Error("the site's 404.html did not replace the default")
	}
	if !strings.Contains(string(out.files["index.html"]), `class="skip-link"`) {
		t.Error("overriding one template changed the others")
	}
	if string(out.files["static/style.css"]) != "/* mine */" {
		t.Error("the site's style.css did not replace the default")
	}
	if _, ok := out.files["static/reader.js"]; !ok {
		t.Error("assets the site does not override are missing")
	}
}

func mustSub(t *testing.T, dir string) fs.FS {
	t.Helper()
	tfs, sfs := defaultTheme(t).Templates, defaultTheme(t).Static
	if dir == "templates" {
		return tfs
	}
	return sfs
}

func TestCheckName(t *testing.T) {
	for _, bad := range []string{"../x", "/etc/passwd", "a/../../b", "", ".", "a//b", `a\b`} {
		if checkName(bad) == nil {
			t.Errorf("checkName(%q) accepted", bad)
		}
	}
	for _, good := range []string{"index.html", "events/x.html", "static/style.css"} {
		if err := checkName(good); err != nil {
			t.Errorf("checkName(%q): %v", good, err)
		}
	}
}

var _ = path.Join

// TestTinyPages cuts every list into pages of about 1.5 KB: the timeline into year, month and
// part pages, the sources and the report into numbered pages. All links must still hold.
func TestTinyPages(t *testing.T) {
	old := maxPageBytes
	maxPageBytes = 1500
	defer func() { maxPageBytes = old }()
	site := renderFixture(t, "https://user.github.io/repo/")
	for _, name := range []string{"years/2021/index.html", "years/2021/08/index.html", "years/2021/08/2/index.html", "sources/2/index.html", "sources/3/index.html"} {
		if _, ok := site[name]; !ok {
			t.Errorf("%s was not written", name)
		}
	}
	checkLinks(t, site, "https://user.github.io/repo/")
}

func TestCut(t *testing.T) {
	parts := cut("sources/", []int{600, 600, 600, 2000, 10}, 1300)
	var got []string
	for _, p := range parts {
		got = append(got, fmt.Sprintf("%s[%d,%d)", p.Path, p.Start, p.End))
	}
	want := "sources/[0,2) sources/2/[2,3) sources/3/[3,4) sources/4/[4,5)"
	if strings.Join(got, " ") != want {
		t.Errorf("cut = %s, want %s", strings.Join(got, " "), want)
	}
	if p := cut("r/", nil, 10); len(p) != 1 || p[0].Path != "r/" || p[0].Parts != nil {
		t.Errorf("an empty list is one page with no pager: %+v", p[0])
	}
}

func TestMarkdownMarks(t *testing.T) {
	for _, tc := range []struct{ name, body, expr, want string }{
		{"in a link: marked, not linked again", "See [the talks of July 2021](https://example.org/).", "July 2021",
			`<a href="https://example.org/">the talks of <mark class="timex" id="t-X" title="t">July 2021</mark></a>`},
		{"across emphasis", "On *August* 6 they met.", "August* 6",
			`<em><mark class="timex" id="t-X" title="t"><a href="e.html">August</a></mark></em><mark class="timex" title="t"><a href="e.html"> 6</a></mark>`},
		{"in a heading", "# Talks on May 3\n", "May 3", `<h2>Talks on <mark class="timex" id="t-X" title="t"><a href="e.html">May 3</a></mark></h2>`},
		{"next to raw HTML", "<b>May 3</b> and May 4", "May 4", `and <mark class="timex" id="t-X" title="t"><a href="e.html">May 4</a></mark>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := strings.Index(tc.body, tc.expr)
			m := mark{Start: i, End: i + len(tc.expr), ID: "t-X", Href: "e.html", Class: "timex", Title: "t"}
			got, err := renderMarkdown([]byte(tc.body), 0, []mark{m})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), tc.want) {
				t.Errorf("got %s\nwant it to contain %s", got, tc.want)
			}
			if strings.Count(string(got), `id="t-X"`) != 1 {
				t.Errorf("the anchor id appears %d times", strings.Count(string(got), `id="t-X"`))
			}
		})
	}
}

func TestSitemapIndex(t *testing.T) {
	old := sitemapSize
	sitemapSize = 4
	defer func() { sitemapSize = old }()
	site := renderFixture(t, "https://example.org/")
	var index struct {
		XMLName  xml.Name `xml:"sitemapindex"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(site["sitemap.xml"].Data, &index); err != nil {
		t.Fatal(err)
	}
	if len(index.Sitemaps) != 3 { // 10 pages, 4 a file
		t.Fatalf("%d sitemaps in the index, want 3", len(index.Sitemaps))
	}
	total := 0
	for _, sm := range index.Sitemaps {
		name := strings.TrimPrefix(sm.Loc, "https://example.org/")
		var u struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(site[name].Data, &u); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(u.URLs) > 4 {
			t.Errorf("%s lists %d URLs, over the limit", name, len(u.URLs))
		}
		total += len(u.URLs)
	}
	if total != 10 {
		t.Errorf("the sitemaps list %d pages, want 10", total)
	}
}

func TestUndatedArticleShowsNoDate(t *testing.T) {
	site := fixtureSite(t, "")
	art := *site.Docs[0].Article
	art.Published = extract.Date{}
	site.Docs[0].Article = &art
	out := &mapOutput{files: map[string][]byte{}}
	if _, err := Render(site, defaultTheme(t), out); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for name, b := range out.files {
		if strings.HasPrefix(name, "articles/undated/") {
			pages++
		}
		if bytes.Contains(b, []byte(`datetime=""`)) {
			t.Errorf("%s has an empty <time datetime>", name)
		}
	}
	if pages != 1 {
		t.Errorf("%d pages under articles/undated/, want the undated article's", pages)
	}
}
