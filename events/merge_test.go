package events

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
)

// findEvent returns the events with a source at file whose date expression is phrase and whose
// sentence holds context.
func findEvent(t *testing.T, evs []Event, file, phrase, context string) Event {
	t.Helper()
	var found []Event
	for _, e := range evs {
		for _, s := range e.Sources {
			if strings.HasSuffix(s.File, file) && s.Text == phrase && strings.Contains(s.Sentence, context) {
				found = append(found, e)
			}
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d events have a source %s %q in a sentence with %q, want 1", len(found), file, phrase, context)
	}
	return found[0]
}

type ref struct{ file, phrase, context string }

func TestMergeDemo(t *testing.T) {
	evs := Build(demoDocs(t), Options{})
	tests := []struct {
		name string
		a, b ref
		join bool
	}{
		{"envoy meets Atmar: late July (000) and Monday (002)",
			ref{demo000, "late July", "met with Afghan Foreign Minister"}, ref{demo002, "Monday", "met with Afghan Foreign Minister"}, true},
		{"Trump's withdrawal order: last week (003) and last Thursday (004)",
			ref{demo003, "last week", "Donald Trump"}, ref{demo004, "last Thursday", "Donald Trump"}, true},
		{"Shamkhani's statement in Kabul on Wednesday (003, 004)",
			ref{demo003, "Wednesday", "continue talks"}, ref{demo004, "Wednesday", "holding talks"}, true},
		{"two Friday happenings of one article stay apart",
			ref{demo001, "Friday", "issued a statement"}, ref{demo001, "Friday", "Mousavi reassured"}, false},
		{"same day, same article: the first indication and Zaranj's fall",
			ref{demo001, "August 6", "first indication"}, ref{demo001, "On that day", "Zaranj"}, false},
		{"compatible dates, nothing shared: the envoy's visit and the curfew",
			ref{demo000, "late July", "Atmar"}, ref{demo002, "Saturday", "curfew"}, false},
		{"same people, incompatible dates: the visit in late July and the phone call early in August",
			ref{demo000, "late July", "Atmar"}, ref{demo001, "Earlier this month", "phone conversation"}, false},
		{"the same year in one article: the invasion and the Bonn conference of 2001",
			ref{demo004, "2001", "invasion of Afghanistan"}, ref{demo004, "2001", "Bonn"}, false},
		{"same day, different happenings: the statement on Wednesday and the meetings later that day",
			ref{demo003, "Wednesday", "continue talks"}, ref{demo004, "Later the day", "Ghani"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := findEvent(t, evs, tt.a.file, tt.a.phrase, tt.a.context)
			b := findEvent(t, evs, tt.b.file, tt.b.phrase, tt.b.context)
			if joined := a.ID == b.ID; joined != tt.join {
				t.Errorf("joined = %v, want %v\nA: %s %q\nB: %s %q\nmerged: %q", joined, tt.join, a.Label, a.Title, b.Label, b.Title, a.Merged)
			}
		})
	}
	envoy := findEvent(t, evs, demo000, "late July", "Atmar")
	if envoy.Label != "26 July 2021" || envoy.Value != "2021-07-26" || envoy.Weight != 2 || len(envoy.Sources) != 2 {
		t.Errorf("envoy event: label %q value %q weight %d, %d sources; want 26 July 2021, 2021-07-26, weight 2, 2 sources",
			envoy.Label, envoy.Value, envoy.Weight, len(envoy.Sources))
	}
	if len(envoy.Merged) != 1 || !strings.Contains(envoy.Merged[0], "Mohammad Hanif Atmar") || !strings.Contains(envoy.Merged[0], "dates compatible") {
		t.Errorf("envoy event should explain its merge by shared names and dates, got %q", envoy.Merged)
	}
}

func TestMergeRules(t *testing.T) {
	meeting := "The envoy met Atmar in Kabul on Monday to discuss border security."
	tests := []struct {
		name string
		docs func(t *testing.T) []corpus.Doc
		want int // events
	}{
		{"the same sentence in two articles joins", func(t *testing.T) []corpus.Doc {
			return []corpus.Doc{
				makeDoc(t, "a.txt", "A", meeting, td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"}),
				makeDoc(t, "b.txt", "B", meeting, td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"}),
			}
		}, 1},
		{"the same sentence twice in one article stays two events", func(t *testing.T) []corpus.Doc {
			return []corpus.Doc{makeDoc(t, "a.txt", "A", meeting+" "+meeting,
				td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"},
				td{phrase: "Monday", after: "security.", value: "2021-07-26", from: "2021-07-26"})}
		}, 2},
		{"two nested dates of one sentence are one event", func(t *testing.T) []corpus.Doc {
			return []corpus.Doc{makeDoc(t, "a.txt", "A", "In July, the envoy met Atmar on Monday.",
				td{phrase: "July", value: "2021-07", from: "2021-07-01", to: "2021-07-31"},
				td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"})}
		}, 1},
		{"two dates of one sentence that do not nest are two events", func(t *testing.T) []corpus.Doc {
			return []corpus.Doc{makeDoc(t, "a.txt", "A", "The minister said on Monday that the border would reopen on 15 January.",
				td{phrase: "Monday", value: "2021-01-11", from: "2021-01-11"},
				td{phrase: "15 January", value: "2021-01-15", from: "2021-01-15"})}
		}, 2},
		{"the same words on days that differ stay apart", func(t *testing.T) []corpus.Doc {
			return []corpus.Doc{
				makeDoc(t, "a.txt", "A", meeting, td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"}),
				makeDoc(t, "b.txt", "B", meeting, td{phrase: "Monday", value: "2021-08-02", from: "2021-08-02"}),
			}
		}, 2},
		{"a day inside a month joins it; late July does not hold 12 July", func(t *testing.T) []corpus.Doc {
			return []corpus.Doc{
				makeDoc(t, "a.txt", "A", "In late July the envoy met Atmar in Kabul.", td{phrase: "late July", value: "2021-07", mod: "END", from: "2021-07-01", to: "2021-07-31"}),
				makeDoc(t, "b.txt", "B", "On 12 July the envoy met Atmar in Kabul.", td{phrase: "12 July", value: "2021-07-12", from: "2021-07-12"}),
				makeDoc(t, "c.txt", "C", "In July the envoy met Atmar in Kabul.", td{phrase: "July", value: "2021-07", from: "2021-07-01", to: "2021-07-31"}),
			}
		}, 2},
		{"a chain through a third article never joins two reports of one article", func(t *testing.T) []corpus.Doc {
			return []corpus.Doc{
				makeDoc(t, "a.txt", "A", meeting+" Later on Monday the envoy met Atmar again in Kabul.",
					td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"},
					td{phrase: "Monday", after: "Later on ", value: "2021-07-26", from: "2021-07-26"}),
				makeDoc(t, "b.txt", "B", "The envoy met Atmar in Kabul on Monday.", td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"}),
			}
		}, 2},
		{"a threshold above 1 never merges", func(t *testing.T) []corpus.Doc {
			return nil // replaced below
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, opts := tt.docs(t), Options{}
			if docs == nil {
				docs = []corpus.Doc{
					makeDoc(t, "a.txt", "A", meeting, td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"}),
					makeDoc(t, "b.txt", "B", meeting, td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"}),
				}
				opts.MergeThreshold = 1.01
			}
			evs := Build(docs, opts)
			if len(evs) != tt.want {
				for _, e := range evs {
					t.Logf("%s %q %d sources %q", e.Label, e.Title, len(e.Sources), e.Merged)
				}
				t.Fatalf("%d events, want %d", len(evs), tt.want)
			}
			for _, e := range evs {
				files := map[string]bool{}
				for _, s := range e.Sources {
					if files[s.File] {
						t.Errorf("event %q has two sources in %s", e.Title, s.File)
					}
					files[s.File] = true
				}
				if e.Weight != len(files) {
					t.Errorf("event %q: weight %d, want %d", e.Title, e.Weight, len(files))
				}
			}
		})
	}
}

// TestFoldKey checks that foldKey gives two leads one key exactly when strings.EqualFold finds
// them equal, as conflict relies on.
func TestFoldKey(t *testing.T) {
	leads := []string{"Atmar", "ATMAR", "atmar", "Atmaŕ", "Kelvin", "\u212aelvin", "kelvin", "ſtate", "State", "STATE",
		"Σίσυφος", "σίσυφος", "ΣΊΣΥΦΟΣ", "ß", "ẞ", "SS", "İstanbul", "istanbul", "\xff", "\xfe", "\uFFFD", "", "Ǆ", "ǅ", "ǆ"}
	for _, a := range leads {
		for _, b := range leads {
			t.Run(a+"/"+b, func(t *testing.T) {
				if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
					t.Errorf("foldKey(%q) == foldKey(%q) is %v, strings.EqualFold %v", a, b, got, want)
				}
			})
		}
	}
}

// TestDedupe checks that dedupe lists the proposed pairs as sorting and compacting them does,
// including which similarity is kept when a pair's two proposals differ in the last bit.
func TestDedupe(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// n distinct pairs of mentions, in slots of 50, a third of them proposed again in a later
	// slot, differing in the last bit when differ.
	random := func(mentions, n int, differ bool) [][]join {
		slots := make([][]join, n/50+2)
		seen := map[[2]int]bool{}
		for k := 0; k < n; k++ {
			a := rng.IntN(mentions - 1)
			b := a + 1 + rng.IntN(mentions-a-1)
			if seen[[2]int{a, b}] {
				continue
			}
			seen[[2]int{a, b}] = true
			p := join{int32(a), int32(b), float64(rng.IntN(4)+1) / 4}
			slots[k/50] = append(slots[k/50], p)
			if rng.IntN(3) == 0 {
				if differ && rng.IntN(2) == 0 {
					p.sim = math.Nextafter(p.sim, 2)
				}
				later := k/50 + 1 + rng.IntN(len(slots)-k/50-1)
				slots[later] = append(slots[later], p)
			}
		}
		return slots
	}
	for _, tt := range []struct {
		name     string
		mentions int
		n        int
		differ   bool
	}{
		{"equal proposals", 100, 2000, false},
		{"few mentions", 5, 200, false},
		{"few mentions, differing", 5, 200, true},
		{"proposals differing in the last bit", 100, 2000, true},
		{"none", 10, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			slots := random(tt.mentions, tt.n, tt.differ)
			want := dedupeSorted(slices.Concat(slots...))
			got := dedupe(slots, tt.mentions)
			if !slices.Equal(got, want) {
				t.Errorf("dedupe gave %d pairs, sorting %d, or other similarities", len(got), len(want))
			}
		})
	}
}

// TestDateKeys checks that the numbers joinPairs compares dates by order them as
// extract.Date.Compare does, for calendar dates and, through their ranks, for others.
func TestDateKeys(t *testing.T) {
	for _, tt := range []struct {
		name  string
		dates []extract.Date
	}{
		{"calendar dates", []extract.Date{{Year: 2021, Month: 7, Day: 26}, {Year: 2021, Month: 8, Day: 1}, {Year: 1999, Month: 12, Day: 31},
			{Year: 2021, Month: 7, Day: 31}, {Year: -44, Month: 3, Day: 15}, {Year: 2021, Month: 7, Day: 26}}},
		{"not calendar dates", []extract.Date{{Year: 2021, Month: 13, Day: 1}, {Year: 2021, Month: 12, Day: 40}, {Year: 2021, Month: 12, Day: 31},
			{Year: 5_000_000, Month: 1, Day: 1}, {Year: 2022, Month: 1, Day: 1}, {Year: 2021, Month: -1, Day: 3}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ms := make([]mention, len(tt.dates))
			for i, d := range tt.dates {
				ms[i].from, ms[i].to, ms[i].days = d, d, 1
			}
			ix := newIndex(mentionRefs(ms))
			keys := map[extract.Date]int32{}
			for i := range ms {
				keys[ms[i].from], keys[ms[i].to] = ix.fromKey[i], ix.toKey[i]
			}
			for a, ka := range keys {
				for b, kb := range keys {
					if got, want := cmp.Compare(ka, kb), a.Compare(b); got != want {
						t.Errorf("%v against %v: keys compare %d, dates %d", a, b, got, want)
					}
				}
			}
		})
	}
}
