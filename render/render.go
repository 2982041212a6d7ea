package render

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// Stats counts what a render wrote.
type Stats struct {
	Articles, Events, Pages, Files int
	// Kept counts the jobs (a page, an export, the static assets) an incremental output
	// already held from an earlier build with the same fingerprint, and so were not rendered.
	Kept int
}

// IncrementalOutput is an Output that holds an earlier build of the site. Render asks it about
// each job (a page, an export, the static assets: one or more files) before running it.
type IncrementalOutput interface {
	Output
	// Job is told the job's key (its file, or a name for a group of files) and fingerprint
	// (the zero Fingerprint when it could not be computed: never the same as before). keep
	// says the output holds the files the job made from the same fingerprint, and the job is
	// skipped; otherwise the job writes its files to out.
	Job(key string, fp Fingerprint) (out Output, keep bool)
}

// job is one unit of the site's output. prepare, called when the job's turn comes (so that a
// site of a million pages does not hold a million page values), returns what the job's files
// are made from (the fingerprint's data, asked for only by incremental outputs) and the
// function that writes them.
type job struct {
	key     string
	prepare func() (inputs func() []any, run func(out Output) error)
}

// Render writes the whole site to out: pages, static assets and exports. It is deterministic:
// the same Site and theme give the same files with the same bytes. When out is an
// IncrementalOutput, the jobs whose fingerprint is unchanged are not run (see Stats.Kept).
func Render(in *Site, theme ThemeFiles, out Output) (Stats, error) {
	ts, err := parseTemplates(theme.Templates)
	if err != nil {
		return Stats{}, err
	}
	s, err := newSite(in)
	if err != nil {
		return Stats{}, err
	}
	w := &countingOutput{out: out}
	var pages []string
	var jobs []job
	add := func(key string, inputs func() []any, run func(Output) error) {
		jobs = append(jobs, job{key: key, prepare: func() (func() []any, func(Output) error) { return inputs, run }})
	}
	// A page job fingerprints the page as its template will get it (made by mk), but for data
	// that costs to make (an article's body): fill makes it just before rendering.
	addPage := func(tmpl, path string, mk func() *page, fill func(*page) error) {
		jobs = append(jobs, job{key: pageFile(path), prepare: func() (func() []any, func(Output) error) {
			p := mk()
			return func() []any { return []any{tmpl, p} }, func(out Output) error {
				if fill != nil {
					if err := fill(p); err != nil {
						return err
					}
				}
				buf := buffers.Get().(*bytes.Buffer)
				defer buffers.Put(buf)
				b, err := ts.renderTo(buf, tmpl, p)
				if err != nil {
					return err
				}
				return out.WriteFile(pageFile(p.Path), b)
			}
		}})
	}
	listed := func(path string) { pages = append(pages, path) }

	// Every page and export is a job, run on all cores. The largest (timeline pages, exports)
	// go first so that none is left running alone at the end. paginate sets where each event
	// is listed before any page is rendered.
	for _, tp := range paginate(s.events, maxPageBytes) {
		addPage("timeline.html", tp.Path, func() *page {
			var quoted []*articleMeta
			for _, e := range tp.events {
				quoted = append(quoted, e.quoted()...)
			}
			return s.newPage(tp.Path, tp.Heading, "home", tp, quoted)
		}, nil)
		listed(tp.Path)
	}
	rep := s.report()
	// The exports show every event and article: their fingerprint is hashed once for all.
	var fps *fingerprinter
	everything := sync.OnceValue(func() []any {
		fp, err := fps.of("everything", s.events, s.articles, rep, s.pages, s.info)
		if err != nil {
			return []any{func() {}} // not hashable: the exports are rendered every time
		}
		return []any{fp}
	})
	for _, name := range Exports {
		if s.cfg.HasExport(name) {
			add("export "+name, everything, func(out Output) error { return s.writeExport(out, name, rep) })
		}
	}
	add(SearchIndexFile, everything, s.writeSearchIndex) // read by static/reader.js
	add("static", func() []any { return []any{staticFiles(theme.Static)} }, func(out Output) error { return copyStatic(theme.Static, out) })
	onePerItem := len(jobs) // event and article pages: many, each small
	for _, e := range s.events {
		addPage("event.html", e.Href, func() *page { return s.newPage(e.Href, e.Label+": "+e.Title, "", e, e.quoted()) }, nil)
		listed(e.Href)
	}
	for _, a := range s.articles {
		// Fingerprinted with the article view (its text, expressions and events), then given
		// the page made from them.
		addPage("article.html", a.Href, func() *page { return s.newPage(a.Href, a.Title, "sources", a, []*articleMeta{&a.articleMeta}) },
			func(p *page) error {
				ap, err := s.articlePage(a)
				p.Data = ap
				return err
			})
		listed(a.Href)
	}
	sources := append([]*articleView(nil), s.articles...)
	sort.SliceStable(sources, func(i, j int) bool {
		if c := sources[i].Published.Compare(sources[j].Published); c != 0 {
			return c < 0
		}
		return sources[i].Title < sources[j].Title
	})
	sizes := make([]int, len(sources))
	for i, a := range sources {
		sizes[i] = articleSize(a)
	}
	for _, part := range cut("sources/", sizes, maxPageBytes) {
		title := "Sources"
		if part.Number > 1 {
			title = fmt.Sprintf("Sources (page %d)", part.Number)
		}
		addPage("sources.html", part.Path, func() *page {
			data := &sourcesPage{Part: part, Articles: sources[part.Start:part.End], Total: len(sources)}
			return s.newPage(part.Path, title, "sources", data, nil)
		}, nil)
		listed(part.Path)
	}
	sizes = make([]int, len(rep.Files))
	for i, f := range rep.Files {
		sizes[i] = reportFileSize(f)
	}
	for _, part := range cut("report/", sizes, maxPageBytes) {
		addPage("report.html", part.Path, func() *page {
			data := &reportPage{reportData: rep, Part: part, Files: rep.Files[part.Start:part.End]}
			return s.newPage(part.Path, "Build report", "report", data, nil)
		}, nil)
	}
	addPage("404.html", "404.html", func() *page {
		// 404.html is served for missing paths at any depth: its links start from the base path.
		p := s.newPage("404.html", "Page not found", "", nil, nil)
		p.Root, p.Canonical = s.basePath(), ""
		p.ExportLinks = s.exportLinks(p.Root)
		return p
	}, nil)
	s.pages = pages // the sitemap's list: every page but the report and 404
	// The lists (sources, report) run before the many small pages, not after them: each
	// renders hundreds of items, and would otherwise be left running alone at the end.
	items := len(s.events) + len(s.articles) // one job each
	jobs = slices.Concat(jobs[:onePerItem], jobs[onePerItem+items:], jobs[onePerItem:onePerItem+items])

	inc, _ := out.(IncrementalOutput)
	if inc != nil {
		if fps, err = newFingerprinter(in.Version, theme, s.cfg); err != nil {
			return Stats{}, err
		}
		fps.prepare(s.articles)
		fps.prepare(s.events)
	}
	var kept atomic.Int64
	runs := make([]func() error, len(jobs))
	for i, j := range jobs {
		runs[i] = func() error {
			inputs, run := j.prepare()
			if inc == nil {
				return run(w)
			}
			fp, err := fps.of(j.key, inputs()...)
			if err != nil {
				fp = Fingerprint{} // rendered every time
			}
			jobOut, keep := inc.Job(j.key, fp)
			if keep {
				kept.Add(1)
				return nil
			}
			return run(&countingOutput{out: jobOut, total: w})
		}
	}
	if in.Progress != nil {
		var mu sync.Mutex
		done := 0
		for i, run := range runs {
			runs[i] = func() error {
				err := run()
				mu.Lock()
				done++
				in.Progress(done, len(runs))
				mu.Unlock()
				return err
			}
		}
	}
	if err := runJobs(runs); err != nil {
		return Stats{}, err
	}
	return Stats{Articles: len(s.articles), Events: len(s.events), Pages: len(pages) + 2, Files: w.count(), Kept: int(kept.Load())}, nil
}

// runJobs runs jobs on all cores and returns the first error (in job order). It runs more
// goroutines than cores: a job spends much of its time writing its file, and another can
// render meanwhile.
func runJobs[J ~func() error](jobs []J) error {
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range 2*runtime.GOMAXPROCS(0) + 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = jobs[i]()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// copyStatic copies every asset of the theme to static/ in the output.
func copyStatic(fsys fs.FS, out Output) error {
	files, err := walkFiles(fsys)
	if err != nil {
		return fmt.Errorf("static: %v", err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return fmt.Errorf("static: %v", err)
		}
		if err := out.WriteFile(path.Join("static", f), b); err != nil {
			return err
		}
	}
	return nil
}

// countingOutput checks every name and counts the files written; safe for concurrent use.
// When total is set, the count goes there instead (one counter for many job outputs).
type countingOutput struct {
	out   Output
	total *countingOutput
	mu    sync.Mutex
	n     int
}

func (c *countingOutput) add() {
	if c.total != nil {
		c = c.total
	}
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *countingOutput) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := c.out.WriteFile(name, data); err != nil {
		return err
	}
	c.add()
	return nil
}

// Create streams a file when the underlying output can, else buffers it.
func (c *countingOutput) Create(name string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	c.add()
	if st, ok := c.out.(streamer); ok {
		return st.Create(name)
	}
	return &bufferedFile{out: c.out, name: name}, nil
}

// bufferedFile collects a streamed file for an Output that takes whole files only.
type bufferedFile struct {
	bytes.Buffer
	out  Output
	name string
}

func (f *bufferedFile) Close() error { return f.out.WriteFile(f.name, f.Bytes()) }

func (c *countingOutput) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
