package events

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/corpus"
)

// TestDemoEndToEnd runs the real extractor on the demo content and checks the merges the
// issue asks for. Unlike the tests above it depends on the extractor's resolutions.
func TestDemoEndToEnd(t *testing.T) {
	docs, _, err := corpus.Load(context.Background(), []string{"../content"}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evs := Build(docs, Options{})
	envoy := findEvent(t, evs, demo000, "late July", "Atmar")
	if monday := findEvent(t, evs, demo002, "Monday", "Atmar"); monday.ID != envoy.ID {
		t.Errorf("the envoy's meeting with Atmar is two events: %s %q and %s %q", envoy.Label, envoy.Title, monday.Label, monday.Title)
	}
	if envoy.Label != "26 July 2021" || envoy.Weight != 2 {
		t.Errorf("the envoy's meeting: label %q weight %d, want 26 July 2021, weight 2", envoy.Label, envoy.Weight)
	}
	statement := findEvent(t, evs, demo001, "Friday", "issued a statement")
	reassured := findEvent(t, evs, demo001, "Friday", "Mousavi reassured")
	if statement.ID == reassured.ID {
		t.Error("Khatibzadeh's statement and Mousavi reassuring journalists, both on Friday, became one event")
	}
	if statement.Label != "13 August 2021" || reassured.Label != "13 August 2021" {
		t.Errorf("the Friday events are labelled %q and %q, want 13 August 2021", statement.Label, reassured.Label)
	}
	for _, e := range evs {
		for _, s := range e.Sources {
			if strings.Contains(s.Sentence, "today is the time to act") || strings.Contains(s.Sentence, "Tomorrow will be too late") {
				t.Errorf("a generic use became an event: %q", s.Sentence)
			}
		}
	}
	if again := Build(docs, Options{}); !reflect.DeepEqual(evs, again) {
		t.Error("two runs on the same articles give different events")
	}
}
