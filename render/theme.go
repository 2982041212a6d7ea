package render

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sort"
)

// Overlay is a file system that shows upper's files over lower's: a name present in upper
// hides the same name in lower, and listing a folder merges both. It is how a site overrides
// single templates or assets of the embedded default theme. Upper may be nil.
type Overlay struct {
	Upper, Lower fs.FS
}

func (o Overlay) Open(name string) (fs.File, error) {
	if o.Upper != nil {
		f, err := o.Upper.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.Lower.Open(name)
}

// ReadDir merges both listings, upper's entries winning, sorted by name.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	byName := map[string]fs.DirEntry{}
	lower, errLower := fs.ReadDir(o.Lower, name)
	for _, e := range lower {
		byName[e.Name()] = e
	}
	var errUpper error = fs.ErrNotExist
	if o.Upper != nil {
		var upper []fs.DirEntry
		upper, errUpper = fs.ReadDir(o.Upper, name)
		for _, e := range upper {
			byName[e.Name()] = e
		}
	}
	if errLower != nil && errUpper != nil {
		return nil, errLower
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// siteFS is the folder dir of a site as an fs.FS, or nil when it does not exist, so that a site
// without its own templates uses the default theme whole.
func siteFS(dir string) fs.FS {
	if dir == "" {
		return nil
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil
	}
	return os.DirFS(dir)
}

// ThemeFS layers a site's own templates and static folders over the default theme, whose
// files are templates/* and static/*.
func ThemeFS(defaults fs.FS, templatesDir, staticDir string) (templates, static fs.FS, err error) {
	dt, err := fs.Sub(defaults, "templates")
	if err != nil {
		return nil, nil, err
	}
	ds, err := fs.Sub(defaults, "static")
	if err != nil {
		return nil, nil, err
	}
	return Overlay{Upper: siteFS(templatesDir), Lower: dt}, Overlay{Upper: siteFS(staticDir), Lower: ds}, nil
}

// walkFiles lists every regular file of fsys, sorted, skipping hidden names.
func walkFiles(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && path.Base(p)[0] == '.' {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}
