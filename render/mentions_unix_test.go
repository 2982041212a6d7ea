//go:build unix

package render

import (
	"io"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/timeline-news/timeline/events"
)

// TestMentionsPackNamedPipe: a named pipe where the pack should be is a miss, not a build
// that waits forever for a writer.
func TestMentionsPackNamedPipe(t *testing.T) {
	docs := loadDocs(t, "../content")
	state := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(state, mentionsPackName), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() {
		_, hits := collectMentions(state, "v", docs, events.Options{}, io.Discard)
		done <- hits
	}()
	select {
	case hits := <-done:
		if hits != 0 {
			t.Errorf("%d articles taken from a named pipe", hits)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("collectMentions blocked on a named pipe in place of the pack")
	}
}
