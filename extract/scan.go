package extract

// The scan: one pass over the text finds the trigger words (patterns.go: triggers) and the
// windows of text around them where rules are worth running.

import "strings"

// window is a stretch of text around trigger words, and the classes of those words.
type window struct {
	start, end int
	classes    class
	t0, t1     int // its words in the token list
}

// token is a word of a window and its classes.
type token struct {
	start int
	c     class
}

// windows scans text once for trigger words and digits and returns the stretches around
// them, a few words either side, merged when they touch. Rules run only there.
// The windows are appended to out, their words to toks.
func (rs *ruleSet) windows(text string, toks *[]token, out []window) []window {
	const before, after = 5, 4
	var ring [before + 1]token // the last words
	var buf [24]byte
	words := 0
	cur := window{start: -1}
	closeAt := -1 // the word index after which the current window ends
	lastEnd := 0
	closeWindow := func() {
		cur.end, cur.t1 = lastEnd, len(*toks)
		out = append(out, cur)
		cur.start = -1
	}
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) || text[i] >= 0x80 {
			i++
			continue
		}
		s := i
		digit := false
		for i < len(text) && isWordByte(text[i]) && text[i] < 0x80 {
			if text[i] <= '9' {
				digit = true
			}
			i++
		}
		e := i
		if cur.start >= 0 && words > closeAt {
			closeWindow()
		}
		var c class
		if digit {
			c = digitClass(text, s, e)
		} else if n := e - s; n <= len(buf) && rs.triggerShapes.has(text[s:e]) {
			if n <= 8 { // a short word: its lower-case bytes are its key
				var key uint64
				for k := n - 1; k >= 0; k-- {
					b := text[s+k]
					if b >= 'A' && b <= 'Z' {
						b += 'a' - 'A'
					}
					key = key<<8 | uint64(b)
				}
				c = rs.shortTriggers[key]
			} else {
				for k := 0; k < n; k++ {
					b := text[s+k]
					if b >= 'A' && b <= 'Z' {
						b += 'a' - 'A'
					}
					buf[k] = b
				}
				c = rs.triggers[string(buf[:n])]
			}
		}
		ring[words%len(ring)] = token{s, c}
		if c&primary != 0 && cur.start < 0 {
			back := max(words-before, 0)
			ws := ring[back%len(ring)].start
			if len(out) > 0 && ws <= out[len(out)-1].end {
				cur = out[len(out)-1] // touching the last window: reopen it
				out = out[:len(out)-1]
				for k := back; k < words; k++ {
					if t := ring[k%len(ring)]; t.start >= cur.end {
						*toks = append(*toks, t)
						cur.classes |= t.c
					}
				}
			} else {
				cur = window{start: ws, t0: len(*toks)}
				for k := back; k < words; k++ {
					t := ring[k%len(ring)]
					*toks = append(*toks, t)
					cur.classes |= t.c
				}
			}
		}
		if c&primary != 0 {
			closeAt = words + after
		}
		if cur.start >= 0 {
			*toks = append(*toks, token{s, c})
			cur.classes |= c
		}
		lastEnd = e
		words++
	}
	if cur.start >= 0 {
		closeWindow()
	}
	return out
}

// digitClass classifies a token holding a digit: a possible year, day, decade or clock time.
func digitClass(text string, s, e int) class {
	c := cDigit
	tok := text[s:e]
	allDigits := true
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			allDigits = false
			break
		}
	}
	switch {
	case allDigits && len(tok) == 4 && (tok[0] == '1' || tok[0] == '2' && tok[1] == '0'):
		c |= cYear4
	case allDigits && len(tok) <= 2:
		c |= cSmall
	case !allDigits && (strings.HasSuffix(tok, "0s") || strings.HasSuffix(tok, "th") || strings.HasSuffix(tok, "st") || strings.HasSuffix(tok, "nd") || strings.HasSuffix(tok, "rd")):
		c |= cDecTok | cSmall // "1990s"; "6th", "21st" (a day or a century)
	}
	if rest := text[e:]; strings.HasPrefix(rest, "s") || strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
		c |= cDecTok
	}
	if strings.HasSuffix(text[:s], "'") || strings.HasSuffix(text[:s], "’") {
		c |= cDecTok // '90s
	}
	if allDigits && len(tok) <= 2 {
		j := e
		if j < len(text) && (text[j] == ':' || text[j] == '.') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
			c |= cClock
		}
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if j+1 < len(text) && (text[j]|0x20 == 'a' || text[j]|0x20 == 'p') && (text[j+1]|0x20 == 'm' || text[j+1] == '.') {
			c |= cClock
		}
	}
	return c
}

// wordShapes is the set of the (length, first letter, second letter) of some words: a word
// whose shape is not in it is none of them, found without looking it up. Most words of a text
// are not trigger words.
type wordShapes [25][26][27]bool

func shapesOf(words map[string]class) *wordShapes {
	var ws wordShapes
	for w := range words {
		if i, j, k, ok := shapeOf(w); ok {
			ws[i][j][k] = true
		}
	}
	return &ws
}

// shapeOf is the shape of a word of ASCII letters (either case) of at most 24 of them.
func shapeOf(w string) (n, first, second int, ok bool) {
	if len(w) == 0 || len(w) >= 25 {
		return 0, 0, 0, false
	}
	letter := func(b byte) (int, bool) {
		switch {
		case b >= 'a' && b <= 'z':
			return int(b - 'a'), true
		case b >= 'A' && b <= 'Z':
			return int(b - 'A'), true
		}
		return 0, false
	}
	first, ok = letter(w[0])
	if !ok {
		return 0, 0, 0, false
	}
	second = 26 // none
	if len(w) > 1 {
		if second, ok = letter(w[1]); !ok {
			return 0, 0, 0, false
		}
	}
	return len(w), first, second, true
}

// has reports whether a word of letters may be one of the words.
func (ws *wordShapes) has(w string) bool {
	n, first, second, ok := shapeOf(w)
	return ok && ws[n][first][second]
}

// shortWordKey is a word of at most eight letters as a number: its lower-case bytes, the first
// in the lowest byte (a number key is found faster than a string key).
func shortWordKey(w string) (uint64, bool) {
	if len(w) == 0 || len(w) > 8 {
		return 0, false
	}
	var key uint64
	for k := len(w) - 1; k >= 0; k-- {
		b := w[k]
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		key = key<<8 | uint64(b)
	}
	return key, true
}
