package events

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"unsafe"

	"github.com/timeline-news/timeline/corpus"
)

// TestAssembleIsBuild collects the demo articles one by one, out of order and on several
// goroutines, as a build reading them would, and checks that assembling them gives the events
// Build gives, and that the mentions keep nothing of the articles' text.
func TestAssembleIsBuild(t *testing.T) {
	docs, _, err := corpus.Load(context.Background(), []string{"../content"}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range []Options{{}, {MergeThreshold: 0.1, TitleLength: 40}} {
		collected := make([]DocMentions, len(docs))
		var wg sync.WaitGroup
		for i := len(docs) - 1; i >= 0; i-- {
			wg.Go(func() { collected[i] = Collect(docs[i], opts) })
		}
		wg.Wait()
		n := 0
		for i, d := range collected {
			n += d.Len()
			for _, m := range d.ms {
				for _, s := range mentionStrings(&m) {
					if within(s, docs[i].Text) || within(s, string(docs[i].Article.Raw)) {
						t.Errorf("%s: %q points into the article", docs[i].Article.File, s)
					}
				}
			}
		}
		if n == 0 {
			t.Fatal("no mentions collected")
		}
		got, want := Assemble(collected, opts), Build(docs, opts)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Assemble gives %d events, Build %d; they differ", len(got), len(want))
		}
	}
}

func mentionStrings(m *mention) []string {
	out := []string{m.file, m.article, m.title, m.tx.Text, m.tx.Value, m.tx.Mod, m.sentence, m.lead}
	for _, list := range [][]string{m.actors, m.places, m.people, m.tokens} {
		out = append(out, list...)
	}
	return out
}

// within reports whether the bytes of s lie inside those of text.
func within(s, text string) bool {
	if s == "" || text == "" {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
	return p >= lo && p < lo+uintptr(len(text))
}
