package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/extract"
)

// Cache keeps extraction results on disk, one small file per article keyed by the hash of its
// text, so a run over an archive where one article changed extracts that article only.
//
// Entries live in DIR/VERSION/ab/abcdef….tlx. VERSION names the extractor: results from another
// version are never read (OpenCache removes them), because a better extractor must be able to
// change every result. The key is the SHA-256 of the article's bytes and of whether it is read as
// Markdown; the publication date is in those bytes, so it is covered too. A damaged entry is a
// miss, never an error: the cache can always be deleted.
type Cache struct {
	dir    string // DIR/VERSION
	root   string // DIR
	mu     sync.Mutex
	used   map[cacheKey]bool
	err    error // the first failure to write an entry
	hits   atomic.Int64
	misses atomic.Int64
}

type cacheKey [sha256.Size]byte

// OpenCache opens (creating it if needed) the cache in dir for extractor version version (see
// ExtractorVersion), removing the entries of any other version.
func OpenCache(dir, version string) (*Cache, error) {
	if version == "" || filepath.Base(version) != version || version[0] == '.' {
		return nil, fmt.Errorf("cache: bad extractor version %q", version)
	}
	c := &Cache{root: dir, dir: filepath.Join(dir, version), used: map[cacheKey]bool{}}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache: %v", err)
	}
	others, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cache: %v", err)
	}
	for _, e := range others {
		if e.IsDir() && e.Name() != version && isVersionName(e.Name()) {
			os.RemoveAll(filepath.Join(dir, e.Name())) // stale results; a failure only costs disk
		}
	}
	return c, nil
}

// isVersionName recognises the folders OpenCache makes, so that it never removes anything else
// a user put in the cache folder by mistake.
func isVersionName(s string) bool {
	if len(s) != 2*versionBytes+2 || s[:2] != "x-" {
		return false
	}
	_, err := hex.DecodeString(s[2:])
	return err == nil
}

const versionBytes = 8

// ExtractorVersion names the extractor in this program: a hash of the running executable, so
// that any change to the code (rules, word lists, resolution) invalidates cached results. It
// falls back to the module's build information when the executable cannot be read.
func ExtractorVersion() string {
	h := sha256.New()
	exe, err := os.Executable()
	if err == nil {
		var f *os.File
		if f, err = os.Open(exe); err == nil {
			_, err = io.Copy(h, f)
			f.Close()
		}
	}
	if err != nil {
		h.Reset()
		if info, ok := debug.ReadBuildInfo(); ok {
			h.Write([]byte(info.String()))
		}
	}
	return "x-" + hex.EncodeToString(h.Sum(nil)[:versionBytes])
}

// key is the hash of what extraction reads: the article's bytes and whether they are Markdown.
func (c *Cache) key(a *article.Article) cacheKey {
	h := sha256.New()
	if a.Markdown {
		h.Write([]byte{1})
	} else {
		h.Write([]byte{0})
	}
	h.Write(a.Raw)
	var k cacheKey
	h.Sum(k[:0])
	return k
}

func (c *Cache) path(k cacheKey) string {
	name := hex.EncodeToString(k[:])
	return filepath.Join(c.dir, name[:2], name+entryExt)
}

func (c *Cache) markUsed(k cacheKey) {
	c.mu.Lock()
	c.used[k] = true
	c.mu.Unlock()
}

// get returns the cached Text and result for a, whose key is k, if any. An entry that cannot
// be read, or whose ranges do not fit a, is a miss.
func (c *Cache) get(k cacheKey, a *article.Article) (string, []extract.Timex, bool) {
	data, err := readEntry(c.path(k))
	if err != nil {
		c.misses.Add(1)
		return "", nil, false
	}
	text, e, err := decodeEntry(data, a)
	if err != nil || e.Key != k || !spansFit(e.Timexes, len(text)) {
		c.misses.Add(1)
		return "", nil, false
	}
	c.markUsed(k)
	c.hits.Add(1)
	return text, e.Timexes, true
}

// Put stores timexes as the extraction result of a, as Walk does when it extracts a: for tools
// that extract by other means, and for tests that plant entries (safety/ forges some).
func (c *Cache) Put(a *article.Article, timexes []extract.Timex) error {
	kept := a.Kept()
	text, ok := a.TextKeeping(kept)
	if !ok {
		return errors.New("cache: the article's text ranges do not fit it")
	}
	k := c.key(a)
	c.markUsed(k)
	return writeAtomic(c.path(k), encodeEntry(entry{Key: k, Kept: kept, Timexes: timexes}, text))
}

// put stores a result, written to a temporary file and renamed so that a reader never sees half
// an entry. A failure is remembered for Walk to report once; the run goes on without it.
func (c *Cache) put(k cacheKey, text string, e entry) {
	c.markUsed(k)
	e.Key = k
	err := writeAtomic(c.path(k), encodeEntry(e, text))
	if err != nil {
		c.mu.Lock()
		if c.err == nil {
			c.err = err
		}
		c.mu.Unlock()
	}
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

func (c *Cache) takeErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.err
	c.err = nil
	return err
}

// Stats reports how many articles were found in the cache and how many had to be extracted.
func (c *Cache) Stats() (hits, misses int) { return int(c.hits.Load()), int(c.misses.Load()) }

// Prune removes the entries no Walk used since the cache was opened: the results of articles
// since edited or deleted. Call it after walking the whole content, never after a partial walk.
func (c *Cache) Prune() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		name := d.Name()
		var k cacheKey
		if b, err := hex.DecodeString(trimExt(name)); err == nil && len(b) == len(k) {
			copy(k[:], b)
			if c.used[k] {
				return nil
			}
		}
		if err := os.Remove(p); err != nil {
			errs = append(errs, err)
		}
		return nil
	})
	return errors.Join(errs...)
}

// entryExt ends the names of cache files (see entry.go for what they hold).
const entryExt = ".tlx"

func trimExt(name string) string {
	if filepath.Ext(name) != entryExt {
		return ""
	}
	return name[:len(name)-len(entryExt)]
}
