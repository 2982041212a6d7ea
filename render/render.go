package render

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"sync"
)

// Stats counts what a render wrote.
type Stats struct {
	Articles, Events, Pages, Files int
}

// Render writes the whole site to out: pages, static assets and exports. It is deterministic:
// the same Site and theme give the same files with the same bytes.
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
	writePage := func(tmpl string, p *page) error {
		buf := buffers.Get().(*bytes.Buffer)
		defer buffers.Put(buf)
		b, err := ts.renderTo(buf, tmpl, p)
		if err != nil {
			return err
		}
		return w.WriteFile(pageFile(p.Path), b)
	}

	// Every page and export is a job, run on all cores. The largest (timeline pages, exports)
	// go first so that none is left running alone at the end. paginate sets where each event
	// is listed before any page is rendered.
	var jobs []func() error
	add := func(job func() error) { jobs = append(jobs, job) }
	addPage := func(p string, job func() error) { add(job); pages = append(pages, p) }
	for _, tp := range paginate(s.events, maxPageBytes) {
		addPage(tp.Path, func() error {
			var quoted []*articleView
			for _, e := range tp.events {
				quoted = append(quoted, e.quoted()...)
			}
			return writePage("timeline.html", s.newPage(tp.Path, tp.Heading, "home", tp, quoted))
		})
	}
	rep := s.report()
	for _, name := range Exports {
		if s.cfg.HasExport(name) {
			add(func() error { return s.writeExport(w, name, rep) })
		}
	}
	add(func() error { return s.writeSearchIndex(w) }) // read by static/reader.js
	add(func() error { return copyStatic(theme.Static, w) })
	for _, e := range s.events {
		addPage(e.Href, func() error {
			return writePage("event.html", s.newPage(e.Href, e.Label+": "+e.Title, "", e, e.quoted()))
		})
	}
	for _, a := range s.articles {
		addPage(a.Href, func() error {
			ap, err := s.articlePage(a)
			if err != nil {
				return err
			}
			return writePage("article.html", s.newPage(a.Href, a.Title, "sources", ap, []*articleView{a}))
		})
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
	for _, p := range cut("sources/", sizes, maxPageBytes) {
		title := "Sources"
		if p.Number > 1 {
			title = fmt.Sprintf("Sources (page %d)", p.Number)
		}
		addPage(p.Path, func() error {
			data := &sourcesPage{Part: p, Articles: sources[p.Start:p.End], Total: len(sources)}
			return writePage("sources.html", s.newPage(p.Path, title, "sources", data, nil))
		})
	}
	sizes = make([]int, len(rep.Files))
	for i, f := range rep.Files {
		sizes[i] = reportFileSize(f)
	}
	for _, p := range cut("report/", sizes, maxPageBytes) {
		add(func() error {
			data := &reportPage{reportData: rep, Part: p, Files: rep.Files[p.Start:p.End]}
			return writePage("report.html", s.newPage(p.Path, "Build report", "report", data, nil))
		})
	}
	add(func() error {
		// 404.html is served for missing paths at any depth: its links start from the base path.
		notFound := s.newPage("404.html", "Page not found", "", nil, nil)
		notFound.Root, notFound.Canonical = s.basePath(), ""
		notFound.ExportLinks = s.exportLinks(notFound.Root)
		return writePage("404.html", notFound)
	})
	s.pages = pages // the sitemap's list: every page but the report and 404
	if in.Progress != nil {
		var mu sync.Mutex
		done := 0
		for i, job := range jobs {
			jobs[i] = func() error {
				err := job()
				mu.Lock()
				done++
				in.Progress(done, len(jobs))
				mu.Unlock()
				return err
			}
		}
	}
	if err := runJobs(jobs); err != nil {
		return Stats{}, err
	}
	return Stats{Articles: len(s.articles), Events: len(s.events), Pages: len(pages) + 2, Files: w.count()}, nil
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
type countingOutput struct {
	out Output
	mu  sync.Mutex
	n   int
}

func (c *countingOutput) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := c.out.WriteFile(name, data); err != nil {
		return err
	}
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return nil
}

// Create streams a file when the underlying output can, else buffers it.
func (c *countingOutput) Create(name string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
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
