package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// assetBudget is the most script and CSS a page may load, gzip-compressed (issue 5).
const assetBudget = 30 * 1024

// weight is the size of some files, raw and gzip-compressed (default level, as servers use).
type weight struct{ raw, gz int }

func (w *weight) add(b []byte) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	w.raw += len(b)
	w.gz += buf.Len()
}

func (w weight) String() string {
	return fmt.Sprintf("%.1f KB raw, %.1f KB gzip", float64(w.raw)/1024, float64(w.gz)/1024)
}

var assetRef = regexp.MustCompile(`<(?:link rel="stylesheet" href|script src)="([^"]+)"`)

// pageWeight is what loading one page costs: the HTML and every stylesheet and script it names.
func pageWeight(t *testing.T, siteDir, page string) (html, assets weight) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(siteDir, page))
	if err != nil {
		t.Fatal(err)
	}
	html.add(b)
	for _, m := range assetRef.FindAllSubmatch(b, -1) {
		ref := string(m[1])
		if strings.Contains(ref, "://") || strings.HasPrefix(ref, "/") {
			t.Errorf("%s loads %s: assets must be self-hosted and relative", page, ref)
			continue
		}
		a, err := os.ReadFile(filepath.Join(siteDir, filepath.Dir(page), filepath.FromSlash(ref)))
		if err != nil {
			t.Fatalf("%s names %s: %v", page, ref, err)
		}
		assets.add(a)
	}
	return html, assets
}

// heaviestTimelinePage is the largest index.html among the home page and the year and month
// pages of a split timeline.
func heaviestTimelinePage(t *testing.T, siteDir string) (string, int) {
	t.Helper()
	best, size := "index.html", 0
	filepath.WalkDir(siteDir, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(siteDir, p)
		if err != nil || d.IsDir() || d.Name() != "index.html" || !(rel == "index.html" || strings.HasPrefix(rel, "years"+string(filepath.Separator))) {
			return err
		}
		if info, err := d.Info(); err == nil && int(info.Size()) > size {
			best, size = rel, int(info.Size())
		}
		return nil
	})
	return best, size
}

// TestPageWeight measures the home page of the demo and of a generated timeline of about 1,000
// events (HTML, CSS and scripts, raw and gzip), and holds script and CSS to the budget.
func TestPageWeight(t *testing.T) {
	tmp := t.TempDir()
	bin, err := buildCLI(tmp)
	if err != nil {
		t.Fatal(err)
	}
	build := func(config, out string) string {
		if err := buildSite(bin, config, out, "https://example.org/timeline/"); err != nil {
			t.Fatal(err)
		}
		return out
	}
	measure := func(name, out string) {
		html, assets := pageWeight(t, out, "index.html")
		var total weight
		total.raw, total.gz = html.raw+assets.raw, html.gz+assets.gz
		var index weight
		if b, err := os.ReadFile(filepath.Join(out, "search-index.json")); err == nil {
			index.add(b)
		}
		events := bytes.Count(mustRead(t, filepath.Join(out, "events.json")), []byte(`"id":`))
		heavy, heavySize := heaviestTimelinePage(t, out)
		heavyHTML, _ := pageWeight(t, out, heavy)
		t.Logf("%s (%d events): home page %s = HTML %s + CSS and scripts %s; search index (fetched on first use) %s; heaviest timeline page %s: HTML %s",
			name, events, total, html, assets, index, heavy, heavyHTML)
		if assets.gz > assetBudget {
			t.Errorf("%s: CSS and scripts weigh %d bytes gzip, over the %d budget", name, assets.gz, assetBudget)
		}
		if heavySize > 1<<20 {
			t.Errorf("%s: timeline page %s is %d bytes, over 1 MB", name, heavy, heavySize)
		}
	}
	measure("demo", build(filepath.Join(repoRoot(), "site.toml"), filepath.Join(tmp, "demo")))

	if testing.Short() {
		t.Log("-short: skipping the generated 1,000-event timeline")
		return
	}
	// Generate articles until the timeline has about 1,000 events: how many events an article
	// gives depends on the extractor, so scale the number of articles once or twice.
	genBin := filepath.Join(tmp, "bin", "gen")
	compile := exec.Command(goTool(), "build", "-o", genBin, "./bench/gen")
	compile.Dir = repoRoot()
	if out, err := compile.CombinedOutput(); err != nil {
		t.Fatalf("go build ./bench/gen: %v\n%s", err, out)
	}
	gen := func(n int) (public string, events int) {
		site := filepath.Join(tmp, fmt.Sprintf("generated-%d", n))
		if out, err := exec.Command(genBin, "-n", fmt.Sprint(n), "-out", filepath.Join(site, "content")).CombinedOutput(); err != nil {
			t.Fatalf("bench/gen: %v\n%s", err, out)
		}
		config := filepath.Join(site, "site.toml")
		if err := os.WriteFile(config, []byte("title = \"Generated timeline\"\ncontent = \"content\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := build(config, filepath.Join(site, "public"))
		return out, bytes.Count(mustRead(t, filepath.Join(out, "events.json")), []byte(`"id":`))
	}
	n := 120
	out, events := gen(n)
	for try := 0; try < 2 && events > 0 && (events < 950 || events > 1050); try++ {
		n = max(1, n*1000/events)
		out, events = gen(n)
	}
	measure("generated", out)
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
