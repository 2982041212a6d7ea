package article

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/timeline-news/timeline/extract"
)

// hostile is the folder of hostile files shared with corpus's tests.
const hostile = "../testdata/hostile"

// TestHostileFiles loads every file of testdata/hostile and checks what becomes of it: refused
// with which error at which line and column, or read with which warnings and fields.
func TestHostileFiles(t *testing.T) {
	type want struct {
		err        string // substring of the error; "" when the file must load
		is         error  // the sentinel the error wraps, if any
		line, col  int    // where the error or the first warning points
		warnings   []string
		title      string
		published  string
		bodyPrefix string // the body must start with this
		check      func(t *testing.T, a *Article)
	}
	cases := map[string]want{
		"invalid-utf8.md": {
			warnings: []string{"not valid UTF-8: 4 bytes replaced by '?' (the first here); if the file is Latin-1 or Windows-1252, convert it with iconv"}, line: 2, col: 13,
			title: "Caf? owners protest", published: "2021-08-14", bodyPrefix: "The caf? owners",
			check: func(t *testing.T, a *Article) {
				// Same length as the file, so offsets are file offsets.
				raw, _ := os.ReadFile(a.File)
				if len(a.Raw) != len(raw) {
					t.Errorf("Raw is %d bytes, the file %d", len(a.Raw), len(raw))
				}
				if i := strings.Index(a.Text(), "Saturday"); i < 0 || string(raw[i:i+8]) != "Saturday" {
					t.Errorf("offset of Saturday in Text() is %d, not its offset in the file", i)
				}
			},
		},
		"bom.md": {
			title: "Byte-order mark", published: "2021-08-14", bodyPrefix: "Talks resumed",
			check: func(t *testing.T, a *Article) {
				if !a.ReadAsMarkdown() {
					t.Error("ReadAsMarkdown() = false for a plain Markdown file")
				}
				if !strings.HasPrefix(a.Text(), strings.Repeat(" ", 3)) || strings.ContainsRune(a.Text(), '\uFEFF') {
					t.Errorf("Text() keeps the byte-order mark: %q", a.Text()[:6])
				}
			},
		},
		"bom-only-text.txt": {title: "bom-only-text", bodyPrefix: "Talks resumed on Friday, August 13.",
			check: func(t *testing.T, a *Article) {
				if a.BodyStart != 3 {
					t.Errorf("BodyStart = %d, want 3 (after the byte-order mark)", a.BodyStart)
				}
			}},
		"crlf.md": {title: "Windows line ends", published: "2021-08-14", bodyPrefix: "Talks resumed on Friday.\r\n",
			check: func(t *testing.T, a *Article) {
				if a.Source != "Wire" {
					t.Errorf("Source = %q: a \\r left in a front matter value", a.Source)
				}
			}},
		"crlf-bad.md":       {err: "front matter: expected value", line: 4, col: 10},
		"empty.md":          {err: "empty file", is: ErrEmpty},
		"blank.txt":         {err: "empty file", is: ErrEmpty},
		"binary.md":         {err: "NUL byte at offset 8", is: ErrBinary},
		"mostly-binary.txt": {err: "not UTF-8 text", is: ErrBinary},
		"utf16.txt":         {err: "UTF-16 text is not supported: convert the file to UTF-8"},
		"unclosed.md":       {err: "front matter opened with +++ is never closed", line: 1, col: 1},
		"bad-toml.md":       {err: `front matter: expected value but found "Mehr"`, line: 4, col: 10},
		"bad-type.md":       {err: "front matter: title: must be a string, not an integer", line: 3, col: 9},
		"bad-date.md":       {err: `front matter: date: "last week" is not a YYYY-MM-DD date`, line: 4, col: 12},
		"bad-datetime.md":   {err: `invalid datetime: "2021-02-30"`, line: 3, col: 8},
		"unknown-keys.md": {title: "Unknown keys", published: "2021-08-14",
			check: func(t *testing.T, a *Article) {
				if a.Extra["section"] != "World" || a.Extra["words"] != int64(120) {
					t.Errorf("Extra = %v, want section and words kept", a.Extra)
				}
				if m, ok := a.Extra["meta"].(map[string]any); !ok || m["feed"] != "rss" {
					t.Errorf("Extra[meta] = %v, want the table kept", a.Extra["meta"])
				}
			}},
		// Dates far off are the reader's business to keep and corpus's to warn about (it has a clock).
		"future.md":      {title: "From the future", published: "2999-01-01"},
		"old.md":         {title: "An old dispatch", published: "1850-06-01"},
		"traversal.md":   {title: "../../etc/passwd <script>alert(1)</script>", published: "2021-08-14"},
		"slashes.md":     {title: `a/b/../c \ d`, published: "2021-08-14"},
		"duplicate-1.md": {title: "Same title", published: "2021-08-14"},
		"duplicate-2.md": {title: "Same title", published: "2021-08-15"},
		"control.md": {
			warnings: []string{"4 control characters replaced by spaces"}, line: 5, col: 7,
			title: "Control characters in the title", published: "2021-08-14", bodyPrefix: "Talks  [31mresumed",
		},
		"javascript-url.md": {warnings: []string{`url "javascript:alert(1)" is not an http or https address: ignored`}, line: 4, col: 7,
			title: "Bad link", published: "2021-08-14", check: func(t *testing.T, a *Article) {
				if a.URL != "" {
					t.Errorf("URL = %q, want it dropped", a.URL)
				}
			}},
		"no-body.md": {warnings: []string{"no text after the front matter"}, title: "Only front matter", published: "2021-08-14"},
		"nested.md": {title: "Deeply nested markup", published: "2021-08-14", line: 5, col: 1,
			warnings: []string{"Markdown with quotes or lists nested more than 32 levels deep: the article is read as plain text"}, check: func(t *testing.T, a *Article) {
				if !strings.Contains(a.Text(), "Talks resumed on Friday.") {
					t.Error("the text inside 500 nested quotes is lost")
				}
				if a.ReadAsMarkdown() {
					t.Error("ReadAsMarkdown() = true for 500 nested quotes")
				}
			}},
		"markup-title.md": {title: `<b>Bold</b> & "quoted" reversed`, published: "2021-08-14"},
	}

	files, err := filepath.Glob(filepath.Join(hostile, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile files: %v", err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		w, ok := cases[name]
		if !ok {
			t.Errorf("%s: no expectation: add one to this test", name)
			continue
		}
		delete(cases, name)
		t.Run(name, func(t *testing.T) {
			a, err := Load(file)
			if w.err != "" {
				if err == nil {
					t.Fatalf("loaded %q, want an error %q", a.Title, w.err)
				}
				checkError(t, err, file, w.err, w.line, w.col)
				if w.is != nil && !errors.Is(err, w.is) {
					t.Errorf("error %v does not wrap %v", err, w.is)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			checkArticle(t, a)
			if len(a.Warnings) != len(w.warnings) {
				t.Errorf("warnings %v, want %d", a.Warnings, len(w.warnings))
			}
			for i, ws := range w.warnings {
				if i < len(a.Warnings) {
					checkError(t, a.Warnings[i], file, ws, w.line, w.col)
				}
			}
			if a.Title != w.title {
				t.Errorf("Title = %q, want %q", a.Title, w.title)
			}
			if a.Published.String() != w.published {
				t.Errorf("Published = %v, want %q", a.Published, w.published)
			}
			if !strings.HasPrefix(a.Body(), w.bodyPrefix) {
				t.Errorf("Body() = %.40q…, want it to start with %q", a.Body(), w.bodyPrefix)
			}
			if w.check != nil {
				w.check(t, a)
			}
		})
	}
	for name := range cases {
		t.Errorf("%s: expected in %s but missing", name, hostile)
	}
}

// checkError checks that err is an *Error naming file, at line:col when given, saying want.
func checkError(t *testing.T, err error, file, want string, line, col int) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *article.Error", err, err)
	}
	if e.File != file || !strings.HasPrefix(err.Error(), file+":") {
		t.Errorf("error %q does not name the file %s", err, file)
	}
	if line > 0 && (e.Line != line || e.Col != col) {
		t.Errorf("error at %d:%d, want %d:%d (%v)", e.Line, e.Col, line, col, err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q, want it to say %q", err, want)
	}
}

// checkArticle checks the invariants every article that loads must keep.
func checkArticle(t *testing.T, a *Article) {
	t.Helper()
	if !utf8.Valid(a.Raw) {
		t.Error("Raw is not valid UTF-8")
	}
	text := a.Text()
	if len(text) != len(a.Raw) {
		t.Errorf("Text() is %d bytes, Raw %d", len(text), len(a.Raw))
	}
	if !utf8.ValidString(text) {
		t.Error("Text() is not valid UTF-8")
	}
	if a.BodyStart < 0 || a.BodyStart > len(a.Raw) {
		t.Errorf("BodyStart %d outside Raw (%d bytes)", a.BodyStart, len(a.Raw))
	}
	for i := range a.Raw {
		if (a.Raw[i] == '\n') != (text[i] == '\n') {
			t.Fatalf("Text() moves a line end at offset %d", i)
		}
	}
	for _, s := range append([]string{a.Title, a.Source, a.Author, a.License}, a.Tags...) {
		if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Errorf("front matter value %q holds a control character", s)
		}
	}
}

// TestLargeFileRefusedUnread checks that a file over MaxSize is refused from its size alone: a
// sparse 100 MB file costs no disk, and the bytes allocated show that it was never read.
func TestLargeFileRefusedUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.md")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = Load(path)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a 100 MB file loaded")
	}
	checkError(t, err, path, "file too large (100.0 MB; articles are limited to 16 MB)", 0, 0)
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("refusing a 100 MB file allocated %d bytes: it was read", got)
	}
}

// TestFileAtLimit checks that a file of exactly MaxSize still loads (the limit is inclusive).
func TestFileAtLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 16 MB")
	}
	data := bytes.Repeat([]byte("Talks resumed on Friday. "), MaxSize/25+1)[:MaxSize]
	path := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Raw) != MaxSize {
		t.Errorf("read %d bytes, want %d", len(a.Raw), MaxSize)
	}
}

// TestNamedPipeRefused checks that a FIFO named like an article is refused instead of blocking.
func TestNamedPipeRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.md")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	_, err := Load(path)
	if err == nil {
		t.Fatal("a named pipe loaded")
	}
	checkError(t, err, path, "not a regular file", 0, 0)
}

// TestFilesSkipsLinksOut checks that symbolic links inside a content folder, to a file or a
// folder outside it, are not followed, and that a link named on the command line to a folder is
// refused with a message.
func TestFilesSkipsLinksOut(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	os.WriteFile(secret, []byte("+++\ntitle = \"secret\"\n+++\nPrivate.\n"), 0o644)
	os.Mkdir(filepath.Join(outside, "more"), 0o755)
	os.WriteFile(filepath.Join(outside, "more", "other.md"), []byte("Private too.\n"), 0o644)

	content := t.TempDir()
	os.WriteFile(filepath.Join(content, "good.md"), []byte("Talks resumed on Friday.\n"), 0o644)
	for link, target := range map[string]string{
		"link-file.md": secret,
		"link-dir":     filepath.Join(outside, "more"),
		"up.md":        "../" + filepath.Base(outside) + "/secret.md",
		"loop":         ".",
	} {
		if err := os.Symlink(target, filepath.Join(content, link)); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Files([]string{content})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(content, "good.md")}; !equal(files, want) {
		t.Errorf("Files = %q, want %q", files, want)
	}
	if _, err := Files([]string{filepath.Join(content, "link-dir")}); err == nil || !strings.Contains(err.Error(), "symbolic link to a folder is not followed") {
		t.Errorf("a named link to a folder: err = %v", err)
	}
}

// TestFilesHostileFolder checks that the walk lists every hostile file once, in order.
func TestFilesHostileFolder(t *testing.T) {
	files, err := Files([]string{hostile, hostile + "/bom.md"})
	if err != nil {
		t.Fatal(err)
	}
	globbed, _ := filepath.Glob(filepath.Join(hostile, "*"))
	if !equal(files, globbed) {
		t.Errorf("Files = %q\nwant %q", files, globbed)
	}
}

func equal(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
		fixed          Fixed
	}{
		{"clean text is returned as is", "Talks on Friday, 14 août.\n", "Talks on Friday, 14 août.\n", Fixed{}},
		{"Latin-1 byte", "caf\xe9 au lait", "caf? au lait", Fixed{Invalid: 1, FirstInvalid: 3}},
		{"truncated sequence", "ab\xe2\x82", "ab??", Fixed{Invalid: 2, FirstInvalid: 2}},
		{"surrogate half encoded", "\xed\xa0\x80x", "???x", Fixed{Invalid: 3}},
		{"NUL, escape, DEL, form feed", "a\x00b\x1bc\x7fd\x0ce", "a b c d e", Fixed{Control: 4, FirstControl: 1}},
		{"tab and line ends kept", "a\tb\r\nc", "a\tb\r\nc", Fixed{}},
		{"mixed", "\xff\x01", "? ", Fixed{Invalid: 1, Control: 1, FirstControl: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			got, fixed := Sanitize(in)
			if string(got) != tt.want || fixed != tt.fixed {
				t.Errorf("Sanitize(%q) = %q, %+v; want %q, %+v", tt.in, got, fixed, tt.want, tt.fixed)
			}
			if string(in) != tt.in {
				t.Errorf("Sanitize modified its input: %q", in)
			}
		})
	}
}

func TestPosition(t *testing.T) {
	data := []byte("ab\ncd\r\nef")
	for _, tt := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {7, 3, 1}, {9, 3, 3}, {99, 3, 3}} {
		if line, col := Position(data, tt.off); line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

// TestPublishedForms checks the accepted forms of the publication date.
func TestPublishedForms(t *testing.T) {
	for _, tt := range []struct{ value, want string }{
		{"2021-08-14", "2021-08-14"},
		{`"2021-08-14"`, "2021-08-14"},
		{"2021-08-14T23:30:00+04:30", "2021-08-14"}, // the day where it was written, not in UTC
		{`"2021-08-14T08:00:00Z"`, "2021-08-14"},
		{"2021-08-14T08:00:00", "2021-08-14"},
	} {
		a, err := Parse("a.md", []byte("+++\ndate = "+tt.value+"\n+++\nText.\n"))
		if err != nil {
			t.Errorf("date = %s: %v", tt.value, err)
			continue
		}
		if want, _ := extract.ParseDate(tt.want); a.Published != want {
			t.Errorf("date = %s: Published %v, want %s", tt.value, a.Published, tt.want)
		}
	}
}
