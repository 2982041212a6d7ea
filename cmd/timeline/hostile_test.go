package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildHostileCorpus builds a site from testdata/hostile plus symbolic links out of the
// content folder: the build succeeds with the good articles, names every bad file, follows no
// link out, writes nothing outside its output folder, escapes hostile titles in every output,
// and gives duplicate titles distinct pages; with --strict the same problems fail it.
func TestBuildHostileCorpus(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	os.MkdirAll(content, 0o755)
	hostile, _ := filepath.Glob("../../testdata/hostile/*")
	for _, f := range hostile {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(content, filepath.Base(f)), data, 0o644)
	}
	// File names are hostile too: a newline could forge a line of the problem report, and a
	// name that is not UTF-8 must still make a page.
	os.WriteFile(filepath.Join(content, "forged\nreport.md"), []byte("+++\ntitle = \"x\"\n"), 0o644)
	os.WriteFile(filepath.Join(content, "caf\xe9.md"), []byte("+++\ntitle = \"Latin-1 name\"\ndate = 2021-08-14\n+++\nTalks resumed on Friday.\n"), 0o644)
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	os.WriteFile(secret, []byte("+++\ntitle = \"SECRET-MARKER\"\ndate = 2021-08-14\n+++\nSECRET-MARKER on Friday.\n"), 0o644)
	os.Symlink(secret, filepath.Join(content, "link-out.md"))
	os.Symlink(outside, filepath.Join(content, "linked-folder"))
	os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"Hostile <b>site</b>\"\nbase_url = \"https://example.org/h/\"\n"), 0o644)
	before := listTree(t, root)

	out := filepath.Join(root, "public")
	code, _, stderr := runCmd(t, "build", "--config", filepath.Join(root, "site.toml"))
	if code != 0 {
		t.Fatalf("exit %d, want 0 (the good articles build): %s", code, stderr)
	}
	for _, bad := range []string{"empty.md", "blank.txt", "binary.md", "mostly-binary.txt", "utf16.txt", "unclosed.md",
		"bad-toml.md", "bad-type.md", "bad-date.md", "bad-datetime.md", "crlf-bad.md", "invalid-utf8.md", "control.md",
		"javascript-url.md", "future.md", "old.md", "nested.md"} {
		if !strings.Contains(stderr, filepath.Join(content, bad)+":") {
			t.Errorf("the problem report does not name %s", bad)
		}
	}

	if !strings.Contains(stderr, `forged\nreport.md":1:1: error: front matter opened with +++ is never closed`) {
		t.Errorf("a file name with a newline is not quoted in the report:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "articles", "2021", "caf.html")); err != nil {
		t.Errorf("no page for the article whose file name is not UTF-8: %v", err)
	}

	// Nothing written outside public/ and the cache; nothing read through the links.
	for p := range listTree(t, root) {
		if !before[p] && !strings.HasPrefix(p, "public") && !strings.HasPrefix(p, cacheDir) {
			t.Errorf("the build wrote %s outside its output folder", p)
		}
	}
	sameTitle := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("%s is a symbolic link", p)
		}
		if d.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		if strings.Contains(string(data), "SECRET-MARKER") {
			t.Errorf("%s holds text read through a symbolic link out of the content folder", rel)
		}
		switch filepath.Ext(p) {
		case ".html", ".xml":
			for _, raw := range []string{"<script>alert(", "<b>Bold</b>", "<b>site</b>"} {
				if strings.Contains(string(data), raw) {
					t.Errorf("%s holds unescaped markup from an article or site.toml: %q", rel, raw)
				}
			}
		case ".json":
			if !json.Valid(data) {
				t.Errorf("%s is not valid JSON", rel)
			}
		}
		if strings.Contains(string(data), "Same title") && strings.HasPrefix(rel, "articles") {
			sameTitle++
		}
		return nil
	})
	if sameTitle != 2 {
		t.Errorf("%d article pages for the two articles titled \"Same title\", want 2", sameTitle)
	}

	// --strict: the same problems fail the build and leave the site as it was.
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if code, _, stderr := runCmd(t, "build", "--strict", "--config", filepath.Join(root, "site.toml")); code != 1 || !strings.Contains(stderr, "--strict") {
		t.Errorf("--strict: exit %d, stderr %q; want 1", code, stderr)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "index.html")); string(again) != string(home) {
		t.Error("a failed strict build changed the site")
	}
}

// listTree lists the paths under root, relative to it.
func listTree(t *testing.T, root string) map[string]bool {
	paths := map[string]bool{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != root {
			rel, _ := filepath.Rel(root, p)
			paths[rel] = true
		}
		return nil
	})
	return paths
}
