package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/internal/atomicfile"
	"github.com/timeline-news/timeline/internal/binrec"
)

// A build with a state folder keeps there the mentions of every article (events.Collect's
// result, encoded by events.DocMentions.AppendBinary) in one pack file, so that a rebuild
// collects again only the articles that changed: collecting is most of the events phase, and
// an article's mentions depend on that article only (its path and bytes, which give its text
// and date expressions), on the program and on the events options.
//
// Layout: mentionsPackMagic; the SHA-256 of the program version and events options the pack
// was made with (another is a miss for every article, and the pack is written again); then per
// article, in source order: its path (uvarint length and bytes), the SHA-256 of its bytes, the
// record (uvarint length and bytes) and a CRC-32C of the three. One file rather than one per
// article: ten thousand small files cost more to open and write than the collecting they save.
// Anything unreadable is a miss, never a failed build: the entries before the damage are used,
// the others collected again.
const (
	mentionsPackMagic = "tlmpack1"
	mentionsPackName  = "mentions.pack"
	// maxMentionsPack bounds the pack read: a larger file is not one a build wrote (a million
	// articles make some hundreds of MB) and is ignored rather than held in memory.
	maxMentionsPack = 4 << 30
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// packEntry is the record of one article in a pack, a slice of the pack's bytes.
type packEntry struct {
	sum    [sha256.Size]byte
	record []byte
}

// mentionsPackKey names what the mentions of an article depend on besides the article.
func mentionsPackKey(version string, opts events.Options) [sha256.Size]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%s\n%q\n%#v\n", mentionsPackMagic, version, opts))
}

// readMentionsPack lists the entries of the pack at path by article path, with ok false when
// the pack is missing, made for another key or damaged at its start, and damaged true when it
// is damaged further on (the entries before the damage are listed).
func readMentionsPack(path string, key [sha256.Size]byte) (entries map[string]packEntry, ok, damaged bool) {
	entries = map[string]packEntry{}
	// Only a regular file is read: a named pipe in its place would block the build for good.
	if info, err := os.Lstat(path); err != nil || !info.Mode().IsRegular() || info.Size() > maxMentionsPack {
		return entries, false, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return entries, false, false
	}
	head := len(mentionsPackMagic) + len(key)
	if len(data) < head || string(data[:len(mentionsPackMagic)]) != mentionsPackMagic || !bytes.Equal(data[len(mentionsPackMagic):head], key[:]) {
		return entries, false, false
	}
	for rest := data[head:]; len(rest) > 0; {
		file, e, n := readPackEntry(rest)
		if n == 0 {
			return entries, true, true // the lengths after the damage cannot be trusted
		}
		entries[file] = e
		rest = rest[n:]
	}
	return entries, true, false
}

// readPackEntry reads the entry at the start of b and returns its length, 0 when it is damaged.
func readPackEntry(b []byte) (file string, e packEntry, n int) {
	r := binrec.NewReader(b, errPackEntry)
	name := r.Bytes()
	copy(e.sum[:], r.Take(len(e.sum)))
	e.record = r.Bytes()
	at := len(b) - len(r.Data)
	crc := r.Take(4)
	if r.Err != nil || binary.LittleEndian.Uint32(crc) != crc32.Checksum(b[:at], castagnoli) {
		return "", packEntry{}, 0
	}
	return string(name), e, at + 4
}

// errPackEntry marks a pack entry readPackEntry cannot read.
var errPackEntry = errors.New("damaged mentions pack entry")

// appendPackEntry appends the entry of one article to b.
func appendPackEntry(b []byte, file string, sum [sha256.Size]byte, record []byte) []byte {
	start := len(b)
	b = binary.AppendUvarint(b, uint64(len(file)))
	b = append(b, file...)
	b = append(b, sum[:]...)
	b = binary.AppendUvarint(b, uint64(len(record)))
	b = append(b, record...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli))
}

// mentionsCache gives a build the mentions of its articles: taken from the pack in its state
// folder for the articles the pack holds unchanged, collected for the others. Without a state
// folder (path "") it collects every article and keeps nothing.
type mentionsCache struct {
	path string
	key  [sha256.Size]byte
	old  map[string]packEntry // the pack as read, by article path
	opts events.Options
}

// openMentionsCache reads the pack in stateDir ("" for none), noting damage on log.
func openMentionsCache(stateDir, version string, opts events.Options, log io.Writer) *mentionsCache {
	c := &mentionsCache{opts: opts}
	if stateDir == "" {
		return c
	}
	c.key = mentionsPackKey(version, opts)
	c.path = filepath.Join(stateDir, mentionsPackName)
	var damaged bool
	c.old, _, damaged = readMentionsPack(c.path, c.key)
	if damaged {
		fmt.Fprintf(log, "mentions cache: %s is damaged after %d articles; collecting the others again\n", c.path, len(c.old))
	}
	return c
}

// articleMentions are an article's mentions as a build has them: collected, or, for an
// article the pack holds unchanged, the pack's record, decoded only once the build knows it
// needs them (a site found up to date needs none).
type articleMentions struct {
	ms     events.DocMentions
	record []byte // the mentions encoded, as the pack keeps them; nil without a pack
	cached bool   // record is the pack's, ms not decoded yet
}

// take returns the mentions of article d, which must still hold its text: from the pack when
// it holds d's bytes, else collected (and encoded for the pack). Safe on all cores.
func (c *mentionsCache) take(d *corpus.Doc) articleMentions {
	// A Doc not made by corpus has no Sum to vouch for it.
	if e, ok := c.old[d.Article.File]; ok && e.sum == d.Sum && d.Sum != ([sha256.Size]byte{}) {
		return articleMentions{record: e.record, cached: true}
	}
	return c.collect(d)
}

// collect collects the mentions of article d, which must hold its text.
func (c *mentionsCache) collect(d *corpus.Doc) articleMentions {
	m := articleMentions{ms: events.Collect(*d, c.opts)}
	if c.path != "" {
		m.record, _ = m.ms.AppendBinary(nil) // here, on all cores, rather than when writing
	}
	return m
}

// finish decodes the mentions taken from the pack, on all cores, and writes the pack again,
// with exactly the articles of docs, when that changes it. A record that does not decode is
// collected again from the article as again(i) reads it (docs[i] holds no text any more).
// hits counts the articles taken from the pack. Problems with the pack are noted on log.
func (c *mentionsCache) finish(taken []articleMentions, docs []corpus.Doc, again func(i int) (corpus.Doc, error), log io.Writer) (mentions []events.DocMentions, hits int, err error) {
	mentions = make([]events.DocMentions, len(taken))
	records := make([][]byte, len(taken))
	var hitCount atomic.Int64
	errs := make([]error, len(taken))
	forEach(len(taken), func(i int) {
		t := taken[i]
		if t.cached {
			if dm, rest, err := events.DecodeMentions(t.record); err == nil && len(rest) == 0 {
				mentions[i], records[i] = dm, t.record
				hitCount.Add(1)
				return
			}
			d, err := again(i)
			if err != nil {
				errs[i] = err
				return
			}
			t = c.collect(&d)
		}
		mentions[i], records[i] = t.ms, t.record
	})
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	hits = int(hitCount.Load())
	if c.path == "" || (hits == len(docs) && hits == len(c.old)) {
		return mentions, hits, nil // no pack, or it holds exactly these articles already
	}
	if err := writeMentionsPack(c.path, c.key, docs, records); err != nil {
		fmt.Fprintf(log, "mentions cache not saved: %v\n", err)
	}
	return mentions, hits, nil
}

// writeMentionsPack writes the pack of docs, whose records are given, so that a reader sees it
// whole or not at all.
func writeMentionsPack(path string, key [sha256.Size]byte, docs []corpus.Doc, records [][]byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		entry := append([]byte(mentionsPackMagic), key[:]...)
		if _, err := w.Write(entry); err != nil {
			return err
		}
		for i, d := range docs {
			entry = appendPackEntry(entry[:0], d.Article.File, d.Sum, records[i])
			if _, err := w.Write(entry); err != nil {
				return err
			}
		}
		return nil
	})
}
