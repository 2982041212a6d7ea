//go:build unix

package render

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timeline-news/timeline"
)

func TestLockOutputKeepsBuildsApart(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	unlock, err := lockOutput(context.Background(), out, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := lockOutput(ctx, out, &log); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second build while the first runs: got %v, want it to wait until its context ends", err)
	}
	if !strings.Contains(log.String(), "waiting for another build of "+out) {
		t.Errorf("the waiting build said %q, want it to say what it waits for", log.String())
	}
	unlock()
	unlock2, err := lockOutput(context.Background(), out, &strings.Builder{})
	if err != nil {
		t.Fatalf("once the first build is done: %v", err)
	}
	unlock2()
}

func TestLockOutputRemovesLeftStaging(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	for _, p := range []string{
		".public.building-123/events/x.html",  // a build killed while rendering
		".public.building-456.old/index.html", // one killed while swapping in its site
		"public/index.html",                   // the site
		".publicity.building-789/index.html",  // another site's staging
		"other/index.html",
	} {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	unlock, err := lockOutput(context.Background(), out, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	for p, want := range map[string]bool{
		".public.building-123": false, ".public.building-456.old": false,
		"public/index.html": true, ".publicity.building-789": true, "other": true, ".public.lock": false,
	} {
		_, err := os.Stat(filepath.Join(dir, p))
		if got := err == nil; got != want {
			t.Errorf("%s exists: %v, want %v", p, got, want)
		}
	}
}

// TestLockOutputDiesWithItsProcess kills a process holding the lock: a killed build must not
// leave its site locked.
func TestLockOutputDiesWithItsProcess(t *testing.T) {
	if out := os.Getenv("TIMELINE_TEST_HOLD_LOCK"); out != "" {
		if _, err := lockOutput(context.Background(), out, os.Stderr); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockOutputDiesWithItsProcess$")
	cmd.Env = append(os.Environ(), "TIMELINE_TEST_HOLD_LOCK="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "held\n" {
		cmd.Process.Kill()
		t.Fatalf("the holding process said %q (%v)", line, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	if _, err := lockOutput(ctx, out, &strings.Builder{}); err == nil {
		t.Error("took the lock while another process held it")
	}
	cancel()
	cmd.Process.Kill()
	cmd.Wait()
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	unlock, err := lockOutput(ctx, out, &strings.Builder{})
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	unlock()
}

// TestBuildClearsKilledBuilds builds a site beside the staging folder of a build killed half
// way, and while another holds the site's lock: the build waits for it, then removes the
// leftover and leaves nothing else beside the site.
func TestBuildClearsKilledBuilds(t *testing.T) {
	root := newSiteDir(t, `title = "T"`)
	left := filepath.Join(root, ".public.building-killed", "events", "x.html")
	os.MkdirAll(filepath.Dir(left), 0o755)
	os.WriteFile(left, []byte("half a page"), 0o644)
	unlock, err := lockOutput(context.Background(), filepath.Join(root, "public"), &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := Build(context.Background(), cfg, BuildOptions{Theme: timeline.Theme})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("the build ran while another held the site (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("%s is left beside the site", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public", "index.html")); err != nil {
		t.Error(err)
	}
}
