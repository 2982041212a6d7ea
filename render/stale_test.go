package render

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestBuildRemovesStaleTemporaries: a build clears the temporary files an earlier build killed
// while writing left in the output (where they would be published) and in the state folder,
// and leaves recent ones, which may be another build's under way.
func TestBuildRemovesStaleTemporaries(t *testing.T) {
	root := newSiteDir(t, `title = "T"`+"\n")
	state := filepath.Join(root, ".timeline-cache", "sites")
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	if _, err := build(t, root, nil, BuildOptions{StateDir: state, Now: now}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "public")
	plant := func(dir, name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("half a file"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	manifest := filepath.Base(manifestPath(state, out))
	stale := []string{
		plant(out, "."+markerFile+".tmp-1", 3*time.Hour),
		plant(state, "."+manifest+".tmp-2", 3*time.Hour),
		plant(state, "."+mentionsPackName+".tmp-3", 3*time.Hour),
	}
	recent := plant(out, "."+markerFile+".tmp-4", time.Minute)
	if _, err := build(t, root, nil, BuildOptions{StateDir: state, Now: now}); err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s: a stale temporary file is still there", p)
		}
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a recent temporary file (another build's, maybe) was removed: %v", err)
	}
}
