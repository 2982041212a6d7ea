package article

import (
	"bytes"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// decodeTOML reads front matter into its top-level keys, in document order, and their values as
// toml.Decode gives them (a key inside a table is left out of keys; its table holds it).
//
// Nearly every front matter is a few lines of `key = "string"`, `date = 2021-08-14` and
// `tags = ["a", "b"]`, which readSimple reads ten times faster than the TOML decoder; anything
// else, and anything it is unsure of, goes to the decoder, so results and errors are the same
// (FuzzSimpleFrontMatter checks).
func decodeTOML(head []byte) ([]string, map[string]any, error) {
	if keys, all, ok := readSimple(head); ok {
		return keys, all, nil
	}
	var all map[string]any
	md, err := toml.Decode(string(head), &all)
	if err != nil {
		return nil, nil, err
	}
	var keys []string
	for _, k := range md.Keys() {
		if len(k) == 1 {
			keys = append(keys, k[0])
		}
	}
	return keys, all, nil
}

// readSimple reads front matter made only of blank lines, comment lines and lines
// `key = value` with a bare key and, as value, a string with no escapes, an array of such
// strings on the same line, or (for the key "date" alone) a YYYY-MM-DD date. ok is false for
// anything else.
func readSimple(head []byte) (keys []string, all map[string]any, ok bool) {
	if !utf8.Valid(head) { // never so after Sanitize; the decoder words the error
		return nil, nil, false
	}
	all = map[string]any{}
	for len(head) > 0 {
		var line []byte
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = bytes.TrimSuffix(head[:i], []byte("\r")), head[i+1:] // CRLF is a line end, CR alone is not
		} else {
			line, head = head, nil
		}
		rest := trimBlanks(line)
		if len(rest) == 0 || rest[0] == '#' && !bytes.ContainsFunc(rest, isControl) {
			continue
		}
		n := 0
		for n < len(rest) && isBareKeyByte(rest[n]) {
			n++
		}
		key := string(rest[:n])
		rest = trimBlanks(rest[n:])
		if n == 0 || len(rest) == 0 || rest[0] != '=' {
			return nil, nil, false
		}
		if _, dup := all[key]; dup {
			return nil, nil, false
		}
		rest = trimBlanks(rest[1:])
		var v any
		switch {
		case len(rest) > 0 && rest[0] == '"':
			s, after, ok := simpleString(rest)
			if !ok || len(trimBlanks(after)) > 0 {
				return nil, nil, false
			}
			v = s
		case len(rest) > 0 && rest[0] == '[':
			arr, ok := simpleArray(rest)
			if !ok {
				return nil, nil, false
			}
			v = arr
		case key == "date" && len(rest) == len("2006-01-02"):
			t, err := time.Parse("2006-01-02", string(rest))
			if err != nil || t.Format("2006-01-02") != string(rest) {
				return nil, nil, false
			}
			v = t // publicationDate takes the day of it, as of the decoder's local date
		default:
			return nil, nil, false
		}
		keys = append(keys, key)
		all[key] = v
	}
	return keys, all, true
}

func trimBlanks(b []byte) []byte { return bytes.Trim(b, " \t") }

func isBareKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// isControl is what TOML refuses in strings and comments (tab aside, which readSimple leaves
// to the decoder in strings).
func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }

// simpleString reads a basic string with no escapes and no control characters at the start of
// b, and returns it and what follows it.
func simpleString(b []byte) (string, []byte, bool) {
	end := bytes.IndexByte(b[1:], '"')
	if end < 0 {
		return "", nil, false
	}
	s := b[1 : 1+end]
	for _, c := range s {
		if c == '\\' || c < 0x20 || c == 0x7f {
			return "", nil, false
		}
	}
	return string(s), b[end+2:], true
}

// simpleArray reads `["a", "b"]` (simple strings, blanks between, a trailing comma allowed) that
// is all of b but blanks.
func simpleArray(b []byte) ([]any, bool) {
	arr := []any{}
	b = trimBlanks(b[1:])
	for {
		if len(b) > 0 && b[0] == ']' {
			return arr, len(trimBlanks(b[1:])) == 0
		}
		if len(b) == 0 || b[0] != '"' {
			return nil, false
		}
		s, after, ok := simpleString(b)
		if !ok {
			return nil, false
		}
		arr = append(arr, s)
		b = trimBlanks(after)
		switch {
		case len(b) > 0 && b[0] == ',':
			b = trimBlanks(b[1:])
		case len(b) > 0 && b[0] == ']':
		default:
			return nil, false
		}
	}
}
