// Package corpus reads a set of articles and extracts their time expressions, in parallel,
// collecting per-file problems instead of stopping at the first bad file.
package corpus

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/extract"
)

// Doc is one article with its extracted time expressions.
type Doc struct {
	Article *article.Article
	Text    string // Article.Text(): offsets into it are offsets into the file
	Timexes []extract.Timex
}

// Severity says whether a problem dropped the file (Error) or only needs a look (Warning).
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Problem is something wrong with one file that did not stop the run.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

func (p Problem) String() string {
	pos := p.File
	if p.Line > 0 {
		pos += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			pos += fmt.Sprintf(":%d", p.Col)
		}
	}
	return fmt.Sprintf("%s: %s: %s", pos, p.Severity, p.Message)
}

// Options tune Load. The zero value is ready to use.
type Options struct {
	Workers  int                   // parallel workers; 0 means one per CPU
	Progress func(done, total int) // called after each file, from one goroutine at a time
}

// Load reads every article under paths (see article.Files) and extracts its time expressions.
// Docs come back in file order whatever the parallelism. A file that cannot be read or parsed
// becomes an Error problem and is left out; the error return is for the run as a whole
// (a path that does not exist, a cancelled context).
func Load(ctx context.Context, paths []string, opts Options) ([]Doc, []Problem, error) {
	files, err := article.Files(paths)
	if err != nil {
		return nil, nil, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type result struct {
		doc      *Doc
		problems []Problem
	}
	results := make([]result, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				doc, problems := loadOne(files[i])
				results[i] = result{doc, problems}
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(files))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var docs []Doc
	var problems []Problem
	for _, r := range results {
		problems = append(problems, r.problems...)
		if r.doc != nil {
			docs = append(docs, *r.doc)
		}
	}
	return docs, problems, nil
}

func loadOne(file string) (*Doc, []Problem) {
	a, err := article.Load(file)
	if err != nil {
		p := Problem{File: file, Severity: Error, Message: err.Error()}
		var ae *article.Error
		if errors.As(err, &ae) {
			p.Line, p.Col, p.Message = ae.Line, ae.Col, ae.Err.Error()
		}
		return nil, []Problem{p}
	}
	text := a.Text()
	doc := &Doc{Article: a, Text: text, Timexes: extract.Extract(text, a.Published)}
	var problems []Problem
	for _, t := range doc.Timexes {
		if !t.Resolved && (t.Type == extract.TypeDate || t.Type == extract.TypeTime) {
			problems = append(problems, Problem{File: file, Line: lineOf(text, t.Start), Severity: Warning,
				Message: fmt.Sprintf("date expression %q left unresolved (%s)", t.Text, unresolvedReason(a))})
		}
	}
	return doc, problems
}

func unresolvedReason(a *article.Article) string {
	if a.Published.IsZero() {
		return "the article has no publication date"
	}
	return "no reference date to resolve it against"
}

// lineOf is the 1-based line of byte offset off in text.
func lineOf(text string, off int) int {
	line := 1
	for i := 0; i < off && i < len(text); i++ {
		if text[i] == '\n' {
			line++
		}
	}
	return line
}
