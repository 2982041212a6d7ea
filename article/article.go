// Package article reads news articles: Markdown or plain text files with optional TOML front
// matter between "+++" lines.
package article

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

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

	Raw       []byte // the whole file
	BodyStart int    // offset of the body (after the front matter) in Raw
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

// Load reads and parses one file.
func Load(path string) (*Article, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Err: err}
	}
	return Parse(path, data)
}

var delim = []byte("+++")

// Parse reads an article from data; file names it in errors and in the result.
func Parse(file string, data []byte) (*Article, error) {
	a := &Article{File: file, Raw: data, Markdown: isMarkdown(file)}
	head, headLine, bodyStart, err := splitFrontMatter(data)
	if err != nil {
		return nil, &Error{File: file, Line: 1, Err: err}
	}
	a.BodyStart = bodyStart
	if head != nil {
		if err := a.decodeFrontMatter(head, headLine); err != nil {
			return nil, err
		}
	}
	if a.Title == "" {
		a.Title = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
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

// frontMatter lists the keys the tool understands; others go to Extra.
type frontMatter struct {
	Title   string   `toml:"title"`
	Date    any      `toml:"date"`
	Source  string   `toml:"source"`
	URL     string   `toml:"url"`
	Author  string   `toml:"author"`
	License string   `toml:"license"`
	Tags    []string `toml:"tags"`
}

func (a *Article) decodeFrontMatter(head []byte, firstLine int) error {
	var fm frontMatter
	md, err := toml.Decode(string(head), &fm)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &Error{File: a.File, Line: pe.Position.Line + firstLine - 1, Col: pe.Position.Col, Err: errors.New("front matter: " + pe.Message)}
		}
		return &Error{File: a.File, Line: firstLine, Err: fmt.Errorf("front matter: %v", err)}
	}
	a.Title, a.Source, a.URL, a.Author, a.License, a.Tags = fm.Title, fm.Source, fm.URL, fm.Author, fm.License, fm.Tags
	if fm.Date != nil {
		d, err := publicationDate(fm.Date)
		if err != nil {
			return &Error{File: a.File, Line: firstLine + keyLine(head, "date"), Err: err}
		}
		a.Published = d
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		var all map[string]any
		toml.Decode(string(head), &all) // cannot fail: the same text decoded above
		a.Extra = map[string]any{}
		for _, k := range undecoded {
			a.Extra[k[0]] = all[k[0]]
		}
	}
	return nil
}

// keyLine finds the 0-based line of "key =" in head, for error messages.
func keyLine(head []byte, key string) int {
	for i, l := range strings.Split(string(head), "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, key) && strings.HasPrefix(strings.TrimSpace(t[len(key):]), "=") {
			return i
		}
	}
	return 0
}

// publicationDate accepts a TOML date or datetime, or a "YYYY-MM-DD" string.
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
		v, err := extract.ParseDate(s)
		if err != nil {
			return extract.Date{}, fmt.Errorf("front matter: date: %v", err)
		}
		return v, nil
	}
	return extract.Date{}, fmt.Errorf("front matter: date must be a date or a \"YYYY-MM-DD\" string, not %T", v)
}
