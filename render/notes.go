package render

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/timeline-news/timeline/corpus"
)

// articleNotes is what a site needs of an article's text besides the article's own page: the
// sentence around each date expression (the events it dates quote it) and the build report's
// entry for each one left unresolved. Build makes them as each article is read and lets the
// text go at once (see readArticles), so that a build holds its events, not its articles; the
// views and the report are made from them (sentence, makeReport), and then they go too.
type articleNotes struct {
	sentences  string       // the sentences, one after another, each once
	at         []noteWindow // by the expression's offset in the article's text
	unresolved []unresolved // File and Href are the report's to fill in
}

// noteWindow places one date expression: its sentence is sentences[from:to], the expression
// sentences[mark:markEnd]; from is -1 when the expression's sentence is not in the text.
type noteWindow struct {
	start                   int // the expression's offset in the article's text
	from, to, mark, markEnd int
}

// notesOf makes the notes of article d from its text and date expressions.
func notesOf(d *corpus.Doc) *articleNotes {
	n := &articleNotes{}
	text := d.Text
	var b strings.Builder
	lastFrom, lastTo, at := -1, -1, 0
	line, lineAt := 1, 0 // the line of offset lineAt, counted on as the expressions come
	for _, t := range d.Timexes {
		w := noteWindow{start: t.Start, from: -1} // no sentence: its events quote their own
		if 0 <= t.Sentence.Start && t.Sentence.Start <= t.Start && t.Start <= t.End && t.End <= t.Sentence.End && t.Sentence.End <= len(text) {
			from, to := sentenceWindow(text, t.Sentence.Start, t.Sentence.End, t.Start, t.End)
			if from != lastFrom || to != lastTo { // expressions of one sentence share it
				at = b.Len()
				b.WriteString(text[from:to])
				lastFrom, lastTo = from, to
			}
			w = noteWindow{start: t.Start, from: at, to: at + to - from, mark: at + t.Start - from, markEnd: at + t.End - from}
		}
		n.at = append(n.at, w)
		if t.Resolved {
			continue
		}
		if off := min(max(t.Start, 0), len(text)); off >= lineAt {
			line += strings.Count(text[lineAt:off], "\n")
			lineAt = off
		} else {
			line, lineAt = lineOf(text, off), off
		}
		// Copies, not slices of the text: the report outlives it.
		u := unresolved{Line: line, Start: t.Start, End: t.End, Text: strings.Clone(t.Text), Value: strings.Clone(t.Value)}
		if 0 <= t.Sentence.Start && t.Sentence.Start <= t.Sentence.End && t.Sentence.End <= len(text) {
			// Collapse only what clip can keep: a run-on sentence of 100 KB holding a
			// thousand unresolved expressions was collapsed whole for each (quadratic).
			end := min(t.Sentence.End, t.Sentence.Start+4*200)
			for end < t.Sentence.End && !utf8.RuneStart(text[end]) {
				end++
			}
			u.Sentence = strings.Clone(clip(oneLine(text[t.Sentence.Start:end]), 200))
		}
		n.unresolved = append(n.unresolved, u)
	}
	n.sentences = b.String()
	// An expression found twice at one offset keeps its last window, as a map by offset would.
	sort.SliceStable(n.at, func(i, j int) bool { return n.at[i].start < n.at[j].start })
	return n
}

// sentenceWindow is as much of the sentence [from, to) around the expression [start, end) as
// can be shown (maxSentence either side of it, four times over, for the collapsing of white
// space): a run-on "sentence" of 100 KB would otherwise be kept and collapsed whole for each of
// its events.
func sentenceWindow(text string, from, to, start, end int) (int, int) {
	if start-from > 4*maxSentence {
		for from = start - 4*maxSentence; from < start && !utf8.RuneStart(text[from]); from++ {
		}
	}
	if to-end > 4*maxSentence {
		for to = end + 4*maxSentence; to > end && !utf8.RuneStart(text[to]); to-- {
		}
	}
	return from, to
}

// window is the sentence of the expression at offset start, with the expression's offsets in
// it, and ok false when the article has no expression there.
func (n *articleNotes) window(start int) (sentence string, mark, markEnd int, ok bool) {
	i := sort.Search(len(n.at), func(i int) bool { return n.at[i].start > start }) - 1
	if i < 0 || n.at[i].start != start || n.at[i].from < 0 {
		return "", 0, 0, false
	}
	w := n.at[i]
	return n.sentences[w.from:w.to], w.mark - w.from, w.markEnd - w.from, true
}
