package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"github.com/timeline-news/timeline/internal/atomicfile"
)

// An incremental build keeps, beside the site, a manifest of what made each of its files: for
// every job (a page, an export, the static assets), the job's fingerprint and the files it
// wrote. The next build renders only the jobs whose fingerprint changed, into a staging folder,
// and then moves those files into the site and removes the files no job makes any more.
//
// The site's marker file (markerFile) names the manifest it matches by its hash. The marker is
// rewritten without a hash before the site is touched and with the new one after, so a build
// interrupted half-way leaves a site the next build does not trust: it builds the whole site
// again. A build that fails before that point leaves the site as it was.

// manifest is what an incremental build records of a site.
type manifest struct {
	// Inputs fingerprints everything the site was made from (see upToDate), and Stats says
	// what it holds: a build from the same inputs has nothing to do.
	Inputs Fingerprint
	Stats  Stats
	Jobs   []manifestJob
}

type manifestJob struct {
	Key   string
	FP    Fingerprint
	Files []string // sorted; in the manifest file, nil when Self
	// Self says the job wrote one file named as its key (a page): most jobs, left out of
	// the manifest file, which then takes a third of the room.
	Self bool
}

const manifestHashPrefix = "manifest "

// manifestPath is where the manifest of the site in out is kept, inside stateDir.
func manifestPath(stateDir, out string) string {
	abs, err := absClean(out)
	if err != nil {
		abs = out
	}
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(stateDir, "site-"+hex.EncodeToString(h[:8])+".manifest")
}

// readManifest returns the manifest of the site in out when the site's marker vouches for it,
// else nil: the build is then a full one.
func readManifest(path, out string) *manifest {
	want := markerManifest(out)
	b, err := os.ReadFile(path)
	if err != nil || want == "" {
		return nil
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != want {
		return nil
	}
	var m manifest
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&m); err != nil {
		return nil
	}
	for i, j := range m.Jobs {
		if j.Self {
			m.Jobs[i].Files, m.Jobs[i].Self = []string{j.Key}, false
		}
	}
	return &m
}

// siteOutput is the IncrementalOutput of Build. New files go to staging, a folder beside the
// site: for a full build it becomes the site; for an incremental one its files are moved in.
type siteOutput struct {
	out     string // the live site
	staging *dirOutput
	prev    map[string]manifestJob // nil for a full build

	inputs Fingerprint // recorded in the manifest
	stats  Stats

	mu     sync.Mutex
	next   map[string]*manifestJob
	staged []string // files written to staging (incremental builds)

	live *siteFiles // what the live site holds
}

func newSiteOutput(out, staging string, prev *manifest) *siteOutput {
	o := &siteOutput{out: out, staging: &dirOutput{root: staging}, next: map[string]*manifestJob{}, live: newSiteFiles(out)}
	// Even when the program, the templates or the settings changed and every file is rendered
	// again, most come out as they were: updating the site in place then moves few files,
	// where replacing it would write and delete every one.
	if prev != nil {
		o.prev = make(map[string]manifestJob, len(prev.Jobs))
		for _, j := range prev.Jobs {
			o.prev[j.Key] = j
		}
	}
	return o
}

// incremental reports whether the build updates the live site rather than replacing it.
func (o *siteOutput) incremental() bool { return o.prev != nil }

func (o *siteOutput) Job(key string, fp Fingerprint) (Output, bool) {
	if p, ok := o.prev[key]; ok && fp != (Fingerprint{}) && p.FP == fp && o.live.has(p.Files) {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.next[key] = &p
		return nil, true
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	j := &manifestJob{Key: key, FP: fp}
	o.next[key] = j
	return &jobOutput{o: o, job: j}, false
}

// siteFiles tells which files a site folder holds, from a listing of each of its folders read
// once: a site has tens of thousands of files to check (hundreds of thousands for a large
// archive), in a few hundred folders. Safe for concurrent use.
type siteFiles struct {
	root     string
	listings sync.Map // folder -> *folderListing
}

// folderListing is the regular files of one folder.
type folderListing struct {
	once  sync.Once
	files map[string]bool
}

func newSiteFiles(root string) *siteFiles { return &siteFiles{root: root} }

// has reports whether the site still holds every one of files, as regular files: one deleted
// by hand, or replaced by a folder or a link, is made again.
func (s *siteFiles) has(files []string) bool {
	for _, f := range files {
		dir, name := filepath.Split(filepath.Join(s.root, filepath.FromSlash(f)))
		if !s.listing(dir)[name] {
			return false
		}
	}
	return true
}

// listing is the set of regular files in folder dir (empty when it cannot be read: the files
// are then made again).
func (s *siteFiles) listing(dir string) map[string]bool {
	v, _ := s.listings.LoadOrStore(dir, &folderListing{})
	l := v.(*folderListing)
	l.once.Do(func() {
		l.files = map[string]bool{}
		d, err := os.Open(dir)
		if err != nil {
			return
		}
		defer d.Close()
		entries, err := d.ReadDir(-1) // unsorted, unlike os.ReadDir
		if err != nil {
			return
		}
		for _, e := range entries {
			// The entry's type is that of the name itself, as Lstat gives it: a link is not
			// a regular file.
			if e.Type().IsRegular() {
				l.files[e.Name()] = true
			}
		}
	})
	return l.files
}

// WriteFile writes a file outside any job (Render does not).
func (o *siteOutput) WriteFile(name string, data []byte) error {
	out, _ := o.Job(name, Fingerprint{})
	return out.WriteFile(name, data)
}

// jobOutput writes one job's files and records their names.
type jobOutput struct {
	o   *siteOutput
	job *manifestJob
}

func (j *jobOutput) record(name string, staged bool) {
	j.o.mu.Lock()
	defer j.o.mu.Unlock()
	j.job.Files = append(j.job.Files, name)
	if staged && j.o.incremental() {
		j.o.staged = append(j.o.staged, name)
	}
}

func (j *jobOutput) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	// A file rendered again often comes out as it was (its inputs changed in a way it does
	// not show): the live copy then stays.
	if j.o.incremental() && sameFile(filepath.Join(j.o.out, filepath.FromSlash(name)), data) {
		j.record(name, false)
		return nil
	}
	if err := j.o.staging.WriteFile(name, data); err != nil {
		return err
	}
	j.record(name, true)
	return nil
}

func (j *jobOutput) Create(name string) (io.WriteCloser, error) {
	f, err := j.o.staging.Create(name)
	if err != nil {
		return nil, err
	}
	j.record(name, true)
	return f, nil
}

// sameFile reports whether the file at p holds exactly data.
func sameFile(p string, data []byte) bool {
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	b, err := os.ReadFile(p)
	return err == nil && bytes.Equal(b, data)
}

// made lists the files of the site this build made, and counts its jobs.
func (o *siteOutput) made() (files []string, jobs int) {
	for _, j := range o.next {
		files = append(files, j.Files...)
	}
	return files, len(o.next)
}

// manifest is what this build made, in a stable order.
func (o *siteOutput) manifest() ([]byte, error) {
	m := manifest{Inputs: o.inputs, Stats: o.stats}
	m.Stats.Files, m.Stats.Kept = 0, 0
	m.Jobs = make([]manifestJob, 0, len(o.next))
	for _, j := range o.next {
		if len(j.Files) == 1 && j.Files[0] == j.Key {
			m.Jobs = append(m.Jobs, manifestJob{Key: j.Key, FP: j.FP, Self: true})
			continue
		}
		files := slices.Clone(j.Files)
		sort.Strings(files)
		m.Jobs = append(m.Jobs, manifestJob{Key: j.Key, FP: j.FP, Files: files})
	}
	sort.Slice(m.Jobs, func(i, k int) bool { return m.Jobs[i].Key < m.Jobs[k].Key })
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// markerWith is the marker file's text naming manifest m ("" for none).
func markerWith(m []byte) []byte {
	if m == nil {
		return []byte(markerText)
	}
	sum := sha256.Sum256(m)
	return []byte(markerText + manifestHashPrefix + hex.EncodeToString(sum[:]) + "\n")
}

// commit puts an incremental build's files in place: marker without a hash, staged files
// moved in, files no job made removed, manifest saved, marker with its hash.
func (o *siteOutput) commit(manifestFile string) error {
	// The manifest is encoded while the files move: neither reads what the other writes.
	// (Encoding it cannot fail but for a bug; were it to, the marker left without a hash
	// makes the next build a full one.)
	type encoded struct {
		m   []byte
		err error
	}
	manifest := make(chan encoded, 1)
	go func() {
		m, err := o.manifest()
		manifest <- encoded{m, err}
	}()
	if err := atomicfile.WriteFile(filepath.Join(o.out, markerFile), markerWith(nil)); err != nil {
		return fmt.Errorf("output: %v", err)
	}
	made := map[string]bool{}
	for _, j := range o.next {
		for _, f := range j.Files {
			made[f] = true
		}
	}
	dirs := map[string]bool{}
	sort.Strings(o.staged)
	for _, name := range o.staged {
		dst := filepath.Join(o.out, filepath.FromSlash(name))
		if dir := filepath.Dir(dst); !dirs[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("output: %v", err)
			}
			dirs[dir] = true
		}
		if err := os.Rename(filepath.Join(o.staging.root, filepath.FromSlash(name)), dst); err != nil {
			return fmt.Errorf("output: %v", err)
		}
	}
	var emptied []string
	for _, j := range o.prev {
		for _, f := range j.Files {
			if made[f] {
				continue
			}
			p := filepath.Join(o.out, filepath.FromSlash(f))
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("output: %v", err)
			}
			emptied = append(emptied, filepath.Dir(p))
		}
	}
	// Folders left empty go too, deepest first; Remove refuses a folder that still holds files.
	sort.Slice(emptied, func(i, k int) bool { return len(emptied[i]) > len(emptied[k]) })
	for _, d := range emptied {
		for ; d != o.out && within(d, o.out); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	enc := <-manifest
	if enc.err != nil {
		return enc.err
	}
	if err := o.saveManifest(manifestFile, enc.m); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(o.out, markerFile), markerWith(enc.m))
}

// saveManifest writes the manifest; the marker written after it names it.
func (o *siteOutput) saveManifest(path string, m []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("build state: %v", err)
	}
	if err := atomicfile.WriteFile(path, m); err != nil {
		return fmt.Errorf("build state: %v", err)
	}
	return nil
}
