package events

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/entities"
	"github.com/timeline-news/timeline/extract"
)

// mention is one date expression that dates a happening: the raw material of an event.
type mention struct {
	doc      int    // index of its article, for tests that make mentions; Assemble numbers them apart (flatten)
	file     string // the article's file
	article  string // the article's title
	title    string // the event title derived from the sentence (see title.go)
	tx       extract.Timex
	from, to extract.Date // the interval the mention dates, narrowed by its mod (see interval)
	days     int          // length of [from, to] in days: smaller is more precise
	sentence string       // the sentence, whitespace collapsed
	actors   []string
	places   []string
	people   []string // the surnames of the persons among actors, lower case
	lead     string   // who the sentence is about (entities.Document.Lead), "" when no one
	tokens   []string // distinct similarity tokens: content words and entity names (see tokens.go)
}

// collect finds the mentions of every doc, in source order (doc, then offset). Docs are read
// on all cores, each into its own slot, so the result does not depend on scheduling.
func collect(docs []corpus.Doc, opts Options) []DocMentions {
	perDoc := make([]DocMentions, len(docs))
	inChunks(len(docs), 16, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			perDoc[i] = Collect(docs[i], opts)
		}
	})
	return perDoc
}

// collectDoc finds the mentions of doc number i.
func collectDoc(i int, d corpus.Doc, opts Options) []mention {
	if d.Article == nil {
		return nil // not a loaded article: nothing to cite
	}
	// The expressions that date a happening first, so that kept is made once, at most that long
	// (appending mentions, which are large, to a growing slice copied them several times).
	var room [64]int32
	events := room[:0]
	for k, t := range d.Timexes {
		if IsEvent(d.Text, t) {
			events = append(events, int32(k))
		}
	}
	if len(events) == 0 {
		return nil
	}
	kept := make([]mention, 0, len(events))
	for _, k := range events {
		t := d.Timexes[k]
		from, to := interval(t)
		raw, rawStart, rawEnd := around(d.Text, t)
		m := mention{doc: i, file: d.Article.File, article: d.Article.Title, tx: t, from: from, to: to,
			days: daysBetween(from, to) + 1, sentence: collapse(raw),
			title: makeTitle(raw, rawStart, rawEnd, opts.titleLength())}
		if dup := sameHappening(kept, m); dup >= 0 {
			// Two dates of one happening in one sentence ("on Monday, July 26"): keep the finer.
			if m.days < kept[dup].days {
				kept[dup] = m
			}
			continue
		}
		kept = append(kept, m)
	}
	if len(kept) == 0 {
		return nil
	}
	names := entities.NewDocument(d.Text)
	defer names.Release()
	for k := range kept {
		m := &kept[k]
		s, e := aroundBounds(d.Text, m.tx)
		sent, start, end := d.Text[s:e], m.tx.Start-s, m.tx.End-s
		found, lead := names.FindLeadAt(s, e, start, end) // = names.FindLead(sent, start, end)
		m.actors, m.places = entities.Actors(found), entities.Places(found)
		for _, e := range found {
			if e.Kind == entities.Person { // by surname: "Atmar" is "Mohammad Hanif Atmar"
				m.people = append(m.people, strings.ToLower(entities.Surname(e.Name)))
			}
		}
		m.lead = lead
		m.tokens = tokens(sent, names.Lower(s, e), start, end, found)
	}
	return kept
}

// maxAround bounds the text taken either side of an expression as its sentence. A run-on
// "sentence" (a scraped table or list with no full stop for 100 KB) would otherwise be copied
// into every event it dates: output and time would grow with the square of the file.
const maxAround = 600

// around is t's sentence cut to maxAround bytes either side of the expression, at a space and
// never inside a UTF-8 sequence, with the expression's offsets in it.
func around(text string, t extract.Timex) (sent string, start, end int) {
	s, e := aroundBounds(text, t)
	return text[s:e], t.Start - s, t.End - s
}

// aroundBounds is where around's sentence starts and ends in text.
func aroundBounds(text string, t extract.Timex) (s, e int) {
	s, e = t.Sentence.Start, t.Sentence.End
	if t.Start-s > maxAround {
		s = t.Start - maxAround
		if i := strings.IndexByte(text[s:t.Start], ' '); i >= 0 {
			s += i + 1
		}
		for s < t.Start && !utf8.RuneStart(text[s]) {
			s++
		}
	}
	if e-t.End > maxAround {
		e = t.End + maxAround
		if i := strings.LastIndexByte(text[t.End:e], ' '); i >= 0 {
			e = t.End + i
		}
		for e > t.End && !utf8.RuneStart(text[e]) {
			e--
		}
	}
	return s, e
}

// sameHappening returns the index of a kept mention of the same sentence whose interval holds
// m's or is held by it, or -1. Two dates in one sentence that do not nest ("said on Monday that
// the border would reopen on Jan. 15") are two happenings.
func sameHappening(kept []mention, m mention) int {
	for i := len(kept) - 1; i >= 0 && kept[i].tx.Sentence == m.tx.Sentence; i-- {
		k := kept[i]
		if !m.from.Before(k.from) && !k.to.Before(m.to) || !k.from.Before(m.from) && !m.to.Before(k.to) {
			return i
		}
	}
	return -1
}

// IsEvent reports whether the time expression t of text dates a happening: a resolved DATE or
// TIME the extractor calls eventive, with a calendar interval, not inside a quotation and not
// the subject of a copula ("today is the time to act", "tomorrow will be too late").
// It re-checks the extractor's Eventive flag, since a timeline must not show generic uses.
func IsEvent(text string, t extract.Timex) bool {
	if t.Type != extract.TypeDate && t.Type != extract.TypeTime {
		return false
	}
	if !t.Resolved || !t.Eventive || t.From.IsZero() || t.To.IsZero() || t.To.Before(t.From) {
		return false
	}
	if t.Sentence.Start < 0 || t.Sentence.End > len(text) || t.Start < t.Sentence.Start || t.End > t.Sentence.End || t.End < t.Start {
		return false
	}
	sent, rel, relEnd := around(text, t)
	return !insideQuote(sent, rel) && !copulaSubject(sent, rel, relEnd) && !inDateline(sent, rel, relEnd) && saysSomething(sent, rel, relEnd)
}

var (
	datelineBefore = regexp.MustCompile(`^\s*[A-Z][A-Z.'’ -]*[A-Z.],(?:\s*[A-Z][A-Za-z.]*,)?\s*$`)
	datelineAfter  = regexp.MustCompile(`^\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–|_)`)
)

// inDateline reports whether the expression [start, end) is the date of a wire dateline
// ("WASHINGTON, March 12 (Xinhua) --"): the day the story was filed, not of a happening.
func inDateline(sentence string, start, end int) bool {
	if start < 3 || !isUpper(sentence[0]) || !isUpper(sentence[1]) { // cheap test before the regexps
		return false
	}
	return datelineBefore.MatchString(sentence[:start]) && datelineAfter.MatchString(sentence[end:])
}

// saysSomething reports whether the sentence, without the expression [start, end), has a
// lower-case word of three letters or more that is not a stopword ("met" in "Shamkhani met
// Ghani"): a heading in title case ("Talks in 2021") dates nothing.
func saysSomething(sentence string, start, end int) bool {
	stop := stopwords()
	for _, part := range []string{sentence[:start], sentence[end:]} {
		for w := range words(part) {
			if len(w) >= 3 && isLower(w) && !stop[w] {
				return true
			}
		}
	}
	return false
}

// insideQuote reports whether byte offset off of sentence lies between an opening and a closing
// double quotation mark.
func insideQuote(sentence string, off int) bool {
	open := false
	for i, r := range sentence {
		if i >= off {
			break
		}
		switch r {
		case '“':
			open = true
		case '”':
			open = false
		case '"':
			open = !open
		}
	}
	if !open {
		return false
	}
	rest := sentence[off:]
	return strings.ContainsAny(rest, "”\"")
}

// copulas follow a date word used as the subject of a clause, a generic use that dates nothing.
var copulas = []string{"is ", "was ", "will be ", "would be ", "could be ", "may be ", "might be ", "'s ", "’s "}

// copulaSubject reports whether the expression [start, end) of sentence begins a clause (sentence
// start or after a comma, semicolon or "that"/"and"/"but") and is followed by a copula.
func copulaSubject(sentence string, start, end int) bool {
	after := strings.TrimLeft(sentence[end:], " ")
	if !slices.ContainsFunc(copulas, func(c string) bool { return hasLowerPrefix(after, c) }) {
		return false
	}
	before := strings.TrimRight(sentence[:start], " ")
	if before == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, ";") || strings.HasSuffix(before, "“") || strings.HasSuffix(before, "\"") {
		return true
	}
	lower := strings.ToLower(before)
	// "that" may go unsaid after a reporting verb: "he said today is the time to act".
	for _, w := range []string{" that", " and", " but", " because", " said", " says", " noted", " added", " warned", " stressed", " believes", " thinks"} {
		if strings.HasSuffix(lower, w) {
			return true
		}
	}
	return false
}

// interval is the calendar interval t dates, narrowed by its mod so that fuzzy dates keep their
// fuzziness without being spread over the whole unit: early/mid/late take the first, middle and
// last third of a month (days 1–10, 11–20, 21–end), of a year (Jan–Apr, May–Aug, Sep–Dec) or of a
// decade. Other mods (APPROX, BEFORE, ...) leave the extractor's interval as it is.
func interval(t extract.Timex) (from, to extract.Date) {
	from, to = t.From, t.To
	third := 0
	switch t.Mod {
	case "START":
		third = 1
	case "MID":
		third = 2
	case "END":
		third = 3
	default:
		return from, to
	}
	switch n := daysBetween(from, to) + 1; {
	case n >= 28 && n <= 31 && from.Day == 1: // a month
		last := to.Day
		lo, hi := []int{1, 11, 21}[third-1], []int{10, 20, last}[third-1]
		return extract.Date{Year: from.Year, Month: from.Month, Day: lo}, extract.Date{Year: from.Year, Month: from.Month, Day: hi}
	case n >= 365 && n <= 366 && from.Month == time.January && from.Day == 1: // a year
		lo := time.Month(1 + 4*(third-1))
		return extract.Date{Year: from.Year, Month: lo, Day: 1}, lastOfMonth(from.Year, lo+3)
	case n >= 3650 && n <= 3654 && from.Year%10 == 0: // a decade
		lo := from.Year + []int{0, 3, 7}[third-1]
		hi := from.Year + []int{3, 6, 9}[third-1]
		return extract.Date{Year: lo, Month: time.January, Day: 1}, extract.Date{Year: hi, Month: time.December, Day: 31}
	}
	return from, to
}

func lastOfMonth(year int, m time.Month) extract.Date {
	return extract.DateOf(time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC))
}

// daysBetween is the number of days from a to b (negative when b is before a).
func daysBetween(a, b extract.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// collapse turns every run of white space into one space and trims the ends: the text of a
// sentence has its Markdown markup blanked to spaces.
// It is strings.Join(strings.Fields(s), " ") in one pass, and always a new string.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	field := -1 // start of the current field, or -1 between fields
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		space := r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && unicode.IsSpace(r)
		if !space && field < 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			field = i
		} else if space && field >= 0 {
			b.WriteString(s[field:i])
			field = -1
		}
		i += n
	}
	if field >= 0 {
		b.WriteString(s[field:])
	}
	return b.String()
}

// fieldCount is min(len(strings.Fields(s)), limit), counted without making the fields.
func fieldCount(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s) && n < limit; {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		space := r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
		i += size
	}
	return n
}

// asciiSpace[c] reports whether the ASCII character c is white space (as unicode.IsSpace).
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
