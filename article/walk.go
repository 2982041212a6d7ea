package article

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Files lists the article files under the given paths: files are taken as they are, folders are
// walked for .md, .markdown and .txt files. Hidden files and folders (".git") and symbolic links
// are skipped, so nothing outside the given folders is read. The result is sorted and has no
// duplicates, so every run sees the same order.
func Files(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		info, err := os.Lstat(root)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			if info.Mode()&fs.ModeSymlink != 0 {
				if info, err = os.Stat(root); err != nil {
					return nil, err
				}
			}
			if info.IsDir() {
				return nil, fmt.Errorf("%s: a symbolic link to a folder is not followed; name the folder itself", root)
			}
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if p != root && len(name) > 0 && name[0] == '.' {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 || d.IsDir() || !IsArticle(name) {
				return nil
			}
			add(p)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}
