package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/extract"
	"github.com/timeline-news/timeline/internal/atomicfile"
)

// Cache keeps extraction results on disk, keyed by the hash of each article's text, so a run
// over an archive where one article changed extracts that article only.
//
// Entries live in one file, DIR/VERSION/entries.pack (see pack.go), read when the cache is
// opened and written anew by Prune or Flush at the end of a run. VERSION names the extractor:
// results from another version are never read (OpenCache removes them), because a better
// extractor must be able to change every result. The key is the SHA-256 of the article's bytes
// and of whether it is read as Markdown; the publication date is in those bytes, so it is
// covered too. A damaged entry is a miss, never an error: the cache can always be deleted.
type Cache struct {
	dir    string              // DIR/VERSION
	packed map[cacheKey][]byte // the entries of the pack as read, or as last written by save
	mu     sync.Mutex
	fresh  map[cacheKey][]byte // entries made in this run, written by Prune or Flush
	used   map[cacheKey]bool
	err    error // the first failure to read the pack
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
	c := &Cache{dir: filepath.Join(dir, version), fresh: map[cacheKey][]byte{}, used: map[cacheKey]bool{}}
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
	c.packed = map[cacheKey][]byte{}
	path := filepath.Join(c.dir, packName)
	if info, err := os.Lstat(path); err == nil && info.Mode().IsRegular() && info.Size() <= maxPackSize {
		// readEntry, not os.ReadFile: a named pipe swapped in after Lstat is a miss, not a hang.
		data, err := readEntry(path)
		if err != nil {
			c.err = err
		}
		c.packed = readPack(data)
	}
	return c, nil
}

// MemoryCache is a Cache kept in memory only, for one run, that reads and writes no file
// (Prune and Flush do nothing): for a run without a cache on disk that reads articles again
// (see LoadFile), which then costs no second extraction.
func MemoryCache() *Cache {
	return &Cache{packed: map[cacheKey][]byte{}, fresh: map[cacheKey][]byte{}, used: map[cacheKey]bool{}}
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
// falls back to the module's build information when the executable cannot be read. It is
// computed once: the program running does not change, even if its file is rebuilt meanwhile
// (as under `timeline serve`), and every build asks for it twice.
func ExtractorVersion() string { return extractorVersion() }

var extractorVersion = sync.OnceValue(func() string {
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
})

// key is the hash of what extraction reads: the article's bytes (sum, their SHA-256) and
// whether they are Markdown.
func (c *Cache) key(a *article.Article, sum [sha256.Size]byte) cacheKey {
	var b [1 + sha256.Size]byte
	if a.Markdown {
		b[0] = 1
	}
	copy(b[1:], sum[:])
	return sha256.Sum256(b[:])
}

func (c *Cache) markUsed(k cacheKey) {
	c.mu.Lock()
	c.used[k] = true
	c.mu.Unlock()
}

// get returns the cached Text and result for a, whose key is k, if any. An entry that cannot
// be read, or whose ranges do not fit a, is a miss. count says whether Stats counts it.
func (c *Cache) get(k cacheKey, a *article.Article, count bool) (string, []extract.Timex, bool) {
	data, ok := c.packed[k]
	if !ok {
		c.mu.Lock()
		data, ok = c.fresh[k]
		c.mu.Unlock()
	}
	if !ok {
		if count {
			c.misses.Add(1)
		}
		return "", nil, false
	}
	text, e, err := decodeEntry(data, a)
	if err != nil || e.Key != k || !spansFit(e.Timexes, len(text)) {
		if count {
			c.misses.Add(1)
		}
		return "", nil, false
	}
	c.markUsed(k)
	if count {
		c.hits.Add(1)
	}
	return text, e.Timexes, true
}

// RemoveStale removes the temporary files of the pack older than atomicfile.StaleAge at now:
// left by a run killed while writing it.
func (c *Cache) RemoveStale(now time.Time) {
	atomicfile.RemoveStale(filepath.Join(c.dir, packName), now)
}

// Put stores timexes as the extraction result of a, as Walk does when it extracts a: for tools
// that extract by other means, and for tests that plant entries (safety/ forges some).
func (c *Cache) Put(a *article.Article, timexes []extract.Timex) error {
	kept := a.Kept()
	text, ok := a.TextKeeping(kept)
	if !ok {
		return errors.New("cache: the article's text ranges do not fit it")
	}
	c.put(c.key(a, sha256.Sum256(a.Raw)), text, entry{Kept: kept, Timexes: timexes})
	return nil
}

// put stores a result, kept in memory until Prune or Flush writes the pack.
func (c *Cache) put(k cacheKey, text string, e entry) {
	e.Key = k
	data := encodeEntry(e, text)
	c.mu.Lock()
	c.fresh[k] = data
	c.used[k] = true
	c.mu.Unlock()
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

// Prune writes the cache with only the entries used since it was opened, dropping the results
// of articles since edited or deleted. Call it after walking the whole content, never after a
// partial walk (Flush then).
func (c *Cache) Prune() error { return c.save(true) }

// Flush writes the cache with every entry, used or not: after a run that stopped part-way,
// what it extracted is kept and nothing is dropped.
func (c *Cache) Flush() error { return c.save(false) }

// save writes the pack when it would change: atomically, so that a reader (another run) sees
// the old pack or the new one, never half of one.
func (c *Cache) save(prune bool) error {
	if c.dir == "" {
		return nil // MemoryCache
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	keep := make(map[cacheKey][]byte, len(c.packed)+len(c.fresh))
	changed := false
	for k, e := range c.packed {
		if !prune || c.used[k] {
			keep[k] = e
		} else {
			changed = true
		}
	}
	for k, e := range c.fresh {
		if old, ok := keep[k]; !ok || !bytes.Equal(old, e) {
			changed = true
		}
		keep[k] = e
	}
	if !changed {
		return nil
	}
	if err := atomicfile.WriteFile(filepath.Join(c.dir, packName), encodePack(keep)); err != nil {
		return fmt.Errorf("cache: %v", err)
	}
	// The pack now holds what this run made: a second save finds nothing new.
	c.packed, c.fresh = keep, map[cacheKey][]byte{}
	return nil
}
