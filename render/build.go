package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// BuildOptions tune Build. The zero value builds the site as its config says.
type BuildOptions struct {
	Theme  fs.FS     // the default theme (timeline.Theme): templates/* and static/*
	Log    io.Writer // progress and the problem summary; nil for silence
	Strict bool      // any problem fails the build, leaving the previous site in place
	Events events.Options
	// Now is passed to corpus.Load to warn about publication dates in the future; the
	// command line passes the clock, tests leave it zero. Output never depends on it otherwise.
	Now time.Time
	// Cache, when set, keeps extraction results between builds (see corpus.OpenCache).
	Cache *corpus.Cache
	// Swapping, when set, is held while the build changes the output folder, its last step:
	// serve holds it for reading while it reads a file of the site, so a page is never read
	// half way through an update.
	Swapping sync.Locker
	// StateDir, when set, makes builds incremental: a manifest of what made each file of the
	// site is kept there (see incremental.go), and the next build renders only the pages whose
	// inputs changed, updating the output folder in place.
	StateDir string
	// Version names the program (corpus.ExtractorVersion); a new one renders every file again.
	Version string
}

// Result says what a build did.
type Result struct {
	Stats
	Out      string // the output folder written
	Problems []corpus.Problem
	Duration time.Duration
	// Phases times the build's steps: reading and extraction, events, rendering.
	LoadTime, EventsTime, RenderTime time.Duration
	// Unread says the site was found up to date by its articles' stamps, reading none of them
	// (see stamps.go): a cache of extraction results had no use, and keeps what it holds.
	Unread bool
}

// ErrProblems is returned by a strict build whose articles had problems.
var ErrProblems = errors.New("the articles have problems (--strict)")

// Build reads the site's articles, extracts their events and writes the site to its output
// folder. It renders into a temporary folder beside the output and swaps it in only when
// complete, so a failed build leaves the previous site as it was.
func Build(ctx context.Context, cfg Config, opts BuildOptions) (*Result, error) {
	start := time.Now()
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	content, out := cfg.Path(cfg.Content), cfg.Path(cfg.Output)
	if err := CheckOutput(out, content, cfg.Root); err != nil {
		return nil, err
	}
	if info, err := os.Stat(content); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("content folder %s: not found (set content in %s)", content, configName(cfg))
	}
	tfs, sfs, err := ThemeFS(opts.Theme, cfg.Path(cfg.Theme.Templates), cfg.Path(cfg.Theme.Static))
	if err != nil {
		return nil, err
	}
	// Parse the templates before the long part, so a template error shows at once.
	if _, err := parseTemplates(tfs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, fmt.Errorf("output: %v", err)
	}
	// One build of a site at a time (see lockOutput).
	unlock, err := lockOutput(ctx, out, log)
	if err != nil {
		return nil, err
	}
	defer unlock()
	removeStale(out, opts.StateDir, opts.Now)

	// The build lets go of each article's text once it is read (readArticles), and reads each
	// article again when its page is rendered: through a cache, so that reading again costs no
	// second extraction (without one on disk, a cache in memory for this build only).
	cache := opts.Cache
	if cache == nil {
		cache = corpus.MemoryCache()
	}
	// The articles are read by their names from the site root (see rootNamed), as is
	// everything the site is made from.
	named, readDir := rootNamed(cfg)
	readOpts := corpus.Options{Progress: progress(log, "reading articles"), Now: opts.Now, Cache: cache, Dir: readDir}
	theme := ThemeFiles{Templates: tfs, Static: sfs}
	t0 := time.Now()
	var stamped *stamping
	if opts.StateDir != "" {
		// Nothing changed since the last build, by the files' stamps: up to date without
		// reading an article (see stamps.go).
		if stamped, err = stampBuild(opts, named, theme, content, out); err != nil {
			return nil, err
		}
		if kept, current := stamped.upToDate(); current {
			res := &Result{Out: out, Problems: shownProblems(kept.Problems, readOpts), LoadTime: time.Since(t0), Unread: true}
			if opts.Strict && len(kept.Problems) > 0 {
				return res, ErrProblems
			}
			res.Stats, res.Duration = kept.Stats, time.Since(start)
			res.Stats.Files, res.Stats.Kept = 0, kept.Jobs
			return res, nil
		}
	}
	// Each article's text is let go of as soon as its notes and mentions are made (see
	// readArticles); with a state folder, only the articles changed since the last build are
	// collected again (see mentions.go).
	mentionsCache := openMentionsCache(opts.StateDir, opts.Version, opts.Events, log)
	read, problems, err := readArticles(ctx, named.Content, readOpts, mentionsCache)
	if err != nil {
		return nil, err
	}
	docs := read.docs
	byDay := dayDependent(docs, opts.Now)
	t1 := time.Now()
	res := &Result{Out: out, Problems: shownProblems(problems, readOpts), LoadTime: t1.Sub(t0)}
	if opts.Strict && len(problems) > 0 {
		return res, ErrProblems
	}
	var inputs Fingerprint
	var prev *manifest // the last build's, read once
	if opts.StateDir != "" {
		// Nothing the site is made from has changed: the site is up to date as it is.
		var current bool
		if inputs, prev, current, err = upToDate(opts, named, theme, docs, problems, out); err != nil {
			return nil, err
		} else if current {
			if err := stamped.keep(out, problems, byDay, prev.Stats, len(prev.Jobs), jobFiles(prev.Jobs)); err != nil {
				fmt.Fprintf(log, "build state: stamps not saved: %v\n", err)
			}
			res.Stats, res.Duration = prev.Stats, time.Since(start)
			res.Stats.Files, res.Stats.Kept = 0, len(prev.Jobs)
			return res, nil
		}
	}
	reload := func(file string) (corpus.Doc, error) {
		return corpus.LoadFile(file, corpus.Options{Now: opts.Now, Cache: cache, Dir: readDir})
	}
	again := func(i int) (corpus.Doc, error) { // docs[i] as it was read, text and all
		return readAgain(reload, docs[i].Article.File, docs[i].Sum)
	}
	mentions, _, err := mentionsCache.finish(read.mentions, docs, again, log)
	if err != nil {
		return nil, err
	}
	read.mentions = nil
	evs := events.Assemble(mentions, opts.Events)
	mentions = nil
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	// The merge's structures (every mention, the candidate pairs, the index) are garbage now.
	// A collection here starts the render from what it holds; left to itself, the collector
	// runs one cycle across this point, counts them as live, and lets the heap grow to twice
	// that before the next.
	runtime.GC()
	t2 := time.Now()
	res.EventsTime = t2.Sub(t1)

	site := &Site{Config: named, Docs: docs, Events: evs, Problems: problems, Progress: progress(log, "writing pages"), Version: opts.Version, Reload: reload, notes: read.notes}
	docs, read = nil, readSet{}
	if opts.StateDir != "" {
		stats, made, err := buildWithState(ctx, site, theme, out, opts.StateDir, inputs, prev, opts.Swapping)
		if err != nil {
			return nil, err
		}
		files, jobs := made.made()
		if err := stamped.keep(out, problems, byDay, stats, jobs, files); err != nil {
			fmt.Fprintf(log, "build state: stamps not saved: %v\n", err)
		}
		res.Stats, res.Duration, res.RenderTime = stats, time.Since(start), time.Since(t2)
		return res, nil
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".building-")
	if err != nil {
		return nil, fmt.Errorf("output: %v", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("output: %v", err)
	}
	defer os.RemoveAll(tmp) // a no-op once it has been swapped in
	dir := &dirOutput{root: tmp}
	if _, err := os.Stat(filepath.Join(out, markerFile)); err == nil {
		dir.prev = out // unchanged files are linked from the previous build, not written again
	}
	stats, err := Render(site, theme, dir)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, markerFile), []byte(markerText), 0o644); err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err := swap(tmp, out, opts.Swapping); err != nil {
		return nil, err
	}
	res.Stats, res.Duration, res.RenderTime = stats, time.Since(start), time.Since(t2)
	return res, nil
}

// rootNamed is cfg as a build reads and renders it, and the folder its articles are read from
// (corpus.Options.Dir): its articles named from the site root (content/a.md) whatever the
// current folder, so Root is "." and Content the content folder from the root, or its
// absolute path when it is outside the root. Article.File, Problem.File and the events'
// sources hold these names, and so everything keyed by them (the mentions pack, the inputs of
// the up-to-date check, the pages' fingerprints) is the same for `cd site && timeline build`
// and `timeline build --config site/site.toml`. What the pages show is named from the root or
// the content folder (articleRel, sitePath) either way.
func rootNamed(cfg Config) (named Config, dir string) {
	root, err1 := filepath.Abs(cfg.Root)
	content, err2 := filepath.Abs(cfg.Path(cfg.Content))
	if err1 != nil || err2 != nil {
		return cfg, "" // no current folder to name anything from: read as spelled
	}
	named = cfg
	named.Root = "."
	if rel, err := filepath.Rel(root, content); err == nil && within(content, root) {
		named.Content = rel
	} else {
		named.Content = content
	}
	return named, cfg.Root
}

// shownProblems are problems as the user is shown them: named by their paths from the
// current folder, which a terminal or editor can open.
func shownProblems(problems []corpus.Problem, opts corpus.Options) []corpus.Problem {
	shown := make([]corpus.Problem, len(problems))
	for i, p := range problems {
		p.File = opts.Path(p.File)
		shown[i] = p
	}
	return shown
}

// buildWithState renders the site incrementally when the output holds a build this state
// vouches for (prev, its manifest; see incremental.go), else whole into a temporary folder
// swapped in. It returns the output it rendered to, which knows what the site now holds.
func buildWithState(ctx context.Context, site *Site, theme ThemeFiles, out, stateDir string, inputs Fingerprint, prev *manifest, swapping sync.Locker) (Stats, *siteOutput, error) {
	statePath := manifestPath(stateDir, out)
	staging, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".building-")
	if err != nil {
		return Stats{}, nil, fmt.Errorf("output: %v", err)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return Stats{}, nil, fmt.Errorf("output: %v", err)
	}
	defer os.RemoveAll(staging) // a no-op once it has been swapped in
	o := newSiteOutput(out, staging, prev)
	stats, err := Render(site, theme, o)
	if err != nil {
		return Stats{}, nil, err
	}
	o.inputs, o.stats = inputs, stats
	if ctx.Err() != nil {
		return Stats{}, nil, ctx.Err()
	}
	if o.incremental() {
		return stats, o, locked(swapping, func() error { return o.commit(statePath) })
	}
	m, err := o.manifest()
	if err != nil {
		return Stats{}, nil, err
	}
	if err := o.saveManifest(statePath, m); err != nil {
		return Stats{}, nil, err
	}
	if err := os.WriteFile(filepath.Join(staging, markerFile), markerWith(m), 0o644); err != nil {
		return Stats{}, nil, err
	}
	return stats, o, swap(staging, out, swapping)
}

// upToDate fingerprints everything a site is made from (the program, templates, static files,
// settings, event options, every article's path and bytes (by their SHA-256, Doc.Sum), and the
// problems found reading them) and returns it with the manifest of the site in out (nil when
// there is none the site's marker vouches for), and whether that site was made from exactly
// the same: nothing then needs doing.
func upToDate(opts BuildOptions, cfg Config, theme ThemeFiles, docs []corpus.Doc, problems []corpus.Problem, out string) (inputs Fingerprint, m *manifest, current bool, err error) {
	fps, err := newFingerprinter(opts.Version, theme, cfg)
	if err != nil {
		return Fingerprint{}, nil, false, err
	}
	type article struct {
		File     string
		Markdown bool
		Bytes    [32]byte
	}
	articles := make([]article, len(docs))
	for i, d := range docs {
		articles[i] = article{d.Article.File, d.Article.Markdown, d.Sum}
	}
	inputs, err = fps.of("inputs", staticFiles(theme.Static), opts.Events, articles, problems)
	if err != nil {
		return Fingerprint{}, nil, false, err
	}
	m = readManifest(manifestPath(opts.StateDir, out), out)
	if m == nil || m.Inputs != inputs || m.Inputs == (Fingerprint{}) {
		return inputs, m, false, nil
	}
	live := newSiteFiles(out)
	for _, j := range m.Jobs {
		if !live.has(j.Files) {
			return inputs, m, false, nil // a file deleted by hand: the render makes it again
		}
	}
	return inputs, m, true, nil
}

func configName(cfg Config) string {
	if cfg.File != "" {
		return cfg.File
	}
	return "site.toml"
}

// progress reports long work on log, about every tenth, only when there is a lot of it.
func progress(log io.Writer, what string) func(done, total int) {
	if log == io.Discard {
		return nil
	}
	step := 0
	return func(done, total int) {
		if total < 500 {
			return
		}
		if step == 0 {
			step = total / 10
		}
		if done%step == 0 || done == total {
			fmt.Fprintf(log, "%s: %d/%d\n", what, done, total)
		}
	}
}

// markerFile marks a folder as written by timeline: only such a folder is ever replaced.
const (
	markerFile = ".timeline-site"
	markerText = "This folder is written by `timeline build`, which replaces or updates its files on each build.\n"
)

// CheckOutput refuses an output folder the build must not replace: the content folder, the
// site root, a parent of either, a folder inside the content, or an existing folder with
// files that timeline did not write.
func CheckOutput(out, content, root string) error {
	o, err := absClean(out)
	if err != nil {
		return err
	}
	guarded := []struct{ path, what string }{{content, "the content folder"}, {root, "the site root"}}
	for _, p := range guarded {
		if q, err := absClean(p.path); err != nil {
			return err
		} else if o == q {
			return fmt.Errorf("refusing output folder %s: it is %s", out, p.what)
		}
	}
	for _, p := range guarded {
		if q, _ := absClean(p.path); within(q, o) {
			return fmt.Errorf("refusing output folder %s: it holds %s (%s), which a build would replace", out, p.what, p.path)
		}
	}
	// Inside the content folder, the site's own files (robots.txt, ...) would be read back
	// as articles by the next build.
	if c, _ := absClean(content); within(o, c) {
		return fmt.Errorf("refusing output folder %s: it is inside the content folder %s, whose files are read as articles", out, content)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("output folder %s: %v", out, err)
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(out, markerFile)); err != nil {
			return fmt.Errorf("refusing output folder %s: it is not empty and was not written by timeline (no %s file); empty it or choose another", out, markerFile)
		}
	}
	return nil
}

// absClean is the absolute, cleaned path with symbolic links resolved where they exist.
func absClean(p string) (string, error) {
	a, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(a); err == nil {
		return r, nil
	}
	// The path does not exist yet: resolve its nearest existing parent.
	parent, base := filepath.Split(a)
	if parent != a && parent != "" {
		if r, err := absClean(filepath.Clean(parent)); err == nil {
			return filepath.Join(r, base), nil
		}
	}
	return a, nil
}

// within reports whether path p is inside folder dir (or is dir).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// swap puts the finished folder tmp in place of out, holding l (when there is one) while it
// does: the old site moves aside, the new one in, and the old one is removed (once l is let
// go: with a large site that takes a while). If the second move fails the old site is put
// back.
func swap(tmp, out string, l sync.Locker) error {
	old := ""
	err := locked(l, func() error {
		if _, err := os.Lstat(out); err == nil {
			old = tmp + ".old"
			if err := os.Rename(out, old); err != nil {
				old = ""
				return fmt.Errorf("output: %v", err)
			}
		}
		if err := os.Rename(tmp, out); err != nil {
			if old != "" {
				os.Rename(old, out)
			}
			return fmt.Errorf("output: %v", err)
		}
		return nil
	})
	if err != nil || old == "" {
		return err
	}
	return os.RemoveAll(old)
}

// locked runs f holding l, when there is one.
func locked(l sync.Locker, f func() error) error {
	if l == nil {
		return f()
	}
	l.Lock()
	defer l.Unlock()
	return f()
}

// dirOutput writes files under root, creating folders as needed (each once: with a hundred
// thousand pages, asking the file system again for every file is a cost). Safe for
// concurrent use.
type dirOutput struct {
	root string
	prev string   // the previous build's folder, or ""
	dirs sync.Map // folders known to exist
}

func (d *dirOutput) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	p := filepath.Join(d.root, filepath.FromSlash(name))
	if dir := filepath.Dir(p); dir != d.root {
		if _, ok := d.dirs.Load(dir); !ok {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			d.dirs.Store(dir, true)
		}
	}
	if d.prev != "" && d.linkSame(filepath.Join(d.prev, filepath.FromSlash(name)), p, data) {
		return nil
	}
	return os.WriteFile(p, data, 0o644)
}

// linkSame hard-links old to p when old holds exactly data: a rebuild where little changed
// then writes little, and removing the old site frees little. Any doubt means no link.
func (d *dirOutput) linkSame(old, p string, data []byte) bool {
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	b, err := os.ReadFile(old)
	if err != nil || !bytes.Equal(b, data) {
		return false
	}
	return os.Link(old, p) == nil
}

// Create opens a file to be written in pieces (large exports).
func (d *dirOutput) Create(name string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	p := filepath.Join(d.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}
