package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeSite makes a small site folder with one article and returns its site.toml.
func writeSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"site.toml": "title = \"Test site\"\n",
		"content/a.md": "+++\ntitle = \"First title\"\ndate = 2021-08-14\nlicense = \"CC BY 4.0\"\n+++\n" +
			"The Taliban took Herat on Friday. On August 6 they took Zaranj.\n",
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(root, "site.toml")
}

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuildCommand(t *testing.T) {
	config := writeSite(t)
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runCmd(t, "build", "--config", config, "--out", out, "--base-url", "https://user.github.io/repo")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "built ") {
		t.Errorf("no summary on stderr: %q", stderr)
	}
	if home, _ := os.ReadFile(filepath.Join(out, "index.html")); bytes.Contains(home, []byte("_timeline")) {
		t.Error("the built site carries the live-reload script of serve")
	}
	sitemap, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil || !bytes.Contains(sitemap, []byte("https://user.github.io/repo/articles/2021/a.html")) {
		t.Errorf("--base-url not applied to the sitemap: %v %s", err, sitemap)
	}

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing config", []string{"build", "--config", filepath.Join(t.TempDir(), "site.toml")}, 1, "timeline init"},
		{"argument", []string{"build", "content"}, 2, "takes no arguments"},
		{"bad base URL", []string{"build", "--config", config, "--base-url", "ftp://x"}, 1, "--base-url"},
		{"output is the content", []string{"build", "--config", config, "--out", filepath.Join(filepath.Dir(config), "content")}, 1, "refusing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, tc.code, tc.want)
			}
		})
	}
}

func TestBuildStrict(t *testing.T) {
	config := writeSite(t)
	os.WriteFile(filepath.Join(filepath.Dir(config), "content", "bad.md"), []byte("+++\ntitle = \n+++\nText.\n"), 0o644)
	out := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCmd(t, "build", "--config", config, "--out", out, "--strict"); code != 1 || !strings.Contains(stderr, "bad.md") {
		t.Errorf("--strict with a bad article: exit %d, stderr %q; want 1 naming bad.md", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed strict build wrote the site")
	}
	if code, _, stderr := runCmd(t, "build", "--config", config, "--out", out); code != 0 || !strings.Contains(stderr, "bad.md") {
		t.Errorf("default build with a bad article: exit %d, stderr %q; want 0 naming bad.md", code, stderr)
	}
}

func TestInitCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new-site")
	if code, _, stderr := runCmd(t, "init", "--theme", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"site.toml", "README.md", ".gitignore", "content/2021-08-06-sample.md", "templates/base.html", "static/style.css"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	// The scaffold builds as it is, with every setting commented.
	if code, _, stderr := runCmd(t, "build", "--config", filepath.Join(dir, "site.toml")); code != 0 {
		t.Fatalf("building the new site: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Error("the new site has no home page")
	}
	// A second init never overwrites.
	if code, _, stderr := runCmd(t, "init", dir); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("init over an existing site: exit %d, %q", code, stderr)
	}
	if code, _, _ := runCmd(t, "init"); code != 2 {
		t.Errorf("init with no folder: exit %d, want 2", code)
	}
}

func TestServeRefusesNonLoopback(t *testing.T) {
	config := writeSite(t)
	if code, _, stderr := runCmd(t, "serve", "--config", config, "--addr", "0.0.0.0:0"); code != 2 || !strings.Contains(stderr, "loopback") {
		t.Errorf("exit %d, %q; want 2 and a word on loopback", code, stderr)
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine to write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServe(t *testing.T) {
	config := writeSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--config", config, "--addr", "127.0.0.1:0", "--poll", "50ms"}, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v (stderr %s)", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	i := strings.Index(line, "http://127.0.0.1:")
	if i < 0 {
		t.Fatalf("no loopback URL in %q", line)
	}
	base := strings.Fields(line[i:])[0]

	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status := func() (float64, string) {
		_, body := get("/_timeline/build")
		var s struct {
			ID    float64 `json:"id"`
			Error string  `json:"error"`
		}
		json.Unmarshal([]byte(body), &s)
		return s.ID, s.Error
	}
	buildID := func() float64 { id, _ := status(); return id }
	waitBuild := func(after float64) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for buildID() == after {
			if time.Now().After(deadline) {
				t.Fatalf("no rebuild within 10 s of a change (stderr: %s)", stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	code, home := get("/")
	if code != 200 || !strings.Contains(home, "Test site") || !strings.Contains(home, "/_timeline/live.js") {
		t.Fatalf("home: %d, live-reload script present %v", code, strings.Contains(home, "/_timeline/live.js"))
	}
	if code, _ := get("/_timeline/live.js"); code != 200 {
		t.Errorf("live.js: %d", code)
	}
	if code, body := get("/no/such/page/"); code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("missing page: %d", code)
	}
	if code, page := get("/articles/2021/a.html"); code != 200 || !strings.Contains(page, "First title") {
		t.Fatalf("article page: %d", code)
	}

	// Change the article: the site rebuilds and the page shows the new title.
	before := buildID()
	article := filepath.Join(filepath.Dir(config), "content", "a.md")
	data, _ := os.ReadFile(article)
	os.WriteFile(article, bytes.Replace(data, []byte("First title"), []byte("Second title"), 1), 0o644)
	waitBuild(before)
	if _, page := get("/articles/2021/a.html"); !strings.Contains(page, "Second title") {
		t.Error("the rebuilt page does not show the change")
	}
	// The rebuild was incremental: it rendered the pages the title is on, and kept the rest.
	if log := stderr.String(); !strings.Contains(log, "files rendered, the rest kept from the last build") {
		t.Errorf("the rebuild rendered the whole site again:\n%s", log)
	}

	// A broken template: the build fails, the error is reported, the last good site stays.
	before = buildID()
	tdir := filepath.Join(filepath.Dir(config), "templates")
	os.MkdirAll(tdir, 0o755)
	os.WriteFile(filepath.Join(tdir, "event.html"), []byte(`{{define "main"}}{{.Nope`), 0o644)
	waitBuild(before)
	if _, msg := status(); !strings.Contains(msg, "event.html") {
		t.Errorf("build error not reported: %q", msg)
	}
	if code, page := get("/articles/2021/a.html"); code != 200 || !strings.Contains(page, "Second title") {
		t.Error("after a failed rebuild the last good site is not served")
	}

	// The built output itself carries no live-reload script: only served pages get it.
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after cancel: %s", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop when its context was cancelled")
	}
}

// TestBuildCache checks the extraction cache of timeline build: one pack file beside site.toml,
// left as it is by a build where nothing changed, grown by a new article and, once the article
// is gone again, the same bytes as before it came.
func TestBuildCache(t *testing.T) {
	config := writeSite(t)
	root := filepath.Dir(config)
	out := filepath.Join(t.TempDir(), "site")
	build := func() []byte {
		t.Helper()
		if code, _, stderr := runCmd(t, "build", "--config", config, "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		packs, _ := filepath.Glob(filepath.Join(root, ".timeline-cache", "x-*", "entries.pack"))
		if len(packs) != 1 {
			t.Fatalf("cache packs: %v, want one", packs)
		}
		data, err := os.ReadFile(packs[0])
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	first := build()
	if again := build(); !bytes.Equal(again, first) {
		t.Error("a build where nothing changed changed the cache")
	}
	// Once the articles are old enough for their stamps to vouch for them, a build finds the
	// site up to date without reading any: the cache, which it did not use, stays whole.
	time.Sleep(2100 * time.Millisecond)
	build() // stamps the articles, now older than the racy margin
	if again := build(); !bytes.Equal(again, first) {
		t.Error("a build found up to date by the stamps changed the cache")
	}
	extra := filepath.Join(root, "content", "b.md")
	os.WriteFile(extra, []byte("+++\ntitle = \"Second\"\ndate = 2021-08-20\n+++\nKabul fell on Sunday.\n"), 0o644)
	if grown := build(); len(grown) <= len(first) {
		t.Errorf("the cache did not grow with a new article: %d bytes, was %d", len(grown), len(first))
	}
	os.Remove(extra)
	if pruned := build(); !bytes.Equal(pruned, first) {
		t.Error("the removed article's entry is still in the cache")
	}
}
