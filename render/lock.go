package render

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// lockOutput takes the lock of the output folder out: a file beside it (".public.lock"), held
// for the whole build, so that two builds of one site (a `timeline build` while `timeline
// serve` runs, two terminals) never write the same folder at once. It waits while another
// build holds the lock, saying so once on log, until ctx ends. The operating system lets go
// of a lock when its process dies, so a killed build never leaves a site locked; the file is
// removed when the build ends, so that it is seen only while one runs.
//
// Once the lock is held no other build of out is under way, so the staging folders beside out
// (".public.building-*") are what killed builds left: they are removed, in the background
// while this build runs. unlock waits for that removal, then lets go of the lock.
func lockOutput(ctx context.Context, out string, log io.Writer) (unlock func(), err error) {
	path := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
	said := false
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("output: %v", err)
		}
		held, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("output: locking %s: %v", path, err)
		}
		if held && samePath(f, path) {
			return unlocker(f, path, out), nil
		}
		f.Close()
		if held {
			continue // the file was removed by the build that held it: lock the new one
		}
		if !said {
			fmt.Fprintf(log, "waiting for another build of %s to finish (it holds %s)\n", out, path)
			said = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// samePath reports whether f is still the file at path.
func samePath(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// unlocker starts removing what killed builds left, and returns the function that waits for
// that, then removes the lock file (so that it lasts no longer than the build, like the
// staging folder) and lets go of the lock. Removing it before letting go is what makes the
// other builds' samePath check enough.
func unlocker(f *os.File, path, out string) func() {
	var left []string // listed now, before this build makes its own staging folder
	if lockable {
		left, _ = filepath.Glob(stagingPattern(out))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, dir := range left {
			os.RemoveAll(dir)
		}
	}()
	return func() {
		<-done
		if lockable {
			os.Remove(path)
			f.Close()
		} else {
			f.Close()
			os.Remove(path)
		}
	}
}

// stagingPattern matches the staging folders of builds of out (os.MkdirTemp names them
// ".public.building-123", and swap moves the old site aside as ".public.building-123.old").
func stagingPattern(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".building-*")
}
