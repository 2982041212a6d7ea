package safety

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/timeline-news/timeline"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/render"
)

// TestHostileSite builds one site from the hostile folder and checks everything it wrote.
func TestHostileSite(t *testing.T) {
	s := newSite(t)
	res, err := s.build(context.Background(), s.cfg, false)
	if err != nil {
		t.Fatalf("the hostile folder does not build: %v", err)
	}
	if len(res.Problems) == 0 {
		t.Error("no problems reported for a folder of hostile articles")
	}
	// The problems are printed to a terminal: a file name must not bring escape sequences.
	for _, p := range res.Problems {
		if i := strings.IndexFunc(p.String(), func(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }); i >= 0 {
			t.Errorf("problem %q holds a control character that a terminal would obey", p.String())
		}
	}
	files := readTree(t, s.out)
	// Every file written is there: none overwrote another (duplicate titles, "con" and "CON",
	// names that slug alike). The one more on disk is the folder's marker.
	if len(files) != res.Files+1 {
		t.Errorf("the build wrote %d files but %d are on disk: some overwrote others", res.Files, len(files)-1)
	}
	for _, want := range []string{"index.html", "events.json", "timelinejs.json", "events.ics", "feed.xml", "sitemap.xml", "report.json", "search-index.json"} {
		if _, ok := files[want]; !ok {
			t.Errorf("%s was not written", want)
		}
	}
	checks := []struct {
		name  string
		check func(*testing.T, *site, map[string][]byte)
	}{
		{"nothing from outside", checkNothingFromOutside},
		{"paths inside output", checkPathsInsideOutput},
		{"utf-8", checkUTF8},
		{"html", checkHTMLFiles},
		{"json", checkJSONFiles},
		{"xml", checkXMLFiles},
		{"icalendar", checkICS},
		{"round trip", checkRoundTrip},
		{"deterministic", checkDeterministic},
		{"cached", checkCached},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { c.check(t, s, files) })
	}
}

// checkNothingFromOutside: no file reached through a symbolic link out of the content folder
// was read into any output, and no output is a link.
func checkNothingFromOutside(t *testing.T, s *site, files map[string][]byte) {
	for name, data := range files {
		if bytes.Contains(data, []byte(secretMarker)) {
			t.Errorf("%s holds text from a file outside the content folder", name)
		}
		if strings.Contains(name, secretMarker) {
			t.Errorf("%s is named after a file outside the content folder", name)
		}
		// Nor does a published file tell where on the builder's disk the site was built.
		for _, dir := range []string{s.root, s.outside} {
			if i := bytes.Index(data, []byte(dir)); i >= 0 {
				t.Errorf("%s shows the builder's folder %s: %q", name, dir, clipText(string(data[i:min(len(data), i+120)])))
				break
			}
		}
	}
}

// checkPathsInsideOutput: every path written is inside the output folder, and the build wrote
// nothing beside it (no temporary folders left, nothing in the content folder).
func checkPathsInsideOutput(t *testing.T, s *site, files map[string][]byte) {
	out, err := filepath.EvalSymlinks(s.out)
	must(t, err)
	for name := range files {
		p := filepath.Join(out, filepath.FromSlash(name))
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if rel, err := filepath.Rel(out, real); err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
			t.Errorf("%s resolves to %s, outside the output folder", name, real)
		}
		for _, part := range strings.Split(name, "/") {
			if part == ".." || part == "" || strings.ContainsAny(part, "\\<>\"'\r\n") || !utf8.ValidString(part) {
				t.Errorf("output path %q has an unsafe segment %q", name, part)
			}
			// A published site is often committed to a repository (docs/ on GitHub Pages):
			// a Windows checkout cannot hold a file named like a device, whatever its extension.
			if stem, _, _ := strings.Cut(strings.ToLower(part), "."); windowsDevices[stem] {
				t.Errorf("output path %q has a segment named like a Windows device: %q", name, part)
			}
		}
	}
	// The site root holds only what it held before plus the output folder (and the cache, if any).
	entries, err := os.ReadDir(s.root)
	must(t, err)
	for _, e := range entries {
		switch e.Name() {
		case "content", "public", "outside":
		default:
			t.Errorf("the build left %s in the site root", e.Name())
		}
	}
	// The content folder is as it was written.
	for name, text := range hostileFiles() {
		data, err := os.ReadFile(filepath.Join(s.content, filepath.FromSlash(name)))
		if err != nil || string(data) != text {
			t.Errorf("content file %q changed or vanished: %v", name, err)
		}
	}
	// The outside folder is untouched.
	var outside []string
	filepath.WalkDir(s.outside, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(s.outside, p)
			outside = append(outside, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(outside)
	if got := strings.Join(outside, " "); got != "folder/inside.md secret.md secret.txt" {
		t.Errorf("the folder outside holds %s", got)
	}
}

// checkUTF8: every text file written is valid UTF-8 (invalid bytes in file names and front
// matter must not pass through).
func checkUTF8(t *testing.T, s *site, files map[string][]byte) {
	for name, data := range files {
		switch path.Ext(name) {
		case ".html", ".json", ".xml", ".ics", ".txt", ".css", ".js":
			// No C0 control characters but tab and line ends: a terminal showing the file, an
			// XML reader or an iCalendar client would obey or choke on them. (C1 controls from
			// file names pass into JSON, which allows them, and pages, which show nothing.)
			if i := bytes.IndexFunc(data, func(r rune) bool {
				return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
			}); i >= 0 {
				t.Errorf("%s holds a control character: %q", name, data[max(0, i-40):min(len(data), i+20)])
			}
			if !utf8.Valid(data) {
				i := 0
				for i < len(data) {
					r, n := utf8.DecodeRune(data[i:])
					if r == utf8.RuneError && n == 1 {
						break
					}
					i += n
				}
				t.Errorf("%s is not valid UTF-8 (at byte %d: %q)", name, i, data[max(0, i-40):min(len(data), i+20)])
			}
		}
	}
}

// checkDeterministic: a second build of the same hostile folder gives the same bytes.
func checkDeterministic(t *testing.T, s *site, first map[string][]byte) {
	// The second build runs from inside the site, as `timeline build` there would: relative
	// paths everywhere. Where the build runs from must not change a byte.
	t.Chdir(s.root)
	cfg := s.cfg
	cfg.Root = "."
	cfg.Output = "again"
	if _, err := s.build(context.Background(), cfg, false); err != nil {
		t.Fatal(err)
	}
	second := readTree(t, filepath.Join(s.root, "again"))
	os.RemoveAll(filepath.Join(s.root, "again"))
	for name, data := range first {
		if !bytes.Equal(second[name], data) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
	if len(first) != len(second) {
		t.Errorf("first build wrote %d files, second %d", len(first), len(second))
	}
}

// themeScripts lists the scripts the default theme loads, as paths from the site root
// ("static/reader.js"): the only scripts a page may hold.
func themeScripts(t *testing.T) map[string]bool {
	t.Helper()
	re := regexp.MustCompile(`<script\b[^>]*\bsrc="\{\{[^}]*\}\}([^"]+)"`)
	inline := regexp.MustCompile(`<script\b[^>]*>`)
	scripts := map[string]bool{}
	err := fs.WalkDir(timeline.Theme, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(timeline.Theme, p)
		if err != nil {
			return err
		}
		for _, tag := range inline.FindAllString(string(data), -1) {
			m := re.FindStringSubmatch(tag)
			if m == nil {
				t.Errorf("%s: the theme has a script without a src the suite knows: %s", p, tag)
				continue
			}
			scripts[m[1]] = true
		}
		return nil
	})
	must(t, err)
	if len(scripts) == 0 {
		t.Fatal("found no script in the default theme: the check would allow nothing and prove nothing")
	}
	for s := range scripts {
		if !strings.HasPrefix(s, "static/") || !strings.HasSuffix(s, ".js") {
			t.Fatalf("theme script %q is not a same-origin static/*.js", s)
		}
	}
	return scripts
}

// windowsDevices are the names Windows reserves in every folder, with any extension.
var windowsDevices = func() map[string]bool {
	m := map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}
	for i := '1'; i <= '9'; i++ {
		m["com"+string(i)] = true
		m["lpt"+string(i)] = true
	}
	return m
}()

// checkCached: builds through the extraction cache, filling it and then reading it, write the
// same bytes as a build without it.
func checkCached(t *testing.T, s *site, files map[string][]byte) {
	cache, err := corpus.OpenCache(t.TempDir(), corpus.ExtractorVersion())
	must(t, err)
	for _, pass := range []string{"filling the cache", "reading the cache"} {
		cfg := s.cfg
		cfg.Output = filepath.Join(t.TempDir(), "cached")
		if _, err := render.Build(context.Background(), cfg, render.BuildOptions{Theme: themeFS(), Cache: cache}); err != nil {
			t.Fatal(err)
		}
		got := readTree(t, cfg.Output)
		for name, data := range files {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s: %s differs from the build without a cache", pass, name)
			}
		}
	}
	if hits, _ := cache.Stats(); hits == 0 {
		t.Error("the second build read nothing from the cache")
	}
}
