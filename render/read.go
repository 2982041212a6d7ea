package render

import (
	"context"
	"runtime"
	"sync"

	"github.com/timeline-news/timeline/corpus"
)

// readSet is what a build keeps of its articles once read: each article without its bytes,
// text or date expressions, its notes (what the views and the report need of the text) and its
// mentions (what the events are made from). A build holds its events, not its articles: each
// article's page reads the file again (Site.Reload).
type readSet struct {
	docs     []corpus.Doc
	notes    []*articleNotes
	mentions []articleMentions
}

// readArticles reads the articles under content (corpus.Walk) and makes the notes and mentions
// of each as it comes, on all cores (the walk hands the articles over one at a time, in file
// order), letting its text go as soon as they are made.
func readArticles(ctx context.Context, content string, opts corpus.Options, mentions *mentionsCache) (readSet, []corpus.Problem, error) {
	type article struct {
		doc      corpus.Doc
		notes    *articleNotes
		mentions articleMentions
	}
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *article, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for a := range work {
				d := &a.doc
				a.notes = notesOf(d)
				a.mentions = mentions.take(d)
				d.Text, d.Timexes = "", nil
			}
		})
	}
	var read []*article // each written by one worker, read once all are done
	problems, err := corpus.Walk(ctx, []string{content}, opts, func(d corpus.Doc) error {
		d.Article.Raw = nil // the text is a copy; nothing needs the bytes until the page
		a := &article{doc: d}
		read = append(read, a)
		work <- a
		return nil
	})
	close(work)
	wg.Wait()
	if err != nil {
		return readSet{}, nil, err
	}
	set := readSet{docs: make([]corpus.Doc, len(read)), notes: make([]*articleNotes, len(read)), mentions: make([]articleMentions, len(read))}
	for i, a := range read {
		set.docs[i], set.notes[i], set.mentions[i] = a.doc, a.notes, a.mentions
	}
	return set, problems, nil
}
