package corpus

import (
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"reflect"
	"testing"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/extract"
)

const entryArticle = "+++\ntitle = \"Talks\"\ndate = 2021-08-14\n+++\n# Talks *resumed* on [Friday](http://x.example/)\n\nThey ended late July, then two days later, every Monday, for 20 years, on 5 p.m. Friday.\n"

// entryFixture is an article, its key and text, and a real extraction result of it.
func entryFixture(t testing.TB) (*article.Article, cacheKey, string, entry) {
	a, err := article.Parse("a.md", []byte(entryArticle))
	if err != nil {
		t.Fatal(err)
	}
	text := a.Text()
	timexes := extract.Extract(text, a.Published)
	if len(timexes) < 4 {
		t.Fatalf("the fixture should have several expressions, has %v", timexes)
	}
	var c Cache
	k := c.key(a, sha256.Sum256(a.Raw))
	return a, k, text, entry{Key: k, Kept: a.Kept(), Timexes: timexes}
}

func TestEntryRoundTrip(t *testing.T) {
	a, _, text, e := entryFixture(t)
	// A timex whose Text is not the text at its span, and zero dates, survive too.
	e.Timexes = append(e.Timexes, extract.Timex{Span: extract.Span{Start: 3, End: 5}, Text: "other", Type: "SET", Value: "P1D"})
	gotText, got, err := decodeEntry(encodeEntry(e, text), a)
	if err != nil {
		t.Fatal(err)
	}
	if gotText != text {
		t.Errorf("text from the entry's ranges differs from Text()")
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("decoded\n%+v\nwant\n%+v", got, e)
	}
}

// TestEntryDamaged: every truncation and every flipped bit of an entry is refused, never
// decoded into something else and never a panic.
func TestEntryDamaged(t *testing.T) {
	a, _, text, e := entryFixture(t)
	data := encodeEntry(e, text)
	for n := range len(data) {
		if _, _, err := decodeEntry(data[:n], a); err == nil {
			t.Fatalf("an entry cut to %d of %d bytes was read", n, len(data))
		}
	}
	if _, _, err := decodeEntry(append(data[:len(data):len(data)], 0), a); err == nil {
		t.Error("an entry with a byte added was read")
	}
	for i := range data {
		for bit := range 8 {
			bad := append([]byte(nil), data...)
			bad[i] ^= 1 << bit
			if _, _, err := decodeEntry(bad, a); err == nil {
				t.Fatalf("an entry with bit %d of byte %d flipped was read", bit, i)
			}
		}
	}
}

// TestEntryForged: well-formed entries (right checksum) holding what encodeEntry never writes
// are refused.
func TestEntryForged(t *testing.T) {
	a, k, text, good := entryFixture(t)
	for _, tc := range []struct {
		name  string
		forge func(e *entry)
	}{
		{"kept range in the front matter", func(e *entry) { e.Kept = []article.Span{{Start: 0, End: 12}} }},
		{"kept range past the end", func(e *entry) { e.Kept = []article.Span{{Start: a.BodyStart, End: len(a.Raw) + 5}} }},
		{"month 13", func(e *entry) { e.Timexes[0].From.Month = 13 }},
		{"day 31 of June", func(e *entry) { e.Timexes[0].To = extract.Date{Year: 2021, Month: 6, Day: 31} }},
		{"five-digit year", func(e *entry) { e.Timexes[0].From.Year = 12021 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := good
			e.Timexes = append([]extract.Timex(nil), good.Timexes...)
			tc.forge(&e)
			if _, _, err := decodeEntry(encodeEntry(e, text), a); err == nil {
				t.Error("a forged entry was read")
			}
		})
	}
	// Counts far beyond the data, and unknown text and flag bytes, with a valid checksum.
	forged := func(body ...byte) []byte {
		b := append([]byte(entryMagic), 0, 0, 0, 0)
		b = append(b, k[:]...)
		b = append(b, body...)
		binary.LittleEndian.PutUint32(b[len(entryMagic):], crc32.Checksum(b[len(entryMagic)+4:], castagnoli))
		return b
	}
	huge := binary.AppendUvarint(nil, 1<<62)
	// one timex with the given span and text flag, everything else empty or zero
	timex := func(start, end int64, flag byte, rest ...byte) []byte {
		b := []byte{0, 1} // no kept ranges, one timex
		b = binary.AppendVarint(b, start)
		b = binary.AppendVarint(b, end)
		b = append(b, flag)
		b = append(b, rest...)
		return append(b, 4, 'D', 'A', 'T', 'E', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) // value, mod, flags, two dates, sentence
	}
	if _, got, err := decodeEntry(forged(timex(0, 3, 0)...), a); err != nil || len(got.Timexes) != 1 {
		t.Fatalf("the well-formed control entry was refused: %v", err)
	}
	for name, data := range map[string][]byte{
		"huge kept count":        forged(huge...),
		"huge timex count":       forged(append([]byte{0}, huge...)...),
		"text flag 7":            forged(timex(0, 3, 7)...),
		"huge string":            forged(timex(0, 3, 1, huge...)...),
		"text span past the end": forged(timex(0, 100000, 0)...),
		"text span backwards":    forged(timex(5, 3, 0)...),
		"bytes after":            forged(append(timex(0, 3, 0), 0)...),
	} {
		if _, _, err := decodeEntry(data, a); err == nil {
			t.Errorf("%s: a forged entry was read", name)
		}
	}
}

// FuzzDecodeEntry: any bytes (with their checksum made right) decode or fail, never panic, and
// what decodes has a text as long as the article.
func FuzzDecodeEntry(f *testing.F) {
	a, _, text, e := entryFixture(f)
	data := encodeEntry(e, text)
	f.Add(data[len(entryMagic)+4:])
	f.Fuzz(func(t *testing.T, body []byte) {
		b := append([]byte(entryMagic), 0, 0, 0, 0)
		b = append(b, body...)
		binary.LittleEndian.PutUint32(b[len(entryMagic):], crc32.Checksum(body, castagnoli))
		got, _, err := decodeEntry(b, a)
		if err == nil && len(got) != len(a.Raw) {
			t.Fatalf("text of %d bytes for an article of %d", len(got), len(a.Raw))
		}
	})
}
