package article

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Bytes that are not text are replaced one for one, so that offsets into the sanitized text are
// offsets into the file: extraction, events and article pages all point at the bytes as written.
const (
	invalidByte = '?' // a byte that is not part of valid UTF-8 (often Latin-1 or Windows-1252 text)
	controlByte = ' ' // a control character: invalid in XML, invisible or harmful in HTML
)

// Fixed counts the bytes Sanitize replaced, with the offset of the first of each kind.
type Fixed struct {
	Invalid, Control           int
	FirstInvalid, FirstControl int
}

// Sanitize returns data with each byte that is not part of valid UTF-8 replaced by '?' and each
// control character other than tab, newline and carriage return (NUL, form feed, escape, DEL…)
// replaced by a space. The result is exactly as long as data and valid UTF-8; data itself is not
// modified (it is returned as is when nothing needs replacing).
func Sanitize(data []byte) ([]byte, Fixed) {
	var fixed Fixed
	out := data
	for i := 0; i < len(data); {
		if i+8 <= len(data) && plainASCII(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
			continue
		}
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				if fixed.Control == 0 {
					fixed.FirstControl = i
				}
				fixed.Control++
				out = writable(out, data)
				out[i] = controlByte
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			if fixed.Invalid == 0 {
				fixed.FirstInvalid = i
			}
			fixed.Invalid++
			out = writable(out, data)
			out[i] = invalidByte
		}
		i += size
	}
	return out, fixed
}

// plainASCII reports whether the eight bytes of x are all printable ASCII (0x20 to 0x7e),
// which Sanitize keeps as they are; false may also mean only "look closer". Newlines make it
// false too, but they come every few hundred bytes.
func plainASCII(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below20 := (x - 0x20*ones) &^ x & highs // a byte under 0x20 (exact when no high bit is set)
	del := x ^ 0x7f*ones                    // zero where a byte is DEL
	return (x&highs)|below20|((del-ones)&^del&highs) == 0
}

// writable returns a copy of data the first time a byte must change.
func writable(out, data []byte) []byte {
	if &out[0] == &data[0] {
		return bytes.Clone(data)
	}
	return out
}

// fixWarnings turns what Sanitize replaced into warnings naming the line and column of the first.
func fixWarnings(file string, raw []byte, f Fixed) []*Error {
	var ws []*Error
	if f.Invalid > 0 {
		line, col := Position(raw, f.FirstInvalid)
		ws = append(ws, &Error{File: file, Line: line, Col: col, Err: fmt.Errorf(
			"not valid UTF-8: %s replaced by '?' (the first here); if the file is Latin-1 or Windows-1252, convert it with iconv -f WINDOWS-1252 -t UTF-8",
			plural(f.Invalid, "byte"))})
	}
	if f.Control > 0 {
		line, col := Position(raw, f.FirstControl)
		ws = append(ws, &Error{File: file, Line: line, Col: col, Err: fmt.Errorf(
			"%s replaced by spaces (the first here)", plural(f.Control, "control character"))})
	}
	return ws
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Position is the 1-based line and byte column of offset off in data.
func Position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return bytes.Count(data[:off], []byte("\n")) + 1, off - start + 1
}

// sniffLen is how much of a file checkText looks at, like git's binary detection.
const sniffLen = 8000

// checkText refuses files that are not articles at all: empty, binary, or UTF-16 text. sample
// is what Sanitize replaces in the first sniffLen bytes of data.
func checkText(data []byte, sample Fixed) error {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return errors.New("UTF-16 text is not supported: convert the file to UTF-8 (iconv -f UTF-16 -t UTF-8)")
	case len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\uFEFF")))) == 0:
		return ErrEmpty
	}
	n := min(len(data), sniffLen)
	if i := bytes.IndexByte(data[:n], 0); i >= 0 {
		return fmt.Errorf("%w (a NUL byte at offset %d; if it is UTF-16 text, convert it to UTF-8)", ErrBinary, i)
	}
	if (sample.Invalid+sample.Control)*10 > n {
		return fmt.Errorf("%w (more than 10%% of its first %d bytes are not UTF-8 text; if it is text in another encoding, convert it to UTF-8)", ErrBinary, n)
	}
	return nil
}
