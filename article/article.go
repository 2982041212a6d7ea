// Package article reads news articles: Markdown or plain text files with optional TOML front
// matter between "+++" lines.
package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/timeline-news/timeline/extract"
)

// Article is one parsed file. Offsets everywhere refer to Raw, the file as written.
type Article struct {
	File      string // the path it was read from, as given
	Title     string
	Published extract.Date // zero when the front matter has no date
	Source    string
	URL       string
	Author    string
	License   string
	Tags      []string
	Extra     map[string]any // front matter keys not listed above, kept as read
	Markdown  bool

	// Raw is the whole file, made safe to use as text without moving a single offset: each byte
	// that is not part of valid UTF-8 is replaced by '?' and each control character other than
	// tab, newline and carriage return by a space, one byte for one byte (see Sanitize).
	Raw       []byte
	BodyStart int // offset of the body (after the front matter) in Raw

	// Warnings are problems found while reading that did not stop it: replaced bytes, a body
	// with no text.
	Warnings []*Error

	// plain is set by Parse when the body is Markdown too complex to read as such (see
	// ReadAsMarkdown), which takes a pass over the whole body to find out.
	plain, checked bool
}

// Body is the article text after the front matter, as written.
func (a *Article) Body() string { return string(a.Raw[a.BodyStart:]) }

// Error is a problem with one file, at a line and column when known (1-based; 0 when not).
type Error struct {
	File      string
	Line, Col int
	Err       error
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// IsArticle reports whether a file name has an article extension (.md, .markdown, .txt).
func IsArticle(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".txt":
		return true
	}
	return false
}

// MaxSize is the largest file Load reads, 16 MiB: hundreds of times a long news article. A larger
// file is refused before it is read (a database dump or a whole archive in one file, not an
// article), so memory stays bounded whatever the folder holds.
const MaxSize = 16 << 20

// Files that are not articles: Load and Parse return these (wrapped in an *Error) for files to
// skip with a warning rather than report as broken.
var (
	ErrEmpty  = errors.New("empty file: skipped")
	ErrBinary = errors.New("binary file, not text: skipped")
)

// Load reads and parses one file. It refuses, before reading them, files larger than MaxSize and
// anything that is not a regular file (a named pipe or a device would block or never end).
func Load(path string) (*Article, error) {
	data, err := readFile(path, MaxSize)
	if err != nil {
		return nil, &Error{File: path, Err: err}
	}
	return Parse(path, data)
}

func readFile(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s): skipped", info.Mode().Type())
	}
	if info.Size() > limit {
		return nil, tooLarge(info.Size(), limit)
	}
	f, err := openRead(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// One read of the size Stat gave into a buffer a byte longer: a read of a regular file that
	// stops short of the buffer has met the end (so no read is spent to see it). The file may
	// have grown since, so a full buffer reads on, at most one byte past the limit to notice.
	data := make([]byte, 0, min(info.Size(), limit)+1)
	for int64(len(data)) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		want := min(int64(cap(data)), limit+1) - int64(len(data))
		n, err := f.Read(data[len(data) : int64(len(data))+want])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if n > 0 && int64(n) < want {
			break
		}
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(int64(len(data)), limit)
	}
	return data, nil
}

func tooLarge(size, limit int64) error {
	return fmt.Errorf("file too large (%.1f MB; articles are limited to %d MB): skipped; split it into one file per article",
		float64(size)/(1<<20), limit>>20)
}

var delim = []byte("+++")

// Parse reads an article from data; file names it in errors and in the result.
func Parse(file string, data []byte) (*Article, error) {
	// A file no longer than checkText's sample is sanitized once, for both.
	var raw []byte
	var fixed, sample Fixed
	if len(data) <= sniffLen {
		raw, fixed = Sanitize(data)
		sample = fixed
	} else {
		_, sample = Sanitize(data[:sniffLen])
	}
	if err := checkText(data, sample); err != nil {
		return nil, &Error{File: file, Err: err}
	}
	if raw == nil {
		raw, fixed = Sanitize(data)
	}
	a := &Article{File: file, Markdown: isMarkdown(file), Raw: raw}
	a.Warnings = append(a.Warnings, fixWarnings(file, a.Raw, fixed)...)
	head, headLine, bodyStart, err := splitFrontMatter(a.Raw)
	if err != nil {
		return nil, &Error{File: file, Line: 1, Col: 1, Err: err}
	}
	a.BodyStart = bodyStart
	if head != nil {
		if err := a.decodeFrontMatter(head, headLine); err != nil {
			return nil, err
		}
	}
	if a.Markdown {
		off, why := tooComplex(a.Raw[a.BodyStart:])
		a.plain, a.checked = off >= 0, true
		if a.plain {
			line, col := Position(a.Raw, a.BodyStart+off)
			a.Warnings = append(a.Warnings, &Error{File: file, Line: line, Col: col, Err: fmt.Errorf(
				"Markdown with %s: the article is read as plain text", why)})
		}
	}
	if len(bytes.TrimSpace(a.Raw[a.BodyStart:])) == 0 {
		a.Warnings = append(a.Warnings, &Error{File: file, Err: errors.New("no text after the front matter")})
	}
	if a.Title == "" {
		a.Title = oneLine(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	}
	if a.Title == "" {
		a.Title = oneLine(filepath.Base(file))
	}
	return a, nil
}

func isMarkdown(file string) bool {
	ext := strings.ToLower(filepath.Ext(file))
	return ext == ".md" || ext == ".markdown"
}

// splitFrontMatter finds a "+++" block at the very start (after an optional byte-order mark).
// It returns the TOML text, the file line its first line is on, and where the body starts.
func splitFrontMatter(data []byte) (head []byte, headLine, bodyStart int, err error) {
	start := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		start = 3
	}
	line, next := lineAt(data, start)
	if !isDelim(line) {
		return nil, 0, start, nil
	}
	headStart := next
	for pos := next; pos < len(data); pos = next {
		line, next = lineAt(data, pos)
		if isDelim(line) {
			return data[headStart:pos], 2, next, nil
		}
	}
	return nil, 0, 0, errors.New("front matter opened with +++ is never closed")
}

// lineAt returns the line starting at pos (without its newline) and where the next one starts.
func lineAt(data []byte, pos int) (line []byte, next int) {
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		return data[pos : pos+i], pos + i + 1
	}
	return data[pos:], len(data)
}

func isDelim(line []byte) bool { return bytes.Equal(bytes.TrimRight(line, " \t\r"), delim) }

// decodeFrontMatter reads the TOML between the +++ lines (head, whose first line is file line
// firstLine). The keys the tool knows must have the right type; every other key goes to Extra.
func (a *Article) decodeFrontMatter(head []byte, firstLine int) error {
	keys, all, err := decodeTOML(head)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &Error{File: a.File, Line: pe.Position.Line + firstLine - 1, Col: pe.Position.Col, Err: errors.New("front matter: " + pe.Message)}
		}
		return &Error{File: a.File, Line: firstLine, Err: fmt.Errorf("front matter: %v", err)}
	}
	fail := func(key string, err error) error {
		line, col := keyPos(head, key)
		return &Error{File: a.File, Line: firstLine + line, Col: col, Err: fmt.Errorf("front matter: %s: %v", key, err)}
	}
	for _, key := range keys { // in document order, so the first error reported is the first in the file
		v := all[key]
		var err error
		switch key {
		case "title":
			a.Title, err = stringValue(v)
		case "source":
			a.Source, err = stringValue(v)
		case "url":
			a.URL, err = stringValue(v)
		case "author":
			a.Author, err = stringValue(v)
		case "license":
			a.License, err = stringValue(v)
		case "tags":
			a.Tags, err = tagsValue(v)
		case "date":
			a.Published, err = publicationDate(v)
		default:
			if a.Extra == nil {
				a.Extra = map[string]any{}
			}
			a.Extra[key] = v
		}
		if err != nil {
			return fail(key, err)
		}
	}
	a.Title, a.Source, a.Author, a.License = oneLine(a.Title), oneLine(a.Source), oneLine(a.Author), oneLine(a.License)
	for i, t := range a.Tags {
		a.Tags[i] = oneLine(t)
	}
	if a.URL != "" && !isWebAddress(a.URL) {
		line, col := keyPos(head, "url")
		a.Warnings = append(a.Warnings, &Error{File: a.File, Line: firstLine + line, Col: col,
			Err: fmt.Errorf("front matter: url %q is not an http or https address: ignored", a.URL)})
		a.URL = ""
	}
	return nil
}

// oneLine makes a front matter string fit on one line: TOML escapes can hold any character, but
// a title with a newline, a NUL or a right-to-left override in it would break or disguise every
// page and feed it appears in.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			return ' '
		case r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069':
			return -1 // bidirectional overrides would reorder the text around the title
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isWebAddress reports whether s is an absolute http or https URL (not javascript:, data: …).
func isWebAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// keyPos finds the 0-based line and the 1-based column of the value of top-level "key =" in
// head, for error messages; (0, 0) when it cannot be found (a quoted or dotted key).
func keyPos(head []byte, key string) (line, col int) {
	for i, l := range strings.Split(string(head), "\n") {
		t := strings.TrimLeft(l, " \t")
		if strings.HasPrefix(t, "[") {
			break // a table: the keys after it are not top-level
		}
		if rest, ok := strings.CutPrefix(t, key); ok {
			if value, ok := strings.CutPrefix(strings.TrimLeft(rest, " \t"), "="); ok {
				return i, len(l) - len(strings.TrimLeft(value, " \t")) + 1
			}
		}
	}
	return 0, 0
}

func stringValue(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", fmt.Errorf("must be a string, not %s", tomlType(v))
}

// tagsValue accepts an array of strings, or one string as a single tag.
func tagsValue(v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		return []string{v}, nil
	case []any:
		tags := make([]string, 0, len(v))
		for _, t := range v {
			s, ok := t.(string)
			if !ok {
				return nil, fmt.Errorf("must be an array of strings, but holds %s", tomlType(t))
			}
			tags = append(tags, s)
		}
		return tags, nil
	}
	return nil, fmt.Errorf("must be an array of strings, not %s", tomlType(v))
}

// tomlType names the TOML type of a decoded value, for error messages.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// publicationDate accepts a TOML date or datetime, or a "YYYY-MM-DD" (or RFC 3339) string.
func publicationDate(v any) (extract.Date, error) {
	switch d := v.(type) {
	case time.Time:
		return extract.DateOf(d), nil
	case string:
		s := strings.TrimSpace(d)
		if len(s) > 10 {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				return extract.DateOf(t), nil
			}
		}
		return extract.ParseDate(s)
	}
	return extract.Date{}, fmt.Errorf("must be a date (2021-08-14) or a \"YYYY-MM-DD\" string, not %s", tomlType(v))
}
