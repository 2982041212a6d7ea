package render

import (
	"bytes"
	"testing"
)

// BenchmarkEventPage renders one event page: the page kind a large site has most of.
func BenchmarkEventPage(b *testing.B) {
	s, err := newSite(fixtureSite(b, "https://example.org/"))
	if err != nil {
		b.Fatal(err)
	}
	ts, err := parseTemplates(defaultTheme(b).Templates)
	if err != nil {
		b.Fatal(err)
	}
	e := s.events[len(s.events)-1]
	var buf bytes.Buffer // reused, as the build reuses its page buffers
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		if _, err := ts.renderTo(&buf, "event.html", s.newPage(e.Href, e.Label+": "+e.Title, "", e, e.quoted())); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLayoutPage renders the 404 page: the layout and little else.
func BenchmarkLayoutPage(b *testing.B) {
	s, err := newSite(fixtureSite(b, "https://example.org/"))
	if err != nil {
		b.Fatal(err)
	}
	ts, err := parseTemplates(defaultTheme(b).Templates)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer // reused, as the build reuses its page buffers
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		if _, err := ts.renderTo(&buf, "404.html", s.newPage("404.html", "Page not found", "", nil, nil)); err != nil {
			b.Fatal(err)
		}
	}
}
