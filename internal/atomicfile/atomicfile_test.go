package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.bin")
	if err := WriteFile(path, []byte("first")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("after WriteFile: %v, mode %v; want 0644", err, info.Mode())
	}

	t.Run("a failing writer leaves the old file and no temporary one", func(t *testing.T) {
		boom := errors.New("boom")
		err := Write(path, func(w io.Writer) error {
			w.Write([]byte("half of the second"))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Errorf("err = %v, want boom", err)
		}
		if b, _ := os.ReadFile(path); string(b) != "first" {
			t.Errorf("file = %q, want the old %q", b, "first")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("folder holds %d files, want only the target", len(entries))
		}
	})

	t.Run("a complete write replaces the file", func(t *testing.T) {
		if err := Write(path, func(w io.Writer) error {
			_, err := io.WriteString(w, "second")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); string(b) != "second" {
			t.Errorf("file = %q, want %q", b, "second")
		}
	})

	t.Run("a missing folder is an error, not a panic", func(t *testing.T) {
		if err := WriteFile(filepath.Join(dir, "no", "such", "x"), nil); err == nil {
			t.Error("no error writing into a missing folder")
		}
	})
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "entries.pack")
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	files := map[string]time.Time{
		"entries.pack":          now.Add(-48 * time.Hour), // the file itself: kept
		".entries.pack.tmp-111": now.Add(-2 * time.Hour),  // left by a killed run: removed
		".entries.pack.tmp-222": now.Add(-time.Minute),    // another run's, under way: kept
		".other.pack.tmp-333":   now.Add(-2 * time.Hour),  // another file's: kept
		"notes.tmp-444":         now.Add(-2 * time.Hour),  // not a temporary of ours: kept
	}
	for name, mtime := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	RemoveStale(path, now)
	for name := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != (name == ".entries.pack.tmp-111") {
			t.Errorf("%s: removed = %v", name, gone)
		}
	}
	RemoveStale(filepath.Join(dir, "missing", "x"), now) // a missing folder: nothing to do, no panic
}
