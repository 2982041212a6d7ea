package article

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds Parse arbitrary bytes, seeded with the hostile corpus and the demo articles.
// Whatever the input: no panic; an error is an *Error naming the file at a line of the input; an
// article has a valid UTF-8 Raw exactly as long as the input (so offsets are file offsets), a
// body inside it, and a Text() of the same length with the line ends in the same places.
//
//	go test -run='^$' -fuzz=FuzzParse -fuzztime=30s ./article
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../testdata/hostile/*", "../content/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(filepath.Base(file), data)
			}
		}
	}
	f.Add("a.txt", []byte("+++\r\ntitle = \"x\"\r\n+++\r\n"))
	f.Add("a.md", []byte("\uFEFF+++\n[t]\ntitle = 1\n+++\n# H\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		file := "fuzz/" + name + ".md"
		if strings.HasSuffix(name, "txt") {
			file = "fuzz/" + name + ".txt"
		}
		a, err := Parse(file, data)
		lines := bytes.Count(data, []byte("\n")) + 1
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is a %T, not an *Error", err, err)
			}
			if e.File != file || !strings.HasPrefix(err.Error(), file) {
				t.Fatalf("error %q does not name the file %q", err, file)
			}
			if e.Line < 0 || e.Line > lines || e.Col < 0 {
				t.Fatalf("error at %d:%d, the input has %d lines", e.Line, e.Col, lines)
			}
			return
		}
		if len(a.Raw) != len(data) {
			t.Fatalf("Raw is %d bytes, the input %d: offsets would not be file offsets", len(a.Raw), len(data))
		}
		if !utf8.Valid(a.Raw) {
			t.Fatal("Raw is not valid UTF-8")
		}
		if a.BodyStart < 0 || a.BodyStart > len(a.Raw) {
			t.Fatalf("BodyStart %d outside Raw (%d bytes)", a.BodyStart, len(a.Raw))
		}
		text := a.Text()
		if len(text) != len(a.Raw) {
			t.Fatalf("Text() is %d bytes, Raw %d", len(text), len(a.Raw))
		}
		for i := range a.Raw {
			if (a.Raw[i] == '\n') != (text[i] == '\n') {
				t.Fatalf("Text() moves a line end at offset %d", i)
			}
		}
		if !utf8.ValidString(text) {
			t.Fatal("Text() is not valid UTF-8")
		}
		for _, w := range a.Warnings {
			if w.File != file || w.Line < 0 || w.Line > lines {
				t.Fatalf("warning %v: wrong file or line", w)
			}
		}
		for _, s := range append([]string{a.Title, a.Source, a.Author, a.License}, a.Tags...) {
			if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				t.Fatalf("front matter value %q holds a control character", s)
			}
		}
	})
}
