package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/events"
)

func TestEventsCommand(t *testing.T) {
	t.Run("json array of the demo content", func(t *testing.T) {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"events", "--format", "json", "../../content"}, &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		var evs []events.Event
		if err := json.Unmarshal(out.Bytes(), &evs); err != nil {
			t.Fatalf("output is not a JSON array of events: %v", err)
		}
		if len(evs) == 0 {
			t.Fatal("no events from the demo content")
		}
		for _, e := range evs {
			if e.ID == "" || e.Label == "" || len(e.Sources) == 0 || e.Weight < 1 {
				t.Errorf("incomplete event %+v", e)
			}
		}
	})
	t.Run("jsonl, no PATH: the content folder of site.toml", func(t *testing.T) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "articles"), 0o755)
		os.WriteFile(filepath.Join(dir, "site.toml"), []byte("content = \"articles\"\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte("+++\ntitle = \"A\"\ndate = 2021-08-14\n+++\nThe minister met the envoy in Kabul on 3 August 2021.\n"), 0o644)
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{"events", "--config", filepath.Join(dir, "site.toml")}, &out, &errb)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		var e events.Event
		if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &e) != nil || e.Label != "3 August 2021" {
			t.Errorf("want one JSON line for 3 August 2021, got %q", out.String())
		}
	})
	for _, args := range [][]string{{"events", "--format", "xml", "x"}, {"events", "--threshold", "-1", "x"}} {
		t.Run("usage error "+strings.Join(args[1:], " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(context.Background(), args, &out, &errb); code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errb.String())
			}
		})
	}
	t.Run("missing path fails", func(t *testing.T) {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"events", "no/such/folder"}, &out, &errb); code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
	})
}
