package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/timeline-news/timeline"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/render"
)

var serveCmd = &command{
	name:    "serve",
	summary: "build, serve on loopback and rebuild on change",
	usage:   "timeline serve [--config FILE] [--addr 127.0.0.1:1313]",
	help: `
Builds the site into a temporary folder (the output folder of site.toml is
left alone) and serves it on a loopback address for preview. It watches the
content folder, the site's templates and static folders and site.toml, and
rebuilds when any of them changes; open pages reload by themselves (a small
script that exists only while serving, never in the built site). Rebuilds
are incremental: only the pages whose data changed are rendered again. A
failed rebuild keeps the last good site and shows the error on the page.

Only loopback addresses are accepted: this is a preview server, not a
production one. Use port 0 to pick any free port.

Examples:
  timeline serve
  timeline serve --config demo/site.toml --addr 127.0.0.1:8080`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		config := fs.String("config", "site.toml", "the site's settings `file`; its folder is the site root")
		addr := fs.String("addr", "127.0.0.1:1313", "loopback `address` to listen on (host:port)")
		poll := fs.Duration("poll", 500*time.Millisecond, "how often to look for changed files")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if len(args) > 0 {
				return usagef("serve takes no arguments (got %q); name the site with --config", args[0])
			}
			if err := checkLoopback(*addr); err != nil {
				return err
			}
			if *poll <= 0 {
				return usagef("--poll must be positive")
			}
			if _, err := loadSiteConfig(*config, "", ""); err != nil {
				return err
			}
			ln, err := net.Listen("tcp", *addr)
			if err != nil {
				return fmt.Errorf("%v (is another server running? choose another port with --addr 127.0.0.1:PORT)", err)
			}
			tmp, err := os.MkdirTemp("", "timeline-serve-")
			if err != nil {
				ln.Close()
				return err
			}
			defer os.RemoveAll(tmp)
			s := &server{config: *config, baseURL: "http://" + ln.Addr().String() + "/", tmp: tmp, log: stderr}
			s.rebuild(ctx, s.fingerprint())
			fmt.Fprintf(stdout, "Serving the site at %s (Ctrl-C to stop)\n", s.baseURL)
			go s.watch(ctx, *poll)
			srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
			go func() {
				<-ctx.Done()
				shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				defer cancel()
				srv.Shutdown(shutdown)
			}()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		}
	},
}

// checkLoopback accepts only host:port on a loopback address (or localhost).
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return usagef("--addr %q: serve listens on loopback only (127.0.0.1, ::1 or localhost)", addr)
	}
	return nil
}

// server builds the site into tmp/site and serves it. Builds are incremental (their state
// is kept in tmp/state): a rebuild renders only the pages whose data changed, and changes the
// folder only once it has succeeded, holding swapping meanwhile; a failed one leaves the last
// good site in place.
type server struct {
	config  string
	baseURL string
	tmp     string
	log     io.Writer

	swapping sync.RWMutex // held for writing while a build changes the site, for reading while serving a file

	mu     sync.Mutex
	dir    string // the folder being served, once a build has succeeded
	id     int    // increases with each build
	errMsg string // the last build's error, "" when it succeeded
	print  string // fingerprint of the watched files at the last build
}

// rebuild reads site.toml afresh and builds the site again; print is the fingerprint of the
// watched files, taken before the build, so that a change made during it is seen next time.
func (s *server) rebuild(ctx context.Context, print string) {
	out := filepath.Join(s.tmp, "site")
	start := time.Now()
	cfg, err := loadSiteConfig(s.config, out, s.baseURL)
	var res *render.Result
	if err == nil {
		cache := openCache(cfg.Root, s.log)
		res, err = render.Build(ctx, cfg, render.BuildOptions{Theme: timeline.Theme, Now: time.Now(), Cache: cache,
			StateDir: filepath.Join(s.tmp, "state"), Version: corpus.ExtractorVersion(), Swapping: &s.swapping})
		saveCache(cache, res, err, s.log)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.print = print
	if err != nil {
		s.errMsg = err.Error()
		s.id++ // the page reloads to show the error
		fmt.Fprintf(s.log, "build failed: %v\n", err)
		return
	}
	s.dir, s.errMsg = out, ""
	s.id++
	fmt.Fprintf(s.log, "built: %d articles, %d events, %d pages%s in %.2fs", res.Articles, res.Events, res.Pages, keptNote(res), time.Since(start).Seconds())
	if len(res.Problems) > 0 {
		fmt.Fprintf(s.log, "; %d problem(s), see %sreport/", len(res.Problems), s.baseURL)
	}
	fmt.Fprintln(s.log)
}

// watch polls the site's files and rebuilds when they change. It waits at least every
// between looks, and ten times as long as the last look took: on a large archive a look is
// tens of thousands of stats, and the server must not spend a core on them.
func (s *server) watch(ctx context.Context, every time.Duration) {
	wait := every
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		s.mu.Lock()
		last := s.print
		s.mu.Unlock()
		start := time.Now()
		print := s.fingerprint()
		wait = max(every, 10*time.Since(start))
		if print != last {
			s.rebuild(ctx, print)
		}
	}
}

// fingerprint hashes the name, size and modification time of every watched file: site.toml,
// the content folder and the site's templates and static folders.
func (s *server) fingerprint() string {
	h := fnv.New64a()
	add := func(p string, info fs.FileInfo) {
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", p, info.Size(), info.ModTime().UnixNano())
	}
	if info, err := os.Stat(s.config); err == nil {
		add(s.config, info)
	}
	if cfg, err := render.LoadConfig(s.config); err == nil {
		for _, dir := range []string{cfg.Path(cfg.Content), cfg.Path(cfg.Theme.Templates), cfg.Path(cfg.Theme.Static)} {
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				if info, err := d.Info(); err == nil && !d.IsDir() {
					add(p, info)
				}
				return nil
			})
		}
	}
	return fmt.Sprintf("%x", h.Sum64())
}

const (
	statusPath = "/_timeline/build"
	scriptPath = "/_timeline/live.js"
)

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.Lock()
	dir, id, errMsg := s.dir, s.id, s.errMsg
	s.mu.Unlock()
	switch r.URL.Path {
	case statusPath:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(map[string]any{"id": id, "error": errMsg})
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, liveScript)
		return
	}
	if dir == "" {
		http.Error(w, "the site has not built yet:\n\n"+errMsg, http.StatusServiceUnavailable)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	data, file, status, err := s.read(dir, name, strings.HasSuffix(r.URL.Path, "/"))
	if errors.Is(err, errNeedsSlash) {
		// The cleaned name, not the path as asked: "//evil.example/../x" would redirect to
		// another host.
		http.Redirect(w, r, name+"/", http.StatusMovedPermanently)
		return
	}
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	ctype := mime.TypeByExtension(filepath.Ext(file))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = injectScript(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// errNeedsSlash says a folder was asked for without its final slash.
var errNeedsSlash = errors.New("a folder, asked for without its slash")

// read finds the file a cleaned URL path names in the site in dir (a folder's index.html;
// like GitHub Pages, "events/x" finds "events/x.html"; 404.html for what is missing) and
// reads it whole, before or after a build changes the site, never half way through.
func (s *server) read(dir, name string, slash bool) (data []byte, file string, status int, err error) {
	s.swapping.RLock()
	defer s.swapping.RUnlock()
	file, status = filepath.Join(dir, filepath.FromSlash(name)), http.StatusOK
	info, err := os.Stat(file)
	if err == nil && info.IsDir() {
		if !slash {
			return nil, "", 0, errNeedsSlash
		}
		file = filepath.Join(file, "index.html")
		_, err = os.Stat(file)
	}
	if err != nil {
		if _, err := os.Stat(file + ".html"); err == nil && !strings.HasSuffix(name, "/") {
			file = file + ".html"
		} else {
			file, status = filepath.Join(dir, "404.html"), http.StatusNotFound
		}
	}
	data, err = os.ReadFile(file)
	return data, file, status, err
}

// injectScript adds the live-reload script before </body>. Only served pages get it.
func injectScript(page []byte) []byte {
	tag := []byte(`<script src="` + scriptPath + `" defer></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	return append(append(append([]byte{}, page[:i]...), tag...), page[i:]...)
}

// liveScript polls the build status: a new build reloads the page, a failed one shows its error.
const liveScript = `(function () {
  "use strict";
  var seen = null;
  function banner(msg) {
    var b = document.getElementById("timeline-build-error");
    if (!msg) { if (b) b.remove(); return; }
    if (!b) {
      b = document.createElement("pre");
      b.id = "timeline-build-error";
      b.setAttribute("role", "alert");
      b.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;max-height:50vh;overflow:auto;white-space:pre-wrap;background:#7a0010;color:#fff;font:14px/1.4 monospace;z-index:1000";
      document.body.appendChild(b);
    }
    b.textContent = "Build failed (showing the last good site):\n" + msg;
  }
  function check() {
    fetch("` + statusPath + `", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.id !== seen && !s.error) { location.reload(); return; }
        seen = s.id;
        banner(s.error);
      })
      .catch(function () {})
      .then(function () { setTimeout(check, 700); });
  }
  check();
})();
`
