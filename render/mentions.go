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

// collectMentions returns the mentions of every doc, taken from the pack in stateDir for the
// articles it holds unchanged and collected for the others on all cores, and writes the pack
// again, with exactly these articles, when that changed anything. hits counts the articles
// taken from the pack. Problems with the pack are noted on log; the mentions are right
// whatever the pack holds.
func collectMentions(stateDir, version string, docs []corpus.Doc, opts events.Options, log io.Writer) (mentions []events.DocMentions, hits int) {
	key := mentionsPackKey(version, opts)
	path := filepath.Join(stateDir, mentionsPackName)
	old, _, damaged := readMentionsPack(path, key)
	if damaged {
		fmt.Fprintf(log, "mentions cache: %s is damaged after %d articles; collecting the others again\n", path, len(old))
	}
	mentions = make([]events.DocMentions, len(docs))
	records := make([][]byte, len(docs)) // for the new pack
	var hitCount atomic.Int64
	forEach(len(docs), func(i int) {
		d := docs[i]
		// A Doc not made by corpus.Load has no Sum to vouch for it.
		if e, ok := old[d.Article.File]; ok && e.sum == d.Sum && d.Sum != ([sha256.Size]byte{}) {
			if dm, rest, err := events.DecodeMentions(e.record); err == nil && len(rest) == 0 {
				mentions[i], records[i] = dm, e.record
				hitCount.Add(1)
				return
			}
		}
		mentions[i] = events.Collect(d, opts)
		records[i], _ = mentions[i].AppendBinary(nil) // here, on all cores, rather than when writing
	})
	hits = int(hitCount.Load())
	if hits == len(docs) && hits == len(old) {
		return mentions, hits // the pack holds exactly these articles already
	}
	if err := writeMentionsPack(path, key, docs, records); err != nil {
		fmt.Fprintf(log, "mentions cache not saved: %v\n", err)
	}
	return mentions, hits
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
