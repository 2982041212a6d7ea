package corpus

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timeline-news/timeline/extract"
)

const hostile = "../testdata/hostile"

// TestHostileCorpus loads the whole hostile folder: the run finishes, the good articles come
// through, and every bad file is reported by name with the right severity.
func TestHostileCorpus(t *testing.T) {
	now := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)
	docs, problems, err := Load(context.Background(), []string{hostile}, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	loaded := map[string]bool{}
	for _, d := range docs {
		loaded[filepath.Base(d.Article.File)] = true
	}
	// Files left out, with the severity of their problem.
	skipped := map[string]Severity{
		"empty.md": Warning, "blank.txt": Warning, "binary.md": Warning, "mostly-binary.txt": Warning,
		"utf16.txt": Error, "unclosed.md": Error, "bad-toml.md": Error, "bad-type.md": Error,
		"bad-date.md": Error, "bad-datetime.md": Error, "crlf-bad.md": Error,
	}
	// Files read, with a warning saying this.
	warned := map[string]string{
		"invalid-utf8.md":   "not valid UTF-8",
		"control.md":        "control characters replaced",
		"javascript-url.md": "is not an http or https address",
		"no-body.md":        "no text after the front matter",
		"future.md":         "publication date 2999-01-01 is in the future (today is 2026-11-22)",
		"old.md":            "publication date 1850-06-01 is before 1900",
		"nested.md":         "nested more than 32 levels deep",
	}
	files, _ := filepath.Glob(filepath.Join(hostile, "*"))
	byFile := map[string][]Problem{}
	for _, p := range problems {
		if strings.Contains(p.Message, "left unresolved") {
			continue // the extractor's business, tested in TestUnresolvedWarning
		}
		byFile[filepath.Base(p.File)] = append(byFile[filepath.Base(p.File)], p)
	}
	for _, f := range files {
		name := filepath.Base(f)
		ps := byFile[name]
		if sev, ok := skipped[name]; ok {
			if loaded[name] {
				t.Errorf("%s: loaded, want it left out", name)
			}
			if len(ps) != 1 || ps[0].Severity != sev {
				t.Errorf("%s: problems %v, want one %s", name, ps, sev)
			}
			continue
		}
		if !loaded[name] {
			t.Errorf("%s: left out (%v), want it loaded", name, ps)
		}
		want, ok := warned[name]
		switch {
		case !ok && len(ps) > 0:
			t.Errorf("%s: unexpected problems %v", name, ps)
		case ok && (len(ps) != 1 || ps[0].Severity != Warning || !strings.Contains(ps[0].Message, want)):
			t.Errorf("%s: problems %v, want one warning %q", name, ps, want)
		}
	}
	for i := 1; i < len(problems); i++ {
		if problems[i].File < problems[i-1].File {
			t.Errorf("problems out of file order: %s after %s", problems[i].File, problems[i-1].File)
		}
	}
	for _, p := range byFile["future.md"] {
		if p.Line != 3 {
			t.Errorf("future date warning at line %d, want 3 (the date line)", p.Line)
		}
	}
}

// TestFutureNeedsAClock checks that without Options.Now nothing is called "future": the clock is
// never read behind the caller's back.
func TestFutureNeedsAClock(t *testing.T) {
	_, problems, err := Load(context.Background(), []string{filepath.Join(hostile, "future.md")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("problems %v without a clock", problems)
	}
	// With a day of slack for time zones: an article dated tomorrow is fine.
	_, problems, _ = Load(context.Background(), []string{filepath.Join(hostile, "future.md")},
		Options{Now: time.Date(2998, 12, 31, 23, 0, 0, 0, time.UTC)})
	if len(problems) != 0 {
		t.Errorf("problems %v for an article dated tomorrow", problems)
	}
}

func TestProblemString(t *testing.T) {
	for _, tt := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.md", Line: 3, Col: 7, Severity: Error, Message: "bad"}, "a.md:3:7: error: bad"},
		{Problem{File: "a.md", Line: 3, Severity: Warning, Message: "odd"}, "a.md:3: warning: odd"},
		{Problem{File: "a.md", Severity: Warning, Message: "odd"}, "a.md: warning: odd"},
		// A file name cannot forge a second line of the report.
		{Problem{File: "x.md\nb.md:1: error: fake", Severity: Warning, Message: "odd"}, `"x.md\nb.md:1: error: fake": warning: odd`},
	} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// TestUnresolvedWarning checks that an expression the extractor leaves unresolved is reported at
// its line and column in the file.
func TestUnresolvedWarning(t *testing.T) {
	unresolved := func(text string, pub extract.Date) []extract.Timex {
		i := strings.Index(text, "Friday")
		return []extract.Timex{{Span: extract.Span{Start: i, End: i + 6}, Text: "Friday", Type: extract.TypeDate, Value: "XXXX-WXX-5"}}
	}
	file := filepath.Join(hostile, "bom-only-text.txt")
	_, problems, err := Load(context.Background(), []string{file}, Options{extract: unresolved})
	if err != nil {
		t.Fatal(err)
	}
	// Columns count bytes, like the Go compiler's: the 3-byte byte-order mark too.
	want := Problem{File: file, Line: 1, Col: 21, Severity: Warning,
		Message: `date expression "Friday" left unresolved (the article has no publication date)`}
	if len(problems) != 1 || problems[0] != want {
		t.Errorf("problems %v, want %v", problems, want)
	}
}
