package entities

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/article"
)

func show(es []Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, string(e.Kind)+":"+e.Name)
	}
	return out
}

func TestFind(t *testing.T) {
	doc := "Afghan Foreign Minister Mohammad Hanif Atmar spoke. Rasoul Mousavi and Seyyed Mousavi were there. Milton Roy Co. agreed."
	tests := []struct {
		name, sentence string
		want           []string
	}{
		{"title before a name", "Afghan Foreign Minister Mohammad Hanif Atmar met reporters.",
			[]string{"person:Mohammad Hanif Atmar"}},
		{"surname expanded from the document", "Atmar said he appreciates it.", []string{"person:Mohammad Hanif Atmar"}},
		{"an ambiguous surname stays as written, after a title", "Minister Mousavi spoke.", []string{"person:Mousavi"}},
		{"organisation keyword, then a person", "Spokesman for the Iranian Foreign Ministry Saeed Khatibzadeh issued a statement.",
			[]string{"organisation:Iranian Foreign Ministry", "person:Saeed Khatibzadeh"}},
		{"organisation with an of-tail", "According to the Afghan Ministry of Foreign Affairs, the talks went well.",
			[]string{"organisation:Afghan Ministry of Foreign Affairs"}},
		{"gazetteer aliases", "The U.S. and the UAE held talks with the UN in Kabul.",
			[]string{"place:United States", "place:United Arab Emirates", "organisation:United Nations", "place:Kabul"}},
		{"dateline and sentence-initial words name nothing", "TEHRAN – Earlier, the Taliban took Herat.",
			[]string{"organisation:Taliban", "place:Herat"}},
		{"a locative makes an unknown word a place", "Fighting broke out in Zaranj overnight.", []string{"place:Zaranj"}},
		{"an unknown single word alone is left out", "Zaranj fell overnight.", []string{}},
		{"hyphenated names", "Iran-Taliban relations and Kabul-based groups.",
			[]string{"place:Iran", "organisation:Taliban", "place:Kabul"}},
		{"demonyms are not names", "Iranian and Afghan diplomats met.", []string{}},
		{"title words before a title are dropped", "Afghan National Security Advisor Hamdullah Mohib said so.",
			[]string{"person:Hamdullah Mohib"}},
		{"a title with a portfolio", "Secretary of State Madeleine Albright flew to Nairobi, Kenya.",
			[]string{"person:Madeleine Albright", "place:Nairobi", "place:Kenya"}},
		{"a company named with a legal suffix elsewhere", "Milton Roy shares rose and Conseco fell.",
			[]string{"organisation:Milton Roy"}},
		{"possessive", "Iran’s Foreign Minister Mohammad Javad Zarif held talks.",
			[]string{"place:Iran", "person:Mohammad Javad Zarif"}},
	}
	d := NewDocument(doc)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(d.Find(tt.sentence)); !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.sentence, got, tt.want)
			}
		})
	}
}

// label is one hand-labelled sentence of testdata/demo.txt.
type label struct {
	file, sentence string
	want           []string // "kind:name"
}

func readLabels(t *testing.T) []label {
	f, err := os.Open("testdata/demo.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []label
	file := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "= "):
			file = line[2:]
		case strings.HasPrefix(line, "> "):
			out = append(out, label{file: file, sentence: line[2:]})
		default:
			kind, name, ok := strings.Cut(line, ": ")
			if !ok || len(out) == 0 || (kind != "person" && kind != "organisation" && kind != "place") {
				t.Fatalf("testdata/demo.txt:%d: want KIND: NAME after a > sentence, got %q", n, line)
			}
			out[len(out)-1].want = append(out[len(out)-1].want, kind+":"+name)
		}
	}
	return out
}

// TestDemoPrecision measures the finder against the hand labels of the demo's event sentences.
// An entity counts as right when its kind and canonical name match a label.
func TestDemoPrecision(t *testing.T) {
	labels := readLabels(t)
	docs := map[string]*Document{}
	found, right, labelled := 0, 0, 0
	for _, l := range labels {
		d := docs[l.file]
		if d == nil {
			a, err := article.Load("../content/" + l.file)
			if err != nil {
				t.Fatal(err)
			}
			d = NewDocument(a.Text())
			docs[l.file] = d
		}
		got := show(d.Find(l.sentence))
		slices.Sort(got)
		got = slices.Compact(got)
		labelled += len(l.want)
		found += len(got)
		for _, g := range got {
			if slices.Contains(l.want, g) {
				right++
			} else {
				t.Logf("wrong: %s in %q", g, l.sentence)
			}
		}
		for _, w := range l.want {
			if !slices.Contains(got, w) {
				t.Logf("missed: %s in %q", w, l.sentence)
			}
		}
	}
	precision, recall := float64(right)/float64(found), float64(right)/float64(labelled)
	fmt.Printf("entities on the demo's event sentences: precision %.3f (%d/%d), recall %.3f (%d/%d)\n",
		precision, right, found, recall, right, labelled)
	if precision < 0.9 || recall < 0.85 {
		t.Errorf("precision %.3f, recall %.3f: want at least 0.90 and 0.85", precision, recall)
	}
}

// TestConnectorWord checks that the fast test of a connector agrees with the list.
func TestConnectorWord(t *testing.T) {
	for _, w := range connectors {
		if !connectorWord(w) {
			t.Errorf("connectorWord(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"", "Of", "off", "a", "in", "to", "dal"} {
		if connectorWord(w) {
			t.Errorf("connectorWord(%q) = true, want false", w)
		}
	}
}

// TestFindLead checks that FindLead gives what Find and Lead give, on every sentence of the
// demo articles, with and without a date expression to skip.
func TestFindLead(t *testing.T) {
	for _, l := range readLabels(t) {
		a, err := article.Load("../content/" + l.file)
		if err != nil {
			t.Fatal(err)
		}
		d := NewDocument(a.Text())
		for _, skip := range [][2]int{{0, 0}, {0, len(l.sentence) / 3}, {len(l.sentence) / 2, len(l.sentence)}} {
			found, lead := d.FindLead(l.sentence, skip[0], skip[1])
			want := d.Find(l.sentence)
			if !slices.Equal(found, want) {
				t.Errorf("FindLead(%q) found %v, Find %v", l.sentence, found, want)
			}
			if wantLead := d.Lead(l.sentence, want, skip[0], skip[1]); lead != wantLead {
				t.Errorf("FindLead(%q, %d, %d) lead %q, Lead %q", l.sentence, skip[0], skip[1], lead, wantLead)
			}
		}
	}
}

// TestScanSkipsLoneWords checks that NewDocument, which leaves lone capitalised words
// unclassified, learns what it would learn classifying every word.
func TestScanSkipsLoneWords(t *testing.T) {
	every := *loadLexicon()
	every.oneWordFirm = true // classify lone words too
	files, err := filepath.Glob("../content/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no demo articles", err)
	}
	texts := []string{"Milton Roy Co. agreed. Roy said so. Elian Gonzalez and Elian Smith met Gonzalez in Miami."}
	for _, f := range files {
		a, err := article.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, a.Text())
	}
	for _, text := range texts {
		got, want := NewDocument(text), newDocument(&every, text)
		if !reflect.DeepEqual(got.surnames, want.surnames) || !reflect.DeepEqual(got.given, want.given) || !reflect.DeepEqual(got.firms, want.firms) {
			t.Errorf("%.40q...: scanning lone words too gives %v %v %v, without %v %v %v", text,
				want.surnames, want.given, want.firms, got.surnames, got.given, got.firms)
		}
		if len(got.surnames) == 0 {
			t.Errorf("%.40q...: no one named in full", text)
		}
	}
}

// TestASCIILower holds the eight-bytes-at-a-time lower-casing to a byte-by-byte one.
func TestASCIILower(t *testing.T) {
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	cases := []string{"", "A", "abc", "ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{", "Iran’s Foreign Minister Mohammad Javad Zarif", string(all), string(all[64:100]) + "\xff\xfeZz"}
	for _, s := range cases {
		for cut := range min(len(s), 9) {
			in := s[cut:]
			want := []byte(in)
			for i, c := range want {
				if 'A' <= c && c <= 'Z' {
					want[i] = c + 'a' - 'A'
				}
			}
			if got := LowerASCII(in); got != string(want) {
				t.Errorf("LowerASCII(%q) = %q, want %q", in, got, want)
			}
		}
	}
}
