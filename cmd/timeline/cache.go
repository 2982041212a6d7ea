package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/render"
)

// cacheDir is the extraction cache of a site, beside its site.toml. Its name starts with a dot,
// so a content folder that is the site root does not read it as articles.
const cacheDir = ".timeline-cache"

// openCache opens the extraction cache of the site at root, or returns nil after a note on log
// when it cannot: a build without its cache is only slower.
func openCache(root string, log io.Writer) *corpus.Cache {
	c, err := corpus.OpenCache(filepath.Join(root, cacheDir), corpus.ExtractorVersion())
	if err != nil {
		fmt.Fprintf(log, "building without the extraction cache: %v\n", err)
		return nil
	}
	c.RemoveStale(time.Now())
	return c
}

// saveCache writes the extraction cache after a build (res and err, what it returned). After
// a build that read every article it drops the entries the build did not use (articles since
// edited or removed); after a failed one, or one that read none (render.Result.Unread), it
// keeps them all, with what the build extracted before it stopped.
func saveCache(c *corpus.Cache, res *render.Result, err error, log io.Writer) {
	if c == nil {
		return
	}
	save := c.Flush
	if err == nil && res != nil && !res.Unread {
		save = c.Prune
	}
	if err := save(); err != nil {
		fmt.Fprintf(log, "extraction cache: %v\n", err)
	}
}
