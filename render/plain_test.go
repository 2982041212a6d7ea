package render

import (
	"bytes"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// reParagraphBreak is what nextBreak must match: it replaced this expression.
var reParagraphBreak = regexp.MustCompile(`[ \t\x{00A0}]*\r?\n[ \t\r\n\x{00A0}]*|[ \t\x{00A0}]{2,}`)

// allBreaks lists every break nextBreak finds, as FindAllStringIndex would.
func allBreaks(s string) [][]int {
	var out [][]int
	for from := 0; ; {
		i, j := nextBreak(s, from)
		if i < 0 {
			return out
		}
		out = append(out, []int{i, j})
		from = j
	}
}

var plainCases = map[string]string{
	"empty":           "",
	"one line":        "The envoy met the minister.",
	"line ends":       "One.\nTwo.\r\nThree.\n",
	"blank lines":     "One.\n\n \t\nTwo.\r\n\r\n\u00a0\nThree.",
	"glued":           "One.  Two.\t\tThree.\u00a0\u00a0Four. \u00a0Five.",
	"single spaces":   "a b\tc\u00a0d",
	"lone CR":         "a\rb \r c  \r\n d",
	"trailing spaces": "end.   ",
	"invalid":         "a\xc2 \xa0\xc2\xa0\xc2\xa0b\xe2\xc2\xa0\xc2\xa0c",
}

func TestNextBreak(t *testing.T) {
	for name, s := range plainCases {
		t.Run(name, func(t *testing.T) {
			if got, want := allBreaks(s), reParagraphBreak.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("breaks of %q = %v, want %v", s, got, want)
			}
		})
	}
}

func TestEscapeHTML(t *testing.T) {
	for _, s := range []string{"", "plain", `<a href="x">'&'</a>` + "\x00", "é & ü"} {
		var b bytes.Buffer
		escapeHTML(&b, []byte(s))
		escapeHTML(&b, s)
		if want := template.HTMLEscapeString(s); b.String() != want+want {
			t.Errorf("escapeHTML(%q) = %q, want %q twice", s, b.String(), want)
		}
	}
}

func FuzzPlain(f *testing.F) {
	for _, s := range plainCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := allBreaks(s), reParagraphBreak.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("breaks of %q = %v, want %v", s, got, want)
		}
		if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("blank(%q) = %v, want %v", s, got, want)
		}
		var b bytes.Buffer
		escapeHTML(&b, s)
		if want := template.HTMLEscapeString(s); b.String() != want {
			t.Errorf("escapeHTML(%q) = %q, want %q", s, b.String(), want)
		}
		// The same paragraphs from a string and from its bytes.
		if got, want := renderPlain([]byte(s), 0, nil, 0), renderPlain(s, 0, nil, 0); got != want {
			t.Errorf("renderPlain differs between string and bytes: %q, %q", got, want)
		}
	})
}
