package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
	"github.com/timeline-news/timeline/internal/atomicfile"
)

// A build run again on a site where nothing changed (a script, a Makefile, serve starting) is
// common, and the up-to-date check (upToDate) reads every article to know it: 0.8 s for
// 10,000 articles, 9 s for 100,000. Stamps let a build know it without reading. A build with a
// state folder stamps every article file (size, times, inode) before it reads any, and, once
// the site is made, keeps the stamps beside the manifest with what else the check needs: what
// the site is made from besides the articles, the problems found reading them, and a digest of
// the names of the site's files. The next build stamps the articles again and lists the site:
// when all is the same, the site is up to date. Anything else (a stamp not the same, a stamp
// too recent to vouch for the file, a problem that depends on the day, a file of the site
// deleted or added) is no answer, and the build reads the articles as always.
//
// A stamp vouches for a file only when the file was last changed well before it was taken:
// file systems keep times at a coarse grain (some to two seconds), so a file written twice in
// one grain, once before and once after the stamp, keeps its times and maybe its size (git's
// "racy" rule).
const racyMargin = 2 * time.Second

// buildStamps is what the up-to-date check by stamps compares with.
type buildStamps struct {
	Manifest string      // the manifest the site's marker names (its SHA-256, hex)
	Setup    Fingerprint // the program, templates, static files, settings and events options
	Taken    int64       // when the articles were stamped (Unix nanoseconds)
	Articles []fileStamp // every article file, in listing order
	Problems []corpus.Problem
	Stats    Stats    // the manifest's: what the site holds
	Jobs     int      // the manifest's number of jobs
	Site     [32]byte // the site's file names (siteDigest)
}

// fileStamp is what the file system says of a file, without reading it.
type fileStamp struct {
	Name                    string
	Size, Modified, Changed int64 // Changed: the inode's change time (a permission, a restored time)
	Inode, Device           uint64
	Mode                    uint32
}

// stampsPath is where the stamps of the site in out are kept, beside its manifest.
func stampsPath(stateDir, out string) string {
	return strings.TrimSuffix(manifestPath(stateDir, out), ".manifest") + ".stamps"
}

// stampArticles stamps every article file under content (article.Files lists them, as the
// build reads them), with ok false on a system without the stamps' fields or on any error.
func stampArticles(content string) (stamps []fileStamp, taken int64, ok bool) {
	taken = time.Now().UnixNano()
	files, err := article.Files([]string{content})
	if err != nil {
		return nil, 0, false
	}
	stamps = make([]fileStamp, len(files))
	var failed atomic.Bool
	forEach(len(files), func(i int) { // on all cores: each waits on the system
		info, err := os.Lstat(files[i])
		if err != nil {
			failed.Store(true)
			return
		}
		st, ok := stampOf(info)
		if !ok {
			failed.Store(true)
			return
		}
		st.Name = files[i]
		stamps[i] = st
	})
	if failed.Load() {
		return nil, 0, false
	}
	return stamps, taken, true
}

// vouches reports whether stamps taken at taken can stand for their files' contents: no file
// was changed within racyMargin of then.
func vouches(stamps []fileStamp, taken int64) bool {
	limit := taken - int64(racyMargin)
	for _, s := range stamps {
		if s.Modified >= limit || s.Changed >= limit {
			return false
		}
	}
	return true
}

// siteDigest is the digest of the names of a site's files (and its marker), in any order.
func siteDigest(files []string) [32]byte {
	names := append(slices.Clone(files), markerFile)
	slices.Sort(names)
	return sha256.Sum256([]byte(strings.Join(names, "\n")))
}

// listedSite is the siteDigest of the regular files in out, with ok false when it holds
// anything else (a link, a named pipe) or cannot be listed.
func listedSite(out string) (digest [32]byte, ok bool) {
	var files []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fs.ErrInvalid
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel != markerFile {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return digest, false
	}
	return siteDigest(files), true
}

// markerManifest is the SHA-256 of the manifest the marker of the site in out names, "" for none.
func markerManifest(out string) string {
	marker, err := os.ReadFile(filepath.Join(out, markerFile))
	if err != nil {
		return ""
	}
	hash := ""
	for _, line := range strings.Split(string(marker), "\n") {
		if h, ok := strings.CutPrefix(line, manifestHashPrefix); ok {
			hash = h
		}
	}
	return hash
}

// readStamps returns the stamps kept at path, nil when there are none that can be read.
func readStamps(path string) *buildStamps {
	if info, err := os.Lstat(path); err != nil || !info.Mode().IsRegular() {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var s buildStamps
	if gob.NewDecoder(bytes.NewReader(b)).Decode(&s) != nil {
		return nil
	}
	return &s
}

// saveStamps keeps s at path, whole or not at all; without them the next build reads.
func saveStamps(path string, s *buildStamps) error {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(s); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, b.Bytes())
}

// stamping carries a build's stamps from before its reading to after its site is made.
type stamping struct {
	path     string // where they are kept (stampsPath)
	setup    Fingerprint
	taken    int64
	articles []fileStamp  // nil when the articles could not be stamped: nothing is kept then
	kept     *buildStamps // the last build's, when they are for this site and setup
	out      string
}

// stampBuild stamps the articles under content before a build with a state folder reads them,
// with setup, the fingerprint of everything else the site is made from.
func stampBuild(opts BuildOptions, cfg Config, theme ThemeFiles, content, out string) (*stamping, error) {
	fps, err := newFingerprinter(opts.Version, theme, cfg)
	if err != nil {
		return nil, err
	}
	s := &stamping{path: stampsPath(opts.StateDir, out)}
	if s.setup, err = fps.of("setup", staticFiles(theme.Static), opts.Events); err != nil {
		return nil, err
	}
	if kept := readStamps(s.path); kept != nil && kept.Setup == s.setup && kept.Manifest != "" && kept.Manifest == markerManifest(out) {
		s.kept, s.out = kept, out
	}
	articles, taken, ok := stampArticles(content)
	if !ok {
		return s, nil
	}
	for i := range articles { // named from the content folder, whatever the current folder
		rel, err := filepath.Rel(content, articles[i].Name)
		if err != nil {
			return s, nil
		}
		articles[i].Name = filepath.ToSlash(rel)
	}
	s.articles, s.taken = articles, taken
	return s, nil
}

// upToDate returns the stamps kept by the last build when they show the site up to date (see
// buildStamps).
func (s *stamping) upToDate() (*buildStamps, bool) {
	if s.articles == nil || s.kept == nil || s.setup == (Fingerprint{}) {
		return nil, false
	}
	if !vouches(s.kept.Articles, s.kept.Taken) || !slices.Equal(s.kept.Articles, s.articles) {
		return nil, false
	}
	// Listed last, as it costs the most: a rebuild after an edit does not list.
	if site, ok := listedSite(s.out); !ok || site != s.kept.Site {
		return nil, false // a file of the site deleted, added or replaced by hand
	}
	return s.kept, true
}

// keep saves the stamps once the site in out is made: stats and jobs as its manifest has
// them, files every file it holds. When the articles' problems depend on the day (an article
// dated after today is warned about, naming today), the stamps are removed instead: such a
// site is never up to date by them.
func (s *stamping) keep(out string, problems []corpus.Problem, dayDependent bool, stats Stats, jobs int, files []string) error {
	manifest := markerManifest(out)
	if s.articles == nil || dayDependent || manifest == "" {
		if err := os.Remove(s.path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	stats.Files, stats.Kept = 0, 0
	return saveStamps(s.path, &buildStamps{Manifest: manifest, Setup: s.setup, Taken: s.taken, Articles: s.articles,
		Problems: problems, Stats: stats, Jobs: jobs, Site: siteDigest(files)})
}

// dayDependent reports whether reading docs on another day than now could find other
// problems: an article dated after now is warned about, naming the day (corpus.Options.Now).
func dayDependent(docs []corpus.Doc, now time.Time) bool {
	if now.IsZero() {
		return false
	}
	for _, d := range docs {
		if extract.DateOf(now).AddDays(1).Before(d.Article.Published) {
			return true
		}
	}
	return false
}

// jobFiles lists the files of jobs.
func jobFiles(jobs []manifestJob) []string {
	var files []string
	for _, j := range jobs {
		files = append(files, j.Files...)
	}
	return files
}
