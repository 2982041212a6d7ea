package synth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/article"
)

// TestGenerate checks that corpora are deterministic, that a small corpus is the prefix of a
// larger one, and that every article reads without a problem and with a publication date in
// the documented range (bar the few meant to have none).
func TestGenerate(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := Generate(a, 300, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, 200, 7); err != nil {
		t.Fatal(err)
	}
	files, err := article.Files([]string{a})
	if err != nil || len(files) != 300 {
		t.Fatalf("%d files (%v), want 300", len(files), err)
	}
	undated, markdown := 0, 0
	for i, f := range files {
		rel, _ := filepath.Rel(a, f)
		if rel != Path(7, i) {
			t.Fatalf("file %d is %s, want %s", i, rel, Path(7, i))
		}
		data, _ := os.ReadFile(f)
		if i < 200 {
			if other, err := os.ReadFile(filepath.Join(b, rel)); err != nil || string(other) != string(data) {
				t.Fatalf("%s differs between the corpus of 200 and of 300", rel)
			}
		}
		art, err := article.Parse(f, data)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if len(art.Warnings) > 0 {
			t.Errorf("%s: warnings %v", rel, art.Warnings)
		}
		if art.Published.IsZero() {
			undated++
		} else if art.Published.Year < 1995 || art.Published.Year > 2025 {
			t.Errorf("%s: published %v, outside 1995-2025", rel, art.Published)
		}
		if art.Markdown {
			markdown++
		}
		if !strings.Contains(art.Text(), " ago") && !strings.Contains(art.Text(), " on ") && !strings.Contains(art.Text(), " in ") {
			t.Errorf("%s: no date expression of the common forms", rel)
		}
	}
	if undated == 0 || undated > 30 {
		t.Errorf("%d of 300 articles undated, want a few", undated)
	}
	if markdown < 200 || markdown > 280 {
		t.Errorf("%d of 300 articles Markdown, want about 4 in 5", markdown)
	}
	if _, err := Generate(a, 1, 8); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(a, Path(8, 0))); string(data) == "" {
		t.Error("seed 8 wrote nothing")
	} else if other, _ := os.ReadFile(filepath.Join(b, Path(7, 0))); string(other) == string(data) {
		t.Error("seeds 7 and 8 give the same article")
	}
}
