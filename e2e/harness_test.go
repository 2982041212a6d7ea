// Package e2e tests the built demo site in a real browser: Debian's chromium, driven with
// chromedp, against the site served on loopback under a sub-path (as on GitHub Pages).
//
// By default they build the demo site (site.toml) with the timeline command; E2E_SITE=DIR tests
// a site already built in DIR instead.
//
// ./test.sh installs chromium and axe-core (npm ci in this folder) when they are missing. Without
// chromium the tests fail under CI=true and are skipped, with a message, elsewhere.
package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// sitePrefix is the sub-path the demo site is served under, as a project site on GitHub Pages
// is; bigPrefix serves a generated timeline large enough to be split into pages by year.
const (
	sitePrefix = "/timeline/"
	bigPrefix  = "/big/"
)

// shared is built once per test binary: the demo site, its server and one browser.
var shared struct {
	once    sync.Once
	err     error
	tmp     string
	siteDir string
	bin     string // the timeline command, built from this module
	server  *httptest.Server
	big     struct {
		once sync.Once
		err  error
	}
	browser context.Context // a chromedp context holding the browser; tabs derive from it
	stop    func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	if shared.server != nil {
		shared.server.Close()
	}
	if shared.tmp != "" {
		os.RemoveAll(shared.tmp)
	}
	os.Exit(code)
}

// chromiumPath finds the browser: $CHROMIUM when set, else chromium on PATH or in /usr/bin.
func chromiumPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("$CHROMIUM=%s: %v", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "/usr/bin/chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("chromium not found (./test.sh installs it: apt-get install -y chromium)")
}

// needBrowser returns the path to chromium, or ends the test: a failure under CI=true, a skip
// with the reason elsewhere.
func needBrowser(t testing.TB) string {
	t.Helper()
	p, err := chromiumPath()
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%v; CI=true, so this is a failure, not a skip", err)
	}
	t.Skipf("%v; skipping the browser tests (they fail instead under CI=true)", err)
	return ""
}

// repoRoot is the module root, two levels up from this file.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// goTool is the go command that runs these tests.
func goTool() string {
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	return "go"
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// buildCLI compiles cmd/timeline into dir and returns its path.
func buildCLI(dir string) (string, error) {
	bin := filepath.Join(dir, "bin", "timeline")
	cmd := exec.Command(goTool(), "build", "-o", bin, "./cmd/timeline")
	cmd.Dir = repoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/timeline: %v\n%s", err, out)
	}
	return bin, nil
}

// buildSite runs `timeline build --config CONFIG --out OUT --base-url BASE` and returns its
// output on failure.
func buildSite(bin, config, out, base string) error {
	cmd := exec.Command(bin, "build", "--config", config, "--out", out, "--base-url", base)
	cmd.Dir = filepath.Dir(config)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("timeline build --config %s --out %s: %v\n%s", config, out, err, b)
	}
	return nil
}

// site builds the demo site, serves it and starts the browser, once; it returns the URL of the
// site's root. Tests that call it fail (or skip, see needBrowser) without chromium.
func site(t *testing.T) string {
	t.Helper()
	exe := needBrowser(t)
	shared.once.Do(func() { shared.err = start(exe) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.server.URL + sitePrefix
}

// bigSite generates 200 articles (bench/gen; well over a thousand events, so the timeline is
// split by year), builds and serves them, once; it returns the URL of that site's root.
func bigSite(t *testing.T) string {
	t.Helper()
	site(t)
	shared.big.once.Do(func() {
		src := filepath.Join(shared.tmp, "big-src")
		gen := exec.Command(goTool(), "run", "./bench/gen", "-n", "200", "-out", filepath.Join(src, "content"))
		gen.Dir = repoRoot()
		if out, err := gen.CombinedOutput(); err != nil {
			shared.big.err = fmt.Errorf("bench/gen: %v\n%s", err, out)
			return
		}
		config := filepath.Join(src, "site.toml")
		if err := os.WriteFile(config, []byte("title = \"A generated timeline\"\ncontent = \"content\"\n"), 0o644); err != nil {
			shared.big.err = err
			return
		}
		shared.big.err = buildSite(shared.bin, config, filepath.Join(shared.tmp, "big"), shared.server.URL+bigPrefix)
	})
	if shared.big.err != nil {
		t.Fatal(shared.big.err)
	}
	return shared.server.URL + bigPrefix
}

func start(exe string) error {
	tmp, err := os.MkdirTemp("", "timeline-e2e-")
	if err != nil {
		return err
	}
	shared.tmp = tmp
	mux := http.NewServeMux()
	for _, prefix := range []string{sitePrefix, bigPrefix} {
		dir := http.Dir(filepath.Join(tmp, strings.Trim(prefix, "/")))
		mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(dir)))
	}
	shared.server = httptest.NewServer(mux)
	if shared.bin, err = buildCLI(tmp); err != nil {
		return err
	}
	if dir := os.Getenv("E2E_SITE"); dir != "" {
		if err := os.Symlink(dir, filepath.Join(tmp, "timeline")); err != nil {
			return err
		}
		shared.siteDir = dir // a site built elsewhere, to test it as it is
	} else {
		shared.siteDir = filepath.Join(tmp, "timeline")
		// The base URL makes the 404 page, which is served at any depth, link to the right place.
		if err := buildSite(shared.bin, filepath.Join(repoRoot(), "site.toml"), shared.siteDir, shared.server.URL+sitePrefix); err != nil {
			return err
		}
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // root in containers and CI
		chromedp.DisableGPU,
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
		chromedp.WindowSize(1280, 900),
		// The machine is offline: nothing may try to reach the network in the background.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", false),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	shared.stop = func() { cancelBrowser(); cancelAlloc() }
	// Start the browser now, so a broken install is reported once, clearly. (The first action on
	// a context starts the browser and binds it to that context: it must not be a shorter-lived
	// child.)
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		return fmt.Errorf("starting %s: %v", exe, err)
	}
	shared.browser = browser
	return nil
}

// tab is one browser tab for one test, with the page's console collected.
type tab struct {
	t    *testing.T
	ctx  context.Context
	root string // the site's root URL
	log  *consoleLog
}

// consoleLog collects what the pages of a tab write to the console.
type consoleLog struct {
	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

// in is the same tab reporting to t, for use in a subtest.
func (tb *tab) in(t *testing.T) *tab { c := *tb; c.t = t; return &c }

// newTab opens a tab at a desktop size. When the test ends it fails the test on any console
// error or uncaught exception the pages produced, and closes the tab.
func newTab(t *testing.T) *tab {
	t.Helper()
	root := site(t)
	ctx, cancel := chromedp.NewContext(shared.browser)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	tb := &tab{t: t, ctx: ctx, root: root, log: &consoleLog{}}
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			tb.log.mu.Lock()
			tb.log.msgs = append(tb.log.msgs, m)
			tb.log.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancelTime()
		cancel()
		<-done
		for _, m := range tb.log.msgs {
			if m.IsException() || m.Type == chromedp.ConsoleError {
				t.Errorf("browser console %s at %s:%d: %s", m.Type, m.URL, m.Line+1, m.Text)
			}
		}
	})
	tb.do(chromedp.EmulateViewport(1280, 900))
	return tb
}

// do runs actions and fails the test on error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

// open loads a page of the site by its path from the root ("", "sources/", "?q=x") and waits
// for the reader script to be done with it.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.root + path))
	tb.settle()
}

// settle waits until the page has loaded and, where there is a search form, until the script
// has shown it and is not busy loading the search index.
func (tb *tab) settle() {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](`(() => { const f = document.getElementById("finder");
		return document.readyState === "complete" && (!f || (!f.hidden && f.dataset.state !== "loading")); })()`,
		chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		tb.t.Fatalf("page %s did not settle: %v", tb.location(), err)
	}
}

// ready waits until the search form has its index (the script loads it on first use).
func (tb *tab) ready() {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](`document.getElementById("finder").dataset.state === "ready"`,
		chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		state := eval[string](tb, `document.getElementById("finder").dataset.state || "(not requested)"`)
		tb.t.Fatalf("the search index did not load on %s: state %s: %v", tb.location(), state, err)
	}
}

// eval runs JavaScript and decodes its result into T, failing the test on error.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

func (tb *tab) location() string {
	loc, _ := chromedp.Run(tb.ctx, chromedp.Location())
	return loc
}

// keys presses keys on whatever has focus, as a user would.
func (tb *tab) keys(keys string) {
	tb.t.Helper()
	tb.do(press(keys))
}

// press types keys as a physical keyboard does: a keydown that carries the key's text, then a
// keyup. (chromedp.KeyEvent sends the text as a separate "char" event, which a page cannot
// cancel from its keydown handler as it can a real key press.)
func press(keys string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, r := range keys {
			var down, up input.DispatchKeyEventParams
			for _, e := range kb.Encode(r) {
				switch e.Type {
				case kb.KeyDown:
					down = *e
				case kb.KeyChar:
					down.Text, down.UnmodifiedText = e.Text, e.UnmodifiedText
				case kb.KeyUp:
					up = *e
				}
			}
			for _, e := range []input.DispatchKeyEventParams{down, up} {
				if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, e); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
