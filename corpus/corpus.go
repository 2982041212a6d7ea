// Package corpus reads a set of articles and extracts their time expressions, in parallel,
// collecting per-file problems instead of stopping at the first bad file.
//
// Walk streams: it hands each article to a callback in file order while a few workers read and
// extract ahead, so a caller that keeps only what it needs (events, say) holds a handful of
// article texts at a time whatever the size of the archive. Load is Walk keeping everything.
package corpus

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/extract"
)

// Doc is one article with its extracted time expressions.
type Doc struct {
	Article *article.Article
	Text    string // Article.Text(): offsets into it are offsets into the file
	Timexes []extract.Timex
	// Sum is the SHA-256 of the article's bytes (Article.Raw), hashed once as it is read: what
	// every cache keyed by an article's content uses.
	Sum [sha256.Size]byte
}

// Severity says how much a problem matters. Error: a file that should be an article could not be
// read (it is left out); Warning: something needs a look — the article was read anyway, or the
// file was skipped as not an article at all (empty, binary).
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

// String is "file:line:col: severity: message", the form editors and terminals link to. A file
// name with control characters or spaces at its ends is quoted so that it cannot forge lines.
func (p Problem) String() string {
	pos := p.File
	// C1 controls too: a terminal obeys U+009B as it obeys ESC [.
	if strings.ContainsFunc(pos, unicode.IsControl) || strings.TrimSpace(pos) != pos {
		pos = strconv.Quote(pos)
	}
	if p.Line > 0 {
		pos += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			pos += fmt.Sprintf(":%d", p.Col)
		}
	}
	return fmt.Sprintf("%s: %s: %s", pos, p.Severity, p.Message)
}

// Options tune Walk and Load. The zero value is ready to use.
type Options struct {
	Workers  int                   // parallel workers; 0 means three per CPU (see Walk)
	Progress func(done, total int) // called after each file, from one goroutine at a time

	// Now is the reference for warning about publication dates in the future. Extraction never
	// reads the clock, so the caller passes it (the command line passes time.Now()); the zero
	// time skips that check.
	Now time.Time

	// Cache, when set, keeps extraction results on disk by content hash: an article unchanged
	// since a previous run is not extracted again (see OpenCache).
	Cache *Cache

	// Dir, when set, is the folder relative paths are read from. Articles and problems keep
	// the names the paths give them (content/a.md, not site/content/a.md), so that what is
	// keyed by an article's name (caches, fingerprints) does not depend on the folder the
	// program runs in. Absolute paths are read and named as they are.
	Dir string

	extract func(string, extract.Date) []extract.Timex // extract.Extract; tests replace it
	again   bool                                       // LoadFile: a second read, not counted in Cache.Stats
}

// Walk reads every article under paths (see article.Files), extracts its time expressions and
// calls fn with each, in file order, from one goroutine at a time. Workers run at most a few
// files ahead of fn, so memory holds a bounded number of articles: fn decides what to keep.
//
// A file that cannot be read or parsed becomes an Error problem and is left out; a file that is
// not an article (empty, binary) a Warning, also left out. Walk returns every problem in file
// order. The error return is for the run as a whole: a path that does not exist, a cancelled
// context, or the first error fn returns, which stops the walk.
func Walk(ctx context.Context, paths []string, opts Options, fn func(Doc) error) ([]Problem, error) {
	files, err := listFiles(paths, opts.Dir)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := opts.Workers
	if workers <= 0 {
		// More workers than cores: opening and reading a file waits on the system, and with a
		// warm cache (no extraction) that is most of a worker's time. Another worker runs
		// meanwhile: a rebuild of 10,000 articles reads them in 0.3 s instead of 0.4.
		workers = 3 * runtime.GOMAXPROCS(0)
	}

	// Each file gets a one-slot channel for its result. The feeder queues those channels in file
	// order on pending, whose capacity bounds how far the workers run ahead of fn.
	type result struct {
		doc      *Doc
		problems []Problem
	}
	type job struct {
		file string
		out  chan result
	}
	jobs := make(chan job)
	pending := make(chan chan result, 4*workers)
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				if ctx.Err() != nil {
					j.out <- result{}
					continue
				}
				doc, problems := loadOne(j.file, opts)
				j.out <- result{doc, problems}
			}
		}()
	}
	go func() {
		defer close(pending)
		defer close(jobs)
		for _, f := range files {
			out := make(chan result, 1)
			select {
			case pending <- out:
			case <-ctx.Done():
				return
			}
			jobs <- job{f, out}
		}
	}()

	var problems []Problem
	var fnErr error
	done := 0
	for out := range pending {
		r := <-out
		if fnErr != nil || ctx.Err() != nil {
			continue // drain, so that every goroutine ends
		}
		problems = append(problems, r.problems...)
		if r.doc != nil {
			if err := fn(*r.doc); err != nil {
				fnErr = err
				cancel()
			}
		}
		done++
		if opts.Progress != nil {
			opts.Progress(done, len(files))
		}
	}
	if fnErr != nil {
		return problems, fnErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.Cache != nil {
		if err := opts.Cache.takeErr(); err != nil {
			problems = append(problems, Problem{File: nameIn(opts.Dir, opts.Cache.dir), Severity: Warning, Message: "cache: " + err.Error()})
		}
	}
	return problems, nil
}

// Load is Walk keeping every Doc: docs in file order, and every problem.
func Load(ctx context.Context, paths []string, opts Options) ([]Doc, []Problem, error) {
	var docs []Doc
	problems, err := Walk(ctx, paths, opts, func(d Doc) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return docs, problems, nil
}

// LoadFile reads and extracts one article as Walk does (with opts.Cache, an unchanged article
// costs no extraction; with opts.Dir, file is a name Walk gave), for a caller that let go of a Doc and needs it again: not counted in
// Cache.Stats. A file Walk would leave out is an error; warnings are not repeated.
func LoadFile(file string, opts Options) (Doc, error) {
	opts.again = true
	doc, problems := loadOne(file, opts)
	if doc == nil {
		return Doc{}, errors.New(problems[0].String())
	}
	return *doc, nil
}

// listFiles is article.Files(paths) with the paths read from dir (see Options.Dir), each file
// named by its path (cleaned) and its place under it.
func listFiles(paths []string, dir string) ([]string, error) {
	if dir == "" {
		return article.Files(paths)
	}
	seen := map[string]bool{}
	var names []string
	for _, p := range paths {
		at := readPath(dir, p)
		files, err := article.Files([]string{at})
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name := f
			if at != p {
				rel, err := filepath.Rel(at, f)
				if err != nil {
					return nil, err // never so: article.Files lists what is under at
				}
				name = filepath.Join(p, rel)
			}
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// readPath is where the article named file is read: under dir when it is relative.
func readPath(dir, file string) string {
	if dir == "" || filepath.IsAbs(file) {
		return file
	}
	return filepath.Join(dir, file)
}

// Path is where the file named name (an Article.File or Problem.File of a walk with these
// options) is on disk, as the current folder sees it: for showing problems to a user.
func (o Options) Path(name string) string { return readPath(o.Dir, name) }

// nameIn names the file at path (as the current folder sees it) as a walk reading from dir
// does: from dir when it is inside, else by its absolute path.
func nameIn(dir, path string) string {
	if dir == "" {
		return path
	}
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return path
	}
	if rel, err := filepath.Rel(d, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return p
}

// loadArticle is article.Load of file read from dir (see Options.Dir): the article, its
// warnings and any error name file, as if it had been read from the current folder.
func loadArticle(dir, file string) (*article.Article, error) {
	at := readPath(dir, file)
	a, err := article.Load(at)
	if at == file {
		return a, err
	}
	if err != nil {
		var ae *article.Error
		if errors.As(err, &ae) {
			ae.File = file
		}
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == at {
			pe.Path = file
		}
		return nil, err
	}
	a.File = file
	for _, w := range a.Warnings {
		w.File = file
	}
	return a, nil
}

func loadOne(file string, opts Options) (*Doc, []Problem) {
	a, err := loadArticle(opts.Dir, file)
	if err != nil {
		return nil, []Problem{problemOf(file, err)}
	}
	var problems []Problem
	for _, w := range a.Warnings {
		p := problemOf(file, w)
		p.Severity = Warning
		problems = append(problems, p)
	}
	problems = append(problems, checkPublished(a, opts.Now)...)

	doc := &Doc{Article: a, Sum: sha256.Sum256(a.Raw)}
	var key cacheKey
	cached := false
	if opts.Cache != nil {
		key = opts.Cache.key(a, doc.Sum)
		// A hit holds the ranges of the file Text keeps, so it costs no Markdown parsing either.
		doc.Text, doc.Timexes, cached = opts.Cache.get(key, a, !opts.again)
	}
	if !cached {
		kept := a.Kept()
		text, ok := a.TextKeeping(kept)
		if !ok {
			text = a.Text() // never so: Kept's ranges are always fit
		}
		doc.Text = text
		run := extract.Extract
		if opts.extract != nil {
			run = opts.extract
		}
		doc.Timexes = run(text, a.Published)
		if opts.Cache != nil && ok {
			opts.Cache.put(key, text, entry{Kept: kept, Timexes: doc.Timexes})
		}
	}
	for _, t := range doc.Timexes {
		if !t.Resolved && (t.Type == extract.TypeDate || t.Type == extract.TypeTime) {
			line, col := article.Position(a.Raw, t.Start)
			problems = append(problems, Problem{File: file, Line: line, Col: col, Severity: Warning,
				Message: fmt.Sprintf("date expression %q left unresolved (%s)", t.Text, unresolvedReason(a))})
		}
	}
	return doc, problems
}

// spansFit reports whether every expression and its sentence start inside a text of n bytes
// and run forwards. (Readers bound an end past the text themselves.)
func spansFit(ts []extract.Timex, n int) bool {
	for _, t := range ts {
		if t.Start < 0 || t.End < t.Start || t.End > n || t.Sentence.Start < 0 || t.Sentence.End < t.Sentence.Start || t.Sentence.End > n {
			return false
		}
	}
	return true
}

// problemOf turns an error from article into a Problem: files that are not articles at all
// (empty, binary) and warnings are Warnings, everything else an Error.
func problemOf(file string, err error) Problem {
	p := Problem{File: file, Severity: Error, Message: err.Error()}
	var ae *article.Error
	if errors.As(err, &ae) {
		p.Line, p.Col, p.Message = ae.Line, ae.Col, ae.Err.Error()
	}
	if errors.Is(err, article.ErrEmpty) || errors.Is(err, article.ErrBinary) {
		p.Severity = Warning
	}
	return p
}

// oldest is the earliest publication date taken without a warning: news archives reach back to
// the nineteenth century, but an earlier date is far more often a typo (1021 for 2021).
var oldest = extract.Date{Year: 1900, Month: time.January, Day: 1}

// checkPublished warns about publication dates that are probably wrong: before 1900, or after
// now (with a day of slack for time zones). Relative expressions resolve against that date, so a
// wrong one misplaces every event of the article.
func checkPublished(a *article.Article, now time.Time) []Problem {
	if a.Published.IsZero() {
		return nil
	}
	line := frontMatterLine(a, "date")
	switch {
	case a.Published.Before(oldest):
		return []Problem{{File: a.File, Line: line, Severity: Warning, Message: fmt.Sprintf(
			"publication date %s is before 1900: check the front matter (relative dates resolve against it)", a.Published)}}
	case !now.IsZero() && extract.DateOf(now).AddDays(1).Before(a.Published):
		return []Problem{{File: a.File, Line: line, Severity: Warning, Message: fmt.Sprintf(
			"publication date %s is in the future (today is %s): check the front matter (relative dates resolve against it)",
			a.Published, extract.DateOf(now))}}
	}
	return nil
}

// frontMatterLine is the 1-based line of "key =" in a's front matter, or 0.
func frontMatterLine(a *article.Article, key string) int {
	for i, l := range strings.Split(string(a.Raw[:a.BodyStart]), "\n") {
		t := strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(t, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 0
}

func unresolvedReason(a *article.Article) string {
	if a.Published.IsZero() {
		return "the article has no publication date"
	}
	return "no reference date to resolve it against"
}
