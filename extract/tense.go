package extract

import "strings"

// tenseNear reads the tense that governs the expression at [s, e) in sentence sent: the
// nearest tense marker in the sentence (auxiliaries "will", "would", "was"; "plans to",
// "expected to"; past forms "said", "met", "-ed"), preferring one before the expression,
// which is where the verb of its clause usually stands in English news.
func tenseNear(text string, sent Span, s, e int) tense {
	t, _ := tenseAt(text, sent, s, e)
	return t
}

// tenseAt is tenseNear, and whether the tense comes from a preposition just before the
// expression ("since", "by", "until"), which outweighs how near a date is.
func tenseAt(text string, sent Span, s, e int) (tense, bool) {
	// Only the words around the expression count: its clause, not a whole run-on text.
	const reach = 240
	if sent.Start < s-reach {
		sent.Start = s - reach
		for sent.Start < s && isWordByte(text[sent.Start]) {
			sent.Start++ // not from the middle of a word
		}
	}
	if sent.End > e+reach {
		sent.End = e + reach
		for sent.End > e && isWordByte(text[sent.End-1]) {
			sent.End--
		}
	}
	best, bestDist := tenseNone, 1<<30
	words := 0
	pos := -1 // the expression's word index
	type mark struct {
		at       int
		t        tense
		strong   bool
		deadline bool
	}
	var marks []mark
	prev, prev2 := "", ""
	pastPerfect := false // "had filed reports by Wednesday": the deadline is behind
	clauseBreak := false // a comma or quote between the expression and a later word
	for i := sent.Start; i < sent.End; {
		if !isWordByte(text[i]) && text[i] != '\'' {
			if i >= e && (text[i] == ',' || text[i] == '"' || text[i] == ';' || text[i] == '`') {
				clauseBreak = true
			}
			i++
			continue
		}
		j := i
		for j < sent.End && (isWordByte(text[j]) || text[j] == '\'') {
			j++
		}
		if i >= s && pos < 0 {
			pos = words
		}
		if i >= s && i < e {
			i = j
			continue // the expression's own words ("last", "next") say nothing of the verb
		}
		w := strings.ToLower(text[i:j])
		if deadline[w] && j <= s && strings.TrimSpace(text[j:s]) == "" {
			marks = append(marks, mark{words, tenseFuture, false, true}) // "by Dec. 15", "through January": a deadline ahead
		} else if (w == "soon" || w == "early") && j <= s && strings.TrimSpace(text[j:s]) == "as" && prev == "as" {
			marks = append(marks, mark{words, tenseFuture, false, false}) // "as soon as Tuesday", "as early as Tuesday"
		} else if w == "of" && prev == "ahead" && j <= s && strings.TrimSpace(text[j:s]) == "" {
			marks = append(marks, mark{words, tenseFuture, false, false}) // "ahead of the weekend"
		} else if w == "since" && j <= s && strings.TrimSpace(text[j:s]) == "" {
			marks = append(marks, mark{words, tensePast, true, false}) // "since year-end", "since March"
		} else if modals[w] && text[i] >= 'a' && !strings.HasPrefix(text[j:min(j+6, sent.End)], " have") {
			marks = append(marks, mark{words, tenseFuture, false, false}) // "may be resolved the week of March 6" (not the month May, not "may have")
		} else if t := markerTense(w, prev, text[j:min(j+4, sent.End)]); t != tenseNone {
			if t == tenseFuture && prev == "been" && prev2 == "had" {
				t = tensePast // "had been scheduled to expire Friday": a plan already overtaken
			}
			at := words
			if i >= e && clauseBreak {
				at += 10 // "..., Castro said": the attribution's verb, not the clause's
			}
			marks = append(marks, mark{at, t, false, false})
		}
		if (w == "had" || w == "hadn't") && prev != "which" && prev != "who" && prev != "that" { // not a relative clause's verb
			pastPerfect = true
		}
		prev2, prev = prev, w
		words++
		i = j
	}
	if pos < 0 {
		pos = words
	}
	strong := false
	for _, m := range marks {
		if m.deadline && pastPerfect {
			m.t = tensePast
		}
		d := 2 * (pos - m.at)
		if m.at >= pos {
			d = 2*(m.at-pos) + 3 // a verb after the expression counts a little less
		}
		if d < bestDist {
			best, bestDist, strong = m.t, d, m.strong
		}
	}
	return best, strong
}

// markerTense classifies one word, knowing the word before it and the text after it.
func markerTense(w, prev, after string) tense {
	to := strings.HasPrefix(after, " to")
	if to && (w == "is" || w == "are" || w == "was" || w == "were") {
		return tenseFuture // "is to resume trading Tuesday"
	}
	switch w {
	case "payable", "effective", "upcoming":
		return tenseFuture // "payable Dec. 15", "effective Feb. 1"
	case "going", "plans", "plan", "planned", "planning", "expected", "expects", "expect", "due", "scheduled", "set",
		"intends", "aims", "slated", "hopes":
		if to || w == "scheduled" || w == "slated" {
			return tenseFuture // "plans to", "is expected to", "scheduled"
		}
		return tenseNone // "vacation plans", "the planned trip"
	case "is", "are", "am", "says", "say", "does", "do":
		return tensePresent
	case "has", "have":
		return tensePast // present perfect tells of the past in news
	}
	if futureMarkers[w] {
		return tenseFuture
	}
	if pastMarkers[w] && !(participleAfter[prev] && !auxiliaryPast[w]) {
		return tensePast // (not "will be paid", "to be held": a participle after an auxiliary)
	}
	if strings.HasSuffix(w, "ed") && len(w) > 4 && !notPastED[w] && prev != "be" && prev != "been" && prev != "is" && prev != "are" && prev != "will" &&
		!adjectiveBefore[prev] { // "a still unspecified date", "the revised plan": an adjective
		return tensePast
	}
	if w == "'ll" || strings.HasSuffix(w, "'ll") {
		return tenseFuture
	}
	return tenseNone
}

// deadline prepositions just before a date point ahead of the time of writing.
var deadline = map[string]bool{"by": true, "until": true, "through": true, "till": true}

// participleAfter: after these words a past form is a participle or an infinitive ("be paid",
// "will be held"), which says nothing of the tense; the auxiliary before it does.
var participleAfter = map[string]bool{"be": true, "being": true, "will": true, "would": true, "to": true, "can": true, "could": true, "may": true, "might": true, "should": true, "must": true}

// auxiliaryPast are past forms that keep their tense after any word.
var auxiliaryPast = map[string]bool{"was": true, "were": true, "had": true, "did": true, "ago": true, "last": true, "earlier": true, "yesterday": true}

// adjectiveBefore: determiners (and adverbs inside a noun phrase) before an -ed word make it an adjective.
var adjectiveBefore = map[string]bool{"a": true, "an": true, "the": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "this": true, "that": true, "these": true, "those": true, "still": true, "newly": true, "recently": true, "previously": true, "long": true, "once": true}

// modals of possibility look ahead, unless a perfect follows ("may have left").
var modals = map[string]bool{"may": true, "might": true}
