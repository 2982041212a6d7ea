package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/timeline-news/timeline"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/render"
)

var buildCmd = &command{
	name:    "build",
	summary: "build the static timeline site",
	usage:   "timeline build [--config FILE] [--out DIR] [--base-url URL] [--strict]",
	help: `
Reads site.toml (by default in the current folder), reads and extracts every
article of its content folder, and writes the site to its output folder
(default public/): the timeline, a page per event and per article, the
sources page, a build report, and the exports named in site.toml
(events.json, timelinejs.json, events.ics, feed.xml, sitemap.xml, robots.txt,
report.json).

Builds are incremental. Extraction results and every article's event mentions
are cached in .timeline-cache/ beside site.toml (one file each, keyed by the
articles' content), and so is a manifest of what made each file of the site:
the next build extracts only the articles that changed, renders only the pages
whose inputs changed (an article, its events, their neighbours), writes them
beside the output, and moves them in once all are ready. A changed template,
setting or timeline program renders everything
again. The first build, and any build after --no-cache or an interrupted one,
writes the whole site to a temporary folder swapped in when complete. Either
way a failed build leaves the previous site as it was. The output folder may
not be the content folder, the site root or a parent of either, and an
existing non-empty folder is only replaced if timeline wrote it.

Problems with articles (unreadable files, bad front matter, date expressions
left unresolved) are printed file by file and listed in report/ and
report.json; the build still succeeds. With --strict they fail it (exit 1).

Examples:
  timeline build
  timeline build --config demo/site.toml --out /tmp/site
  timeline build --base-url https://user.github.io/repo/ --strict`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		config := fs.String("config", "site.toml", "the site's settings `file`; its folder is the site root")
		out := fs.String("out", "", "write the site to `dir` instead of the output folder of site.toml")
		baseURL := fs.String("base-url", "", "the `url` the site is published at (overrides base_url), e.g. https://user.github.io/repo/")
		strict := fs.Bool("strict", false, "fail the build (exit 1) if any article has a problem")
		noCache := fs.Bool("no-cache", false, "build everything afresh, without reading or writing the cache of extraction results and site manifests ("+cacheDir+"/ beside site.toml)")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if len(args) > 0 {
				return usagef("build takes no arguments (got %q); name the site with --config", args[0])
			}
			cfg, err := loadSiteConfig(*config, *out, *baseURL)
			if err != nil {
				return err
			}
			opts := render.BuildOptions{Theme: timeline.Theme, Log: stderr, Strict: *strict, Now: time.Now()}
			if !*noCache {
				opts.Cache = openCache(cfg.Root, stderr)
				opts.StateDir, opts.Version = filepath.Join(cfg.Root, cacheDir, "sites"), corpus.ExtractorVersion()
			}
			res, err := render.Build(ctx, cfg, opts)
			saveCache(opts.Cache, res, err, stderr)
			if res != nil {
				printProblems(stderr, res)
			}
			if err != nil {
				if errors.Is(err, render.ErrProblems) {
					return fmt.Errorf("%d problem(s) with the articles; site not written (--strict)", len(res.Problems))
				}
				return err
			}
			fmt.Fprintf(stderr, "built %s: %d articles, %d events, %d pages%s in %.2fs (reading %.2fs, events %.2fs, pages %.2fs)\n",
				res.Out, res.Articles, res.Events, res.Pages, keptNote(res), res.Duration.Seconds(),
				res.LoadTime.Seconds(), res.EventsTime.Seconds(), res.RenderTime.Seconds())
			return nil
		}
	},
}

// loadSiteConfig reads the config file (or uses defaults for a missing default site.toml
// when a content folder is there) and applies command-line overrides.
func loadSiteConfig(file, out, baseURL string) (render.Config, error) {
	cfg, err := render.LoadConfig(file)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return render.Config{}, fmt.Errorf("%s not found: run in a site folder, name one with --config, or create one with 'timeline init DIR'", file)
		}
		return render.Config{}, err
	}
	if out != "" {
		abs, err := filepath.Abs(out)
		if err != nil {
			return render.Config{}, err
		}
		cfg.Output = abs
	}
	if baseURL != "" {
		cfg.BaseURL = baseURL
		if err := cfg.Check(); err != nil {
			return render.Config{}, fmt.Errorf("--base-url: %v", err)
		}
	}
	return cfg, nil
}

// printProblems lists the build's problems file by file, then a count.
func printProblems(w io.Writer, res *render.Result) {
	if len(res.Problems) == 0 {
		return
	}
	errs := 0
	for _, p := range res.Problems {
		fmt.Fprintln(w, p)
		if p.Severity == "error" {
			errs++
		}
	}
	fmt.Fprintf(w, "%d problem(s), %d article(s) left out; see report/ in the site\n", len(res.Problems), errs)
}

// keptNote says how much of an incremental build was kept from the last one.
func keptNote(res *render.Result) string {
	switch {
	case res.Kept > 0 && res.Files == 0:
		return " (up to date: nothing it is made from has changed)"
	case res.Kept > 0:
		return fmt.Sprintf(" (%d files rendered, the rest kept from the last build)", res.Files)
	}
	return ""
}
