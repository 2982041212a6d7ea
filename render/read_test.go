package render

import (
	"context"
	"io"
	"reflect"
	"testing"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// TestReadArticles checks that reading keeps no article's text, bytes or date expressions,
// and that the notes and mentions made on the way are those the whole articles give.
func TestReadArticles(t *testing.T) {
	whole := loadDocs(t, "../content")
	for _, state := range []string{"", t.TempDir()} {
		t.Run("state "+map[bool]string{true: "none", false: "folder"}[state == ""], func(t *testing.T) {
			c := openMentionsCache(state, "v", events.Options{}, io.Discard)
			read, _, err := readArticles(context.Background(), "../content", corpus.Options{}, c)
			if err != nil {
				t.Fatal(err)
			}
			if len(read.docs) != len(whole) || len(read.notes) != len(whole) || len(read.mentions) != len(whole) {
				t.Fatalf("%d docs, %d notes, %d mentions; want %d of each", len(read.docs), len(read.notes), len(read.mentions), len(whole))
			}
			for i, d := range read.docs {
				if d.Text != "" || d.Timexes != nil || d.Article.Raw != nil {
					t.Errorf("%s: kept its text (%d bytes), %d date expressions or its bytes (%d)", d.Article.File, len(d.Text), len(d.Timexes), len(d.Article.Raw))
				}
				if d.Article.File != whole[i].Article.File || d.Sum != whole[i].Sum || d.Article.Title != whole[i].Article.Title {
					t.Errorf("doc %d is %s, want %s as read whole", i, d.Article.File, whole[i].Article.File)
				}
				if want := notesOf(&whole[i]); !reflect.DeepEqual(read.notes[i], want) {
					t.Errorf("%s: notes differ from those of the whole article", d.Article.File)
				}
			}
			mentions, hits, err := c.finish(read.mentions, read.docs, func(i int) (corpus.Doc, error) { return whole[i], nil }, io.Discard)
			if err != nil || hits != 0 {
				t.Fatalf("finish: %d hits, %v", hits, err)
			}
			if got, want := events.Assemble(mentions, events.Options{}), events.Build(whole, events.Options{}); !reflect.DeepEqual(got, want) {
				t.Error("the events differ from those of the whole articles")
			}
		})
	}
}
