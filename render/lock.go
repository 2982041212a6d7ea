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
// of a lock when its process dies, so a killed build never leaves a site locked.
//
// Once the lock is held no other build of out is under way, so the staging folders beside out
// (".public.building-*") are what killed builds left: they are removed, in the background
// while this build runs. unlock waits for that removal, then lets go of the lock.
func lockOutput(ctx context.Context, out string, log io.Writer) (unlock func(), err error) {
	path := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output: %v", err)
	}
	for said := false; ; {
		held, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("output: locking %s: %v", path, err)
		}
		if held {
			break
		}
		if !said {
			fmt.Fprintf(log, "waiting for another build of %s to finish (it holds %s)\n", out, path)
			said = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if lockable {
			removeStaging(out)
		}
	}()
	return func() {
		<-done
		f.Close() // lets go of the lock
	}, nil
}

// stagingPattern matches the staging folders of builds of out (os.MkdirTemp names them
// ".public.building-123", and swap moves the old site aside as ".public.building-123.old").
func stagingPattern(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".building-*")
}

// removeStaging removes the staging folders killed builds of out left behind.
func removeStaging(out string) {
	left, _ := filepath.Glob(stagingPattern(out))
	for _, dir := range left {
		os.RemoveAll(dir)
	}
}
