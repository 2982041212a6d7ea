package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
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
