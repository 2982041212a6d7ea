// Package safety is a black-box adversarial test suite: it builds real sites from hostile
// articles through render.Build and checks every file written, the way a browser, a feed
// reader, a calendar or a JSON consumer would read it.
package safety

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/timeline-news/timeline"
	"github.com/timeline-news/timeline/render"
)

// secretMarker is the text of the files outside the content folder that symbolic links
// point at: it must never show up in any output.
const secretMarker = "SAFETY-SECRET-7f3a91c2"

// Payloads. Each is put into articles (front matter and body) and must come out as text.
const (
	scriptTag   = `<script>alert(1)</script>`
	imgAttr     = `"><img src=x onerror=alert(1)>`
	cdataEnd    = `]]>`
	titleClose  = `</title>`
	templateDot = `{{.}}`
	// markupTitle survives the front matter's one-line clean-up unchanged, so it must
	// round-trip exactly into every output that carries article titles.
	markupTitle = scriptTag + " Council meets & " + imgAttr
	// icsTitle holds every character RFC 5545 TEXT must escape, plus a try at a new property.
	icsTitle = `Semi;colon, comma\back ATTENDEE:mailto:evil@example.org`
	// siteTitle is the site's own (hostile) title from site.toml.
	siteTitle = `Site <b>bold</b> ; , \ ` + scriptTag
)

// longWord is one very long word, in a title and in a body.
var longWord = strings.Repeat("Aa", 3000)

// hostileFiles is the content folder: file name to contents. File names are hostile too:
// the report and the article pages show them.
func hostileFiles() map[string]string {
	fm := func(title string, extra string) string {
		return "+++\ntitle = " + tomlString(title) + "\ndate = 2021-08-14\nlicense = \"CC BY 4.0\"\n" + extra + "+++\n"
	}
	body := "The talks resumed in Kabul on Friday.\n"
	files := map[string]string{
		"markup.md": "+++\n" +
			"title = " + tomlString(markupTitle) + "\n" +
			"date = 2021-08-14\n" +
			"source = " + tomlString(imgAttr+" Outlet") + "\n" +
			"author = " + tomlString(titleClose+scriptTag) + "\n" +
			"license = " + tomlString(cdataEnd+"<evil>x</evil> CC BY "+templateDot) + "\n" +
			"url = \"javascript:alert(1)\"\n" +
			"tags = [\"<b>tag</b>\", \"{{.}}\", \"../../etc/passwd\", \"a;b,c\\\\d\", \"javascript:alert(1)\"]\n" +
			"evil = " + tomlString(scriptTag) + "\n" +
			"[params]\nhref = \"javascript:alert(1)\"\n" +
			"+++\n" +
			"# Heading " + scriptTag + "\n\n" +
			"The council met in Kabul on Friday, " + scriptTag + " said the mayor.\n\n" +
			"[click](javascript:alert(1)) [caps](JaVaScRiPt:alert(1)) [entity](&#106;avascript:alert(1)) " +
			"[tab](java&#9;script:alert(1)) [nl](java&#10;script:alert(1)) [vb](vbscript:msgbox(1)) " +
			"[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) " +
			"[titled](https://example.org/ \"x\\\" onmouseover=alert(1) \\\"\") [ref][r] <javascript:alert(1)> " +
			"![img](javascript:alert(1)) ![svg](data:image/svg+xml,<svg onload=alert(1)>)\n\n" +
			"[colon](javascript&colon;alert(1)) [angle](<javascript:alert(1)>) [hex](&#x6A;avascript:alert(1)) " +
			"[upper](&#74;AVASCRIPT:alert(1)) [pct](%6Aavascript:alert(1)) [file](file:///etc/passwd) " +
			"![png](data:image/png;base64,iVBORw0KGgo=) [q](https://example.org/\\\"><script>alert(1)</script>)\n\n" +
			"[r]: javascript:alert(1)\n\n" +
			"<img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">raw</a> <svg onload=alert(1)></svg>\n\n" +
			"<script>alert(1)</script>\n\n" +
			"<iframe src=\"javascript:alert(1)\"></iframe>\n\n" +
			"On August 6 the envoy said " + imgAttr + " in Kabul.\n\n" +
			"`" + templateDot + "` and " + templateDot + " and " + cdataEnd + " and " + titleClose + " on Monday.\n",
		"plain.txt": "+++\n" +
			"title = \"Plain <i>text</i> & report\"\n" +
			"date = 2021-08-20\n" +
			"source = " + tomlString(`Outlet; with, ics\chars`) + "\n" +
			"license = \"CC BY 4.0\"\n" +
			"+++\n" +
			"On August 16, 2021, the minister said " + scriptTag + " to reporters in Kabul.\n" +
			"On Tuesday, the ministry; the council, and the \\ committee met in Herat.\n" +
			"On August 18 the envoy wrote " + cdataEnd + " and " + titleClose + " and " + templateDot + " and {{template \"base\" .}} in a letter.\n" +
			"On Thursday officials said\u2028the line\u2029separators held.\n" +
			"Control\x01bytes\x02and\x1bescapes\x7fand\x0bform\x0cfeeds were sent on August 17.\n" +
			"Mehr reported " + longWord + " on August 19.\n" +
			"AT&T and Johnson & Johnson met <Ahmad Shah> and O'Brien-<b>Smith</b> in Kabul<script> on August 12.\n" +
			"Procter&Gamble<Inc> and Mr. <img src=x onerror=alert(1)> Kahn said on August 11 in Herat\"><b>.\n" +
			"The talks ended on August 15.\rATTENDEE:mailto:evil@example.org\rBEGIN:VEVENT\rOn August 13 they began.\n",
		"ics.md": "+++\ntitle = " + tomlString(`Semi;colon, comma\back`+"\r\nATTENDEE:mailto:evil@example.org") + "\n" +
			"date = 2021-08-14\nsource = \"A;B,C\\\\D\"\nlicense = \"CC BY 4.0\"\n+++\n" +
			"On August 10 the ATTENDEE:x; DESCRIPTION:y, \\n meeting, led by Ahmad Shah, ended in Kabul.\r\n" +
			"ATTENDEE:mailto:evil@example.org\r\nEND:VEVENT\r\n\r\nOn August 11 talks resumed.\r\n",
		"hostile-url.md":  fm("Hostile URL", "url = "+tomlString(`https://example.org/"><script>alert(1)</script>?a=1&b='x'#"onmouseover=alert(1)`)+"\n") + body,
		"userinfo-url.md": fm("Userinfo URL", "url = \"https://javascript:alert(1)@example.org/\"\n") + body,
		"traversal.md":    fm("../../etc/passwd", "") + body,
		"absolute.md":     fm("/abs/path", "") + body,
		"dotdot.md":       fm("..", "") + body,
		"con.md":          fm("CON", "") + body,
		"CON.md":          fm("NUL", "") + body,
		"empty-title.md":  fm("", "") + body,
		"same-1.md":       fm("Same title", "") + body,
		"same-2.md":       fm("Same title", "") + body,
		"emoji.md":        fm("🚀 مرحبا بالعالم עברית 🇺🇳 talks", "") + "وصل الوفد On August 9 🚀 talks resumed in Kabul.\n",
		"separators.md":   fm("Line\u2028separator\u2029title \ufffe\uffff end", "") + "On August 8\u2028 the\u2029 talks resumed.\n",
		"controls.md":     fm("Bell\a esc\x1b[31m red\x1b[0m del\x7f c1\u009b2J vt\v ff\f end", "source = \"Src\\u0007\\u001b[2J\"\n") + "Talks\x1b[31m resumed\x07 in Kabul on Friday.\n",
		"long.md":         fm(longWord, "") + longWord + " on August 7.\n",
		// Hostile file names: markup, new lines, iCalendar separators, invalid UTF-8.
		imgAttr + ".md":                   fm("Named by its file", "") + body,
		"new\nline\r\nATTENDEE:x.md":      fm("Newline file", "") + body,
		`semi;co,ma\back.md`:              fm("Separators file", "") + body,
		"bad\xffname.md":                  fm("Invalid UTF-8 name", "") + body,
		imgAttr + " bad.md":               "+++\ntitle = \"x\"\ndate = \"2021-13-01\"\n+++\n" + body,
		"bad\xffproblem.md":               "+++\ntitle = \"x\"\ndate = \"2021-13-01\"\n+++\n" + body,
		"esc\x1b]0;pwned\x07\x1b[2J.md":   "+++\ntitle = \"x\"\ndate = \"2021-13-01\"\n+++\n" + body,
		"csi\u009b2J.md":                  "+++\ntitle = \"x\"\ndate = \"2021-13-01\"\n+++\n" + body,
		"{{.}}.md":                        fm("Template name", "") + body,
		"date-offset-west.md":             "+++\ntitle = \"West\"\ndate = 2021-08-14T23:30:00-11:00\n+++\n" + body,
		"date-offset-east.md":             "+++\ntitle = \"East\"\ndate = 2021-08-14T00:30:00+14:00\n+++\n" + body,
		"date-local-datetime.md":          "+++\ntitle = \"Local\"\ndate = 2021-08-14 10:00:00\n+++\n" + body,
		"date-string.md":                  "+++\ntitle = \"String\"\ndate = \" 2021-08-14 \"\n+++\n" + body,
		"date-string-rfc3339.md":          "+++\ntitle = \"RFC\"\ndate = \"2021-08-14T10:00:00Z\"\n+++\n" + body,
		"date-old.md":                     "+++\ntitle = \"Old\"\ndate = 1899-12-31\n+++\nThe treaty was signed yesterday, on December 30.\n",
		"date-far.md":                     "+++\ntitle = \"Far\"\ndate = 9999-12-31\n+++\nThe talks ended on December 31 and resume tomorrow.\n",
		"date-first.md":                   "+++\ntitle = \"First\"\ndate = 0001-01-01\n+++\nThe talks ended yesterday and began on January 1.\n",
		"date-leap.md":                    "+++\ntitle = \"Leap\"\ndate = 2020-02-29\n+++\nOn February 29 the talks resumed; a year later they ended.\n",
		"date-bad.md":                     "+++\ntitle = \"Bad date\"\ndate = \"2021-02-30\"\n+++\n" + body,
		"date-none.md":                    "+++\ntitle = \"No date\"\n+++\nOn August 3, 2021, the talks resumed.\n",
		"sub/nested " + scriptTag + ".md": fm("Nested <u>file</u>", "") + body,
	}
	return files
}

// tomlString is s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// site is a hostile site laid out in a temporary folder.
type site struct {
	root, content, out, outside string
	cfg                         render.Config
}

// newSite writes the hostile content folder, a folder outside it holding the secret, and
// symbolic links from the content folder to the secret.
func newSite(t *testing.T) *site {
	t.Helper()
	root := t.TempDir()
	s := &site{root: root, content: filepath.Join(root, "content"), out: filepath.Join(root, "public"), outside: t.TempDir()}
	for name, text := range hostileFiles() {
		p := filepath.Join(s.content, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(text), 0o644))
	}
	secret := "+++\ntitle = \"" + secretMarker + "\"\ndate = 2021-08-14\n+++\n" + secretMarker + " talks resumed on Friday.\n"
	must(t, os.WriteFile(filepath.Join(s.outside, "secret.md"), []byte(secret), 0o644))
	must(t, os.WriteFile(filepath.Join(s.outside, "secret.txt"), []byte(secret), 0o644))
	must(t, os.MkdirAll(filepath.Join(s.outside, "folder"), 0o755))
	must(t, os.WriteFile(filepath.Join(s.outside, "folder", "inside.md"), []byte(secret), 0o644))
	for link, target := range map[string]string{
		"link-out.md":          filepath.Join(s.outside, "secret.md"),
		"link-out.txt":         filepath.Join(s.outside, "secret.txt"),
		"linked-folder":        s.outside,
		"sub/relative-link.md": "../../../" + filepath.Base(s.outside) + "/secret.md",
		"sub/up":               "..",
	} {
		must(t, os.Symlink(target, filepath.Join(s.content, filepath.FromSlash(link))))
	}
	// A named pipe would block a reader for ever; a file past the size limit (sparse, so
	// it costs no disk) must be refused before it is read.
	must(t, syscall.Mkfifo(filepath.Join(s.content, "pipe.md"), 0o644))
	huge, err := os.Create(filepath.Join(s.content, "huge.txt"))
	must(t, err)
	must(t, huge.Truncate(64<<20))
	must(t, huge.Close())
	// A relative link that really resolves outside: the outside folder seen from the root.
	must(t, os.Symlink(s.outside, filepath.Join(root, "outside")))
	must(t, os.Symlink("../outside/secret.md", filepath.Join(s.content, "relative-out.md")))

	s.cfg = render.DefaultConfig(root)
	s.cfg.Title = siteTitle
	s.cfg.Description = "Description " + scriptTag + " ; , \\"
	s.cfg.BaseURL = "https://example.org/site/"
	must(t, s.cfg.Check())
	return s
}

// build runs render.Build with the default theme.
func (s *site) build(ctx context.Context, cfg render.Config, strict bool) (*render.Result, error) {
	return render.Build(ctx, cfg, render.BuildOptions{Theme: timeline.Theme, Strict: strict})
}

// files reads the whole output folder: slash-separated relative path to contents.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("%s is a symbolic link", p)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// themeFS is the default theme the command line builds with.
func themeFS() fs.FS { return timeline.Theme }

// reporter is what the checkers report to: a *testing.T, or a recorder in the tests that
// show the checkers catch what they look for.
type reporter interface {
	Errorf(format string, args ...any)
}
