package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence splitting. A sentence ends at . ! or ? (and any closing quotes or brackets) before
// white space and a capital, a digit or an opening quote; at a blank line; and at a full
// stop glued to a capitalised word ("...License.TEHRAN"). It does not end after a title
// (Mr., Gen.), an initial (J.), a month abbreviation (Dec.) or a dotted abbreviation (U.S.)
// unless the next word is one that typically opens a sentence.

// titles never end a sentence: a name follows.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "col": true, "lt": true, "sgt": true,
	"capt": true, "cmdr": true, "adm": true, "maj": true, "sen": true, "rep": true, "gov": true, "pres": true,
	"prof": true, "rev": true, "st": true, "hon": true, "amb": true, "brig": true, "cpl": true, "pvt": true,
	"messrs": true, "mt": true, "ft": true, "no": true, "nos": true, "vs": true, "v": true, "gens": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "fig": true, "approx": true, "ca": true, "cf": true,
	"e.g": true, "i.e": true, "gov't": true, "sens": true, "reps": true, "supt": true, "insp": true,
}

// abbreviations may end a sentence, but usually do not.
var abbreviations = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "jr": true, "sr": true, "bros": true, "etc": true,
	"plc": true, "llc": true, "dept": true, "univ": true, "assn": true, "est": true, "p.m": true, "a.m": true,
}

// sentenceOpeners are words that after an abbreviation mean a new sentence begins.
var sentenceOpeners = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true, "we": true,
	"i": true, "but": true, "and": true, "in": true, "on": true, "at": true, "this": true, "that": true,
	"these": true, "those": true, "its": true, "his": true, "her": true, "their": true, "there": true,
	"mr": true, "ms": true, "mrs": true, "however": true, "meanwhile": true, "also": true, "after": true,
	"as": true, "for": true, "if": true, "when": true, "while": true, "some": true, "many": true,
}

// sentence is a sentence's span and the number of its paragraph.
type sentence struct {
	Span
	para int
}

// splitSentences returns the sentences of text as byte spans, trimmed of white space.
// Paragraphs end at blank lines and at a no-break space before a capital (how pasted web
// text marks paragraphs and sub-headings).
func splitSentences(text string) []sentence {
	var out []sentence
	start := -1
	para := 0
	emit := func(end int) {
		if start < 0 {
			return
		}
		e := end
		for e > start && isSpace(text[e-1]) {
			e--
		}
		if e > start {
			out = append(out, sentence{Span{start, e}, para})
		}
		start = -1
	}
	for i := 0; i < len(text); {
		if start >= 0 && !sentenceByte[text[i]] {
			i++ // most bytes of a sentence: nothing to decide (no special byte is part of another character)
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if start < 0 {
			if !unicode.IsSpace(r) {
				start = i
			}
			i += n
			continue
		}
		switch r {
		case '\n':
			// A blank line, or a line with no lower-case letter (a heading), ends a sentence.
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				emit(i)
				para++
			} else if isHeading(text[lineStart(text, i):i]) {
				emit(i)
			}
			i += n
			continue
		case '\u00a0':
			j := i + n
			for j < len(text) && (isSpace(text[j]) || strings.HasPrefix(text[j:], "\u00a0")) {
				j++
			}
			if f, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && (unicode.IsUpper(f) || f == '“' || f == '"') {
				emit(i)
				para++
			}
			i += n
			continue
		case ' ':
			// A heading glued to its paragraph ("...between parties in Afghanistan The Taliban
			// said"): a capitalised word that opens sentences, after a capitalised word with
			// nothing between but a space, starts a new sentence.
			if gluedHeadingEnd(text, i) {
				emit(i)
			}
		case '.', '!', '?':
			end := i + n
			for end < len(text) {
				q, qn := utf8.DecodeRuneInString(text[end:])
				if q == '"' || q == '”' || q == '’' || q == '\'' || q == ')' || q == ']' || q == '.' || q == '!' || q == '?' {
					end += qn
					continue
				}
				break
			}
			if endsHere(text, i, end, r) {
				emit(end)
				if blankAfter(text, end) {
					para++
				}
				i = end
				continue
			}
			i = end
			continue
		}
		i += n
	}
	emit(len(text))
	return out
}

// sentenceByte marks the bytes splitSentences looks at inside a sentence: line ends, spaces,
// end marks and the first byte of a no-break space.
var sentenceByte = [256]bool{'\n': true, ' ': true, '.': true, '!': true, '?': true, 0xC2: true}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

func lineStart(text string, i int) int {
	return strings.LastIndexByte(text[:i], '\n') + 1
}

// isHeading: a short line with letters and no lower-case letter ("KENYA:", "NAIROBI (AP) _").
func isHeading(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 80 {
		return false
	}
	letters := false
	for _, r := range line {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// endsHere decides whether the mark at i (ending, with closing quotes, at end) ends a sentence.
func endsHere(text string, i, end int, mark rune) bool {
	if end >= len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[end:])
	word := dottedWordBefore(text, i)
	lw := strings.ToLower(word)
	if !unicode.IsSpace(next) {
		// "License.TEHRAN": a full stop glued to a capitalised word after a real word.
		return mark == '.' && end == i+1 && unicode.IsUpper(next) && len(word) >= 3 &&
			!strings.Contains(word, ".") && unicode.IsLower(rune(word[len(word)-1])) && !titles[lw]
	}
	j := end
	for j < len(text) && isSpace(text[j]) {
		if text[j] == '\n' && j+1 < len(text) && text[j+1] == '\n' {
			return true
		}
		j++
	}
	if j >= len(text) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(text[j:])
	if !(unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("\"“‘'([", first)) {
		return false
	}
	if mark != '.' || end > i+1 {
		return true
	}
	if titles[lw] {
		return false
	}
	nextWord := strings.ToLower(strings.TrimRight(wordAfter(text, j), "."))
	if len(word) == 1 && unicode.IsUpper(rune(word[0])) {
		return false // an initial: "J. Smith"
	}
	if abbreviations[lw] || strings.Contains(word, ".") {
		return sentenceOpeners[nextWord] // "U.S. officials" goes on; "in the U.S. The" ends
	}
	return true
}

// dottedWordBefore is the word ending at i, with its inner dots ("U.S" for "U.S.").
func dottedWordBefore(text string, i int) string {
	k := i
	for k > 0 && i-k < 32 && (isWordByte(text[k-1]) && text[k-1] < 0x80 || text[k-1] == '.' || text[k-1] == '\'') {
		k-- // (abbreviations are short: the bound keeps "a.a.a.a..." linear)
	}
	return strings.Trim(text[k:i], ".'")
}

// blankAfter reports whether only white space holding a blank line or a no-break space follows i
// before the next word: the end of a paragraph.
func blankAfter(text string, i int) bool {
	nl := 0
	for i < len(text) {
		switch {
		case text[i] == '\n':
			nl++
		case strings.HasPrefix(text[i:], "\u00a0"):
			return true
		case !isSpace(text[i]):
			return nl >= 2
		}
		i++
	}
	return true
}

// headingOpeners are words that, capitalised in mid-sentence right after a capitalised word,
// can only start a new sentence.
var headingOpeners = map[string]bool{
	"The": true, "He": true, "She": true, "They": true, "We": true, "But": true, "However": true,
	"Meanwhile": true, "According": true,
}

// clauseStarts are the lower-case words after which a capitalised -ing word opens a clause
// ("Fighting between the Taliban..."), not a name ("Boeing said").
var clauseStarts = map[string]bool{
	"between": true, "in": true, "on": true, "of": true, "the": true, "a": true, "at": true, "for": true,
	"with": true, "across": true, "against": true, "over": true, "near": true, "around": true, "along": true,
}

// phraseOpeners need the word after them: a double space after one is a typo, not a break.
var phraseOpeners = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "by": true, "for": true, "with": true,
	"from": true, "in": true, "on": true, "at": true, "mr": true, "ms": true, "mrs": true,
}

func gluedHeadingEnd(text string, i int) bool {
	if i == 0 || !isWordByte(text[i-1]) {
		return false // judged at the first space of a gap, after a word
	}
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	// cheap tests first (this runs at every space): a capital after the gap, and after a
	// single space a capitalised word before it
	if j >= len(text) || text[j] < 'A' || text[j] > 'Z' && text[j] < 0x80 {
		return false
	}
	if j-i == 1 {
		k := i
		for k > 0 && (isWordByte(text[k-1]) || text[k-1] == '\'' || text[k-1] == '-') {
			k--
		}
		if text[k] < 'A' || text[k] > 'Z' && text[k] < 0x80 {
			return false
		}
	}
	next := wordAfter(text, j)
	if next == "" || !isCapitalised(next) {
		return false
	}
	prev, at := wordBeforeAt(text, j)
	if prev == "" || startsSentence(text, at) || strings.ContainsAny(prev, "0123456789") {
		return false
	}
	lp := strings.ToLower(prev)
	if j-i >= 2 && unicode.IsLetter(rune(prev[len(prev)-1])) && !titles[lp] && !phraseOpeners[lp] {
		// "Shamkhani meets Afghan president and  Later the day": pasted web text marks a
		// sub-heading with a double space where no sentence ended
		return true
	}
	if j-i != 1 || len(prev) < 2 || !isCapitalised(prev) || titles[lp] || datePrepositions[lp] {
		return false
	}
	if headingOpeners[next] {
		return true
	}
	// "...parties in Afghanistan Fighting between the Taliban": a capitalised -ing word
	// opening a clause after a name
	return len(next) > 5 && strings.HasSuffix(next, "ing") && clauseStarts[wordAfter(text, j+len(next))]
}
