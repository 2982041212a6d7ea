// Package extract finds the time expressions of a news article and resolves them to TIMEX3
// values against the article's publication date, the tense of their sentence and the date
// mentioned before them.
//
// The work is in three steps, each in its own files: recognition (rules.go: patterns over the
// word lists of words.go, with guards.go against look-alikes and builders.go from captures to
// a partial date; scan.go finds the windows around trigger words where engine.go runs them);
// the sentence splitter (sentence.go) and the tense reader (tense.go) give each expression its
// context; one resolver (resolve.go, partial.go) fills the partial date in, or leaves it
// underspecified when the context does not say. README.md documents the record schema of
// `timeline extract`, the coverage and the resolution policy.
package extract

import "strings"

// Extract finds every time expression in text and resolves it against the publication date
// (the zero Date when unknown: relative expressions then stay unresolved).
// Offsets in the result are byte offsets into text. The result is deterministic.
func Extract(text string, published Date) []Timex {
	rs := compiledRules()
	sc := rs.scratch.Get().(*findScratch)
	defer func() {
		clear(sc.found) // hold nothing of this text
		rs.scratch.Put(sc)
	}()
	sc.found = rs.findInto(text, sc, sc.found[:0])
	cands := sc.found
	if len(cands) == 0 {
		return nil
	}
	sents := splitSentences(text)
	out := make([]Timex, 0, len(cands))
	var prev, lede *point // the last date, and the first day named (the story's main day)
	var period *point     // the last quarter or half named
	var day *point        // the last calendar day named ("Sept. 30"), in the sentence daySent
	var daySent Span
	prevPara := -1
	si := 0
	for _, c := range cands {
		for si < len(sents) && sents[si].End <= c.start {
			si++
		}
		sent, para := Span{c.start, c.end}, -1
		if si < len(sents) && sents[si].Start <= c.start {
			sent, para = sents[si].Span, sents[si].para
			for k := si + 1; sent.End < c.end && k < len(sents); k++ {
				sent.End = sents[k].End // an expression across a false boundary keeps both parts
			}
			if sent.End < c.end {
				sent.End = c.end
			}
		}
		ctx := context{dct: published, prev: prev, period: period}
		if day != nil && daySent == sent {
			ctx.day = day
		}
		if c.p.anchor == anaphoric && max(c.p.gran, gDay) == gDay && lede != nil && prevPara != para {
			// "Later that day" opening a paragraph continues the story's main day, not a date
			// the previous paragraph mentioned in passing.
			ctx.prev = lede
		}
		if c.p.anchor == tensed || c.p.until != nil && c.p.until.anchor == tensed || c.p.optional && c.p.anchor == anaphoric {
			ctx.tense, ctx.sure = tenseAt(text, sent, c.start, c.end)
		}
		res := resolve(c.p, ctx)
		if c.p.optional && !res.resolved {
			continue
		}
		t := Timex{
			Span:     Span{c.start, c.end},
			Text:     text[c.start:c.end],
			Type:     c.p.typ,
			Value:    res.value,
			Mod:      c.p.mod,
			Resolved: res.resolved,
			Sentence: sent,
		}
		if t.Type == TypeDate || t.Type == TypeTime {
			t.From, t.To = res.from, res.to
			t.Eventive = res.resolved && !strings.HasSuffix(res.value, "_REF")
			if res.at != nil && !c.p.flex && !c.p.compare { // "a year earlier" compares; it does not move the story
				prev, prevPara = res.at, para
				if lede == nil && res.at.gran == gDay {
					lede = res.at
				}
				if res.at.gran == gDay && c.p.month != 0 && c.p.day != 0 && c.p.weekday == 0 && c.p.until == nil {
					day, daySent = res.at, sent
				}
				if res.at.gran == gQuarter || res.at.gran == gHalf {
					period = res.at
				}
			}
		}
		out = append(out, t)
	}
	return out
}
