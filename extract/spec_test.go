package extract

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// specCase is one case of a testdata/*.txt file: a text, its publication date and every
// record Extract must return for it, in order.
type specCase struct {
	file, name string
	line       int
	published  Date
	text       string
	want       []string
}

// readSpecs parses a spec file (format described at the top of testdata/deixis.txt).
func readSpecs(t *testing.T, path string) []specCase {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []specCase
	var cur *specCase
	state := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			cases = append(cases, specCase{file: filepath.Base(path), name: strings.TrimPrefix(line, "=== "), line: n})
			cur, state = &cases[len(cases)-1], "head"
		case cur == nil:
		case state == "head" && strings.HasPrefix(line, "published: "):
			if v := strings.TrimPrefix(line, "published: "); v != "none" {
				d, err := ParseDate(v)
				if err != nil {
					t.Fatalf("%s:%d: %v", path, n, err)
				}
				cur.published = d
			}
			state = "text"
		case state == "text" && line == "---":
			state = "want"
		case state == "text":
			cur.text += line + "\n"
		case state == "want" && strings.TrimSpace(line) != "":
			cur.want = append(cur.want, normaliseRecord(line))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func normaliseRecord(line string) string {
	fs := strings.Split(line, "|")
	for i := range fs {
		fs[i] = strings.TrimSpace(fs[i])
	}
	return strings.Join(fs, " | ")
}

// record writes a Timex the way spec files do.
func record(x Timex) string {
	interval := ""
	if !x.From.IsZero() {
		interval = x.From.String() + ".." + x.To.String()
	}
	return normaliseRecord(fmt.Sprintf("%s | %s | %s | %s | %s", x.Text, x.Type, x.Value, x.Mod, interval))
}

// TestSpecs runs every case of testdata/*.txt.
func TestSpecs(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no spec files in testdata/", err)
	}
	total := 0
	for _, path := range files {
		for _, c := range readSpecs(t, path) {
			total++
			t.Run(c.file+"/"+c.name, func(t *testing.T) {
				var got []string
				for _, x := range Extract(c.text, c.published) {
					got = append(got, record(x))
				}
				if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
					t.Errorf("%s:%d: published %v\n%s\ngot:\n  %s\nwant:\n  %s", c.file, c.line, c.published, strings.TrimSpace(c.text),
						strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
				}
			})
		}
	}
	if total < 20 {
		t.Errorf("only %d spec cases read; the files are not being parsed", total)
	}
}
