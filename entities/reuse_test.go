package entities

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// reuseTexts are the demo articles, some of a generated corpus when there is one, and texts made
// to trip the reading of words at a sentence's ends.
func reuseTexts(t *testing.T) []string {
	texts := []string{
		"WASHINGTON, March 12 (Xinhua) -- U.S. officials met John C. Maxwell Jr. in Kabul. He said: \"Iran's Foreign Ministry\" agreed.",
		"Mr. Smith-Jones (of Kabul-based Acme Co.) met Dr. Atmar. Atmar's aides—and the U.N.—left.\nNew line: O'Brien, al-Qaeda; Kabul-٣ and Ali ٣ rose.",
		"Élan Vital S.A. said. Ünal Öztürk met Ψ. Çelik\u2019s team; ‘Quoted’ words. A.B.C. x. Y. Z",
		"Agents met John C. (the envoy) and Ann B. — later; Z. \"quoted\" and Q. , then.", "end.", "", "A", " . ", "U.S.", "Atmar's", "The  Taliban   took  Herat .  Kabul’s",
	}
	for _, dir := range []string{"../content", "../bench/out/1000/content/000"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		if len(files) > 40 {
			files = files[:40]
		}
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	return texts
}

// TestSentenceTokens checks that the words FindLeadAt takes from the document's reading are the
// words of the sentence read alone, for sentences with any ends, inside a rune included.
func TestSentenceTokens(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n, text := range reuseTexts(t) {
		d := NewDocument(text)
		check := func(s, e int) {
			want := d.tokens(text[s:e])
			if got := d.sentenceTokens(s, e); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Fatalf("text %d [%d:%d] %q:\n got %+v\nwant %+v", n, s, e, text[s:e], got, want)
			}
		}
		for s := 0; s <= len(text) && s < 120; s++ {
			for e := s; e <= len(text) && e < 160; e++ {
				check(s, e)
			}
		}
		for range 1500 {
			s := r.IntN(len(text) + 1)
			check(s, s+r.IntN(len(text)-s+1))
		}
		d.Release()
	}
}

// TestFindLeadAt checks FindLeadAt against FindLead on every sentence piece of the texts.
func TestFindLeadAt(t *testing.T) {
	for n, text := range reuseTexts(t) {
		d := NewDocument(text)
		forSentences(text, func(s, e int) {
			for _, skip := range [][2]int{{0, 0}, {0, (e - s) / 3}, {(e - s) / 2, e - s}} {
				found, lead := d.FindLead(text[s:e], skip[0], skip[1])
				gotFound, gotLead := d.FindLeadAt(s, e, skip[0], skip[1])
				if !reflect.DeepEqual(found, gotFound) && !(len(found) == 0 && len(gotFound) == 0) || lead != gotLead {
					t.Fatalf("text %d %q: FindLeadAt = %v %q, FindLead = %v %q", n, text[s:e], gotFound, gotLead, found, lead)
				}
			}
		})
	}
}

func TestSurnameAndFirst(t *testing.T) {
	for _, name := range []string{"", "Atmar", "Mohammad Hanif Atmar", "John C. Maxwell Jr.", "John Maxwell JR", "Jr", "Jr.", "John Jr",
		"Henry IV", "Louis III II", "A B iv.", " Lead Space", "Trail Space ", "Two  Spaces", "Tab\tName", "Ünal Öztürk", "Kelvin \u212aK",
		"Sr. Sr.", "x ii", "O'Brien-Smith Sr"} {
		t.Run(name, func(t *testing.T) {
			if got, want := Surname(name), surnameOfFields(name); got != want {
				t.Errorf("Surname(%q) = %q, want %q", name, got, want)
			}
			first, surname, ok := firstAndSurname(name)
			ws := strings.Fields(name)
			if ok != (len(ws) >= 2) || ok && (first != ws[0] || surname != surnameOfFields(name)) {
				t.Errorf("firstAndSurname(%q) = %q, %q, %v", name, first, surname, ok)
			}
		})
	}
}
