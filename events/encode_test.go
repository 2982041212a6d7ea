package events

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/timeline-news/timeline/bench/synth"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
)

// encodeDocs loads the articles the encoding tests read: the reference corpus, the hostile
// files and a small generated corpus (Markdown and plain text, every kind of date expression).
func encodeDocs(t testing.TB) []corpus.Doc {
	t.Helper()
	generated := t.TempDir()
	if _, err := synth.Generate(generated, 120, 11); err != nil {
		t.Fatal(err)
	}
	var docs []corpus.Doc
	for _, dir := range []string{"../content", "../testdata/hostile", generated} {
		d, _, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d...)
	}
	return docs
}

// TestMentionsRoundTrip checks that decoding the encoding of Collect's result gives it back
// exactly, record after record in one buffer, with no string pointing into the buffer.
func TestMentionsRoundTrip(t *testing.T) {
	docs := encodeDocs(t)
	for _, opts := range []Options{{}, {MergeThreshold: 0.1, TitleLength: 40}} {
		var want []DocMentions
		var buf []byte
		for _, d := range docs {
			dm := Collect(d, opts)
			want = append(want, dm)
			var err error
			if buf, err = dm.AppendBinary(buf); err != nil {
				t.Fatal(err)
			}
		}
		mentions, withLists := 0, 0
		rest := buf
		for i, d := range docs {
			got, r, err := DecodeMentions(rest)
			if err != nil {
				t.Fatalf("%s: %v", d.Article.File, err)
			}
			rest = r
			if !reflect.DeepEqual(got, want[i]) {
				t.Errorf("%s: decoded mentions differ from Collect's:\n got %+v\nwant %+v", d.Article.File, got.ms, want[i].ms)
			}
			for _, m := range got.ms {
				mentions++
				if len(m.people) > 0 && len(m.places) > 0 && m.lead != "" {
					withLists++
				}
				for _, s := range mentionStrings(&m) {
					if within(s, unsafe.String(unsafe.SliceData(buf), len(buf))) {
						t.Fatalf("%s: %q points into the encoded bytes", d.Article.File, s)
					}
				}
			}
		}
		if len(rest) != 0 {
			t.Errorf("%d bytes left after the last record", len(rest))
		}
		// The comparison says something only if the articles fill every kind of field.
		if mentions < 500 || withLists == 0 {
			t.Errorf("only %d mentions, %d with people, places and a lead: the corpus tests too little", mentions, withLists)
		}
	}
}

// TestMentionFieldsEncoded fails when a field is added to mention (or to the extract types it
// holds) without AppendBinary and DecodeMentions knowing of it: add it there, then here.
func TestMentionFieldsEncoded(t *testing.T) {
	for _, c := range []struct {
		typ    reflect.Type
		fields []string
	}{
		{reflect.TypeFor[mention](), []string{"doc", "file", "article", "title", "tx", "from", "to", "days", "sentence", "actors", "places", "people", "lead", "tokens"}},
		{reflect.TypeFor[extract.Timex](), []string{"Span", "Text", "Type", "Value", "Mod", "Resolved", "From", "To", "Sentence", "Eventive"}},
		{reflect.TypeFor[extract.Span](), []string{"Start", "End"}},
		{reflect.TypeFor[extract.Date](), []string{"Year", "Month", "Day"}},
	} {
		t.Run(c.typ.Name(), func(t *testing.T) {
			var got []string
			for i := range c.typ.NumField() {
				got = append(got, c.typ.Field(i).Name)
			}
			if !slices.Equal(got, c.fields) {
				t.Errorf("fields %v, the encoding knows %v", got, c.fields)
			}
		})
	}
}

// TestDecodeMentionsDamaged checks that damaged records are errors and never a panic: every
// truncation, bad magic, forged counts and string numbers, and (not panicking) random bytes.
func TestDecodeMentionsDamaged(t *testing.T) {
	docs := encodeDocs(t)
	var records [][]byte
	for _, d := range docs {
		if dm := Collect(d, Options{}); dm.Len() > 0 && len(records) < 12 {
			b, _ := dm.AppendBinary(nil)
			records = append(records, b)
		}
	}
	if len(records) == 0 {
		t.Fatal("no records")
	}
	t.Run("truncated", func(t *testing.T) {
		for _, rec := range records {
			for n := range len(rec) {
				if _, _, err := DecodeMentions(rec[:n]); !errors.Is(err, ErrMentions) {
					t.Fatalf("the first %d of %d bytes: err %v, want ErrMentions", n, len(rec), err)
				}
			}
		}
	})
	huge := binary.AppendUvarint(nil, 1<<62)
	forged := map[string][]byte{
		"empty":                      nil,
		"bad magic":                  append([]byte("tlm0"), records[0][4:]...),
		"huge string count":          append([]byte(mentionsMagic), huge...),
		"huge length":                append([]byte(mentionsMagic+"\x01"), huge...),
		"huge mentions":              append([]byte(mentionsMagic+"\x00\x00"), huge...),
		"string number out of range": append([]byte(mentionsMagic+"\x00\x00\x01"), make([]byte, minMentionBytes)...),
	}
	for name, b := range forged {
		t.Run(name, func(t *testing.T) {
			if _, _, err := DecodeMentions(b); !errors.Is(err, ErrMentions) {
				t.Errorf("err %v, want ErrMentions", err)
			}
		})
	}
	t.Run("flipped bytes", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		for range 20000 {
			rec := bytes.Clone(records[rng.IntN(len(records))])
			for range 1 + rng.IntN(3) {
				rec[rng.IntN(len(rec))] ^= byte(1 + rng.IntN(255))
			}
			checkDecodes(t, rec)
		}
	})
}

// FuzzDecodeMentions checks that no input panics DecodeMentions and that whatever it accepts
// encodes back to a record that decodes the same.
func FuzzDecodeMentions(f *testing.F) {
	for _, d := range encodeDocs(f)[:8] {
		b, _ := Collect(d, Options{}).AppendBinary(nil)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkDecodes(t, b) })
}

// checkDecodes decodes b, which may be damaged: no panic, and what decodes encodes again to a
// record that decodes the same.
func checkDecodes(t *testing.T, b []byte) {
	t.Helper()
	dm, rest, err := DecodeMentions(b)
	if err != nil {
		if !errors.Is(err, ErrMentions) {
			t.Fatalf("err %v, want ErrMentions", err)
		}
		return
	}
	if len(rest) > len(b) {
		t.Fatalf("rest longer than the input")
	}
	again, _ := dm.AppendBinary(nil)
	dm2, rest2, err := DecodeMentions(again)
	if err != nil || len(rest2) != 0 || !reflect.DeepEqual(dm, dm2) {
		t.Fatalf("a decoded record does not round-trip: err %v, %d bytes left", err, len(rest2))
	}
}

// BenchmarkMentions measures encoding and decoding the mentions of every article of benchDocs
// (the demo content, or TIMELINE_BENCH_DIR), against collecting them, in the same run.
func BenchmarkMentions(b *testing.B) {
	docs, err := benchDocs()
	if err != nil {
		b.Fatal(err)
	}
	collected := make([]DocMentions, len(docs))
	var records [][]byte
	size := 0
	for i, d := range docs {
		collected[i] = Collect(d, Options{})
		rec, _ := collected[i].AppendBinary(nil)
		records = append(records, rec)
		size += len(rec)
	}
	b.Run("collect", func(b *testing.B) {
		for b.Loop() {
			for _, d := range docs {
				Collect(d, Options{})
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		b.SetBytes(int64(size))
		var buf []byte
		for b.Loop() {
			for _, dm := range collected {
				buf, _ = dm.AppendBinary(buf[:0])
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, rec := range records {
				if _, _, err := DecodeMentions(rec); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
