package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/timeline-news/timeline/corpus"
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
	return c
}

// pruneCache drops the cache entries the build did not use (articles since edited or removed).
func pruneCache(c *corpus.Cache, log io.Writer) {
	if c == nil {
		return
	}
	if err := c.Prune(); err != nil {
		fmt.Fprintf(log, "extraction cache: %v\n", err)
	}
}
