// Package atomicfile writes files that readers see whole or not at all: the data goes to a
// temporary file beside the target, renamed over it once complete. A failure removes the
// temporary file and leaves the target as it was. The caches and the site's bookkeeping files
// are written this way, so that a build stopped at any point never leaves half a file.
package atomicfile

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// WriteFile writes data to path, readable by all (0644) as os.WriteFile would make it.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes what fill writes to path, through a buffer: for files made in many pieces.
func Write(path string, fill func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	err = fill(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes files only their owner can read
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// tempPrefix starts the names of path's temporary files: hidden, and named after it.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// StaleAge is how old a temporary file must be before RemoveStale takes it for one left by a
// process that was stopped while writing: no write takes this long, and a newer one may be
// another process's, under way.
const StaleAge = time.Hour

// RemoveStale removes the temporary files of path older than StaleAge, left behind by a
// process killed while writing it (in a site's output folder they would be published). Best
// effort: what cannot be listed or removed stays.
func RemoveStale(path string, now time.Time) {
	dir, prefix := filepath.Dir(path), tempPrefix(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > StaleAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
