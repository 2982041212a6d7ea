package corpus

import (
	"bytes"
	"encoding/binary"
	"maps"
	"slices"

	"github.com/timeline-news/timeline/internal/binrec"
)

// A pack is the cache's one file: every entry (see entry.go) after its key and length. One
// file read at the start and written once at the end of a run costs a fraction of a small file
// per article, which a file system charges for creating, opening and removing, an archive of
// 100,000 articles 100,000 times. Layout: packMagic, then per entry the 32-byte key, a uvarint
// length and the entry's bytes, in key order so that the same entries make the same file.
// Each entry carries its own checksum: a damaged one is a miss, and the rest stay usable.
const packMagic = "tlxpack1"

// packName is the pack's file name in the cache's version folder.
const packName = "entries.pack"

// maxPackSize bounds the pack read: a larger file is not one the cache wrote (an archive of a
// million articles makes some 600 MB), and is ignored rather than held in memory.
const maxPackSize = 4 << 30

// readPack lists the entries of a pack by key, as slices of data. A pack cut short or damaged
// between entries keeps the entries before the damage.
func readPack(data []byte) map[cacheKey][]byte {
	entries := map[cacheKey][]byte{}
	if !bytes.HasPrefix(data, []byte(packMagic)) {
		return entries
	}
	r := binrec.NewReader(data[len(packMagic):], errEntry)
	for len(r.Data) >= len(cacheKey{}) {
		var k cacheKey
		copy(k[:], r.Data)
		r.Data = r.Data[len(k):]
		e := r.Bytes()
		if r.Err != nil {
			break
		}
		entries[k] = e
	}
	return entries
}

// encodePack writes entries as a pack.
func encodePack(entries map[cacheKey][]byte) []byte {
	n := len(packMagic)
	for _, e := range entries {
		n += len(cacheKey{}) + binary.MaxVarintLen64 + len(e)
	}
	b := make([]byte, 0, n)
	b = append(b, packMagic...)
	for _, k := range slices.SortedFunc(maps.Keys(entries), func(x, y cacheKey) int { return bytes.Compare(x[:], y[:]) }) {
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(len(entries[k])))
		b = append(b, entries[k]...)
	}
	return b
}
