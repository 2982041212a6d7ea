package article

import (
	"reflect"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// decodeFull is decodeTOML without its fast path: the TOML decoder alone.
func decodeFull(head string) ([]string, map[string]any, error) {
	var all map[string]any
	md, err := toml.Decode(head, &all)
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

// sameAsDecoder fails unless what readSimple accepts the decoder reads alike: the same keys
// in the same order, the same values (dates as the same day).
func sameAsDecoder(t *testing.T, head string) bool {
	t.Helper()
	keys, all, ok := readSimple([]byte(head))
	if !ok {
		return false
	}
	wantKeys, want, err := decodeFull(head)
	if err != nil {
		t.Fatalf("readSimple read %q, the decoder refuses it: %v", head, err)
	}
	if !reflect.DeepEqual(keys, wantKeys) && len(keys)+len(wantKeys) > 0 {
		t.Fatalf("%q: keys %q, the decoder's %q", head, keys, wantKeys)
	}
	for k, v := range want {
		if d, isDate := v.(time.Time); isDate {
			got, _ := all[k].(time.Time)
			if y, m, dd := d.Date(); got.Year() != y || got.Month() != m || got.Day() != dd {
				t.Fatalf("%q: %s = %v, the decoder's %v", head, k, all[k], v)
			}
			continue
		}
		if !reflect.DeepEqual(all[k], v) {
			t.Fatalf("%q: %s = %#v, the decoder's %#v", head, k, all[k], v)
		}
	}
	if len(all) != len(want) {
		t.Fatalf("%q: %d values, the decoder's %d", head, len(all), len(want))
	}
	return true
}

func TestSimpleFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		head   string
		simple bool // readSimple should take it (else it is left to the decoder)
	}{
		{"title = \"Talks resume\"\ndate = 2021-08-14\ntags = [\"a\", \"b c\"]\n", true},
		{"  title=\"x\"  \r\n# a comment\n\n\tdate = \"2021-08-14\"\nempty = []\ntrail = [ \"a\" , ]\nu = \"é – ü\"\n", true},
		{"title = \"with # hash\"\n", true},
		{"title = \"x\" # comment\n", false},
		{"title = \"a \\\"quoted\\\" word\"\n", false},
		{"title = 'literal'\n", false},
		{"count = 3\n", false},
		{"flag = true\n", false},
		{"when = 2021-08-14\n", false}, // a date under another key is the decoder's time.Time
		{"date = 2021-02-30\n", false},
		{"date = 2021-08-14T10:00:00Z\n", false},
		{"a.b = \"x\"\n", false},
		{"\"quoted key\" = \"x\"\n", false},
		{"title = \"x\"\ntitle = \"y\"\n", false},
		{"[table]\nkey = \"x\"\n", false},
		{"tags = [\"a\",\n \"b\"]\n", false},
		{"tags = [\"a\", 1]\n", false},
		{"title = \"x\"y\n", false},
		{"title = \"unclosed\n", false},
		{"title =\n", false},
		{"= \"x\"\n", false},
		{"title = \"tab\there\"\n", false},
	} {
		t.Run(tc.head, func(t *testing.T) {
			if got := sameAsDecoder(t, tc.head); got != tc.simple {
				t.Errorf("readSimple took it: %v, want %v", got, tc.simple)
			}
		})
	}
}

// FuzzSimpleFrontMatter: whatever readSimple reads, the TOML decoder reads the same way.
func FuzzSimpleFrontMatter(f *testing.F) {
	f.Add("title = \"Talks resume\"\ndate = 2021-08-14\ntags = [\"a\", \"b c\"]\n")
	f.Add("  title=\"x\"  \r\n# c\n\n\tdate = \"2021-08-14\"\nempty = []\ntrail = [ \"a\" , ]\n")
	f.Fuzz(func(t *testing.T, head string) {
		sameAsDecoder(t, head)
	})
}
