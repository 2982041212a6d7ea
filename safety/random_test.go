package safety

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/render"
)

// fragments are the pieces random articles are made of: hostile markup for every output
// format, separators, odd Unicode, and plain words and dates so that events come out.
var fragments = []string{
	scriptTag, imgAttr, cdataEnd, titleClose, templateDot, `{{template "base" .}}`, `<!--`, `-->`, `<![CDATA[`,
	`&amp;`, `&lt;`, `&#0;`, `&`, `<`, `>`, `"`, `'`, "`", `\`, `;`, `,`, `:`, `\n`, `\,`, "\r\nATTENDEE:x\r\n",
	"\u2028", "\u2029", "\u202e", "\u200b", "\ufeff", "\ufffd", "\uffff", "🚀", "👩‍👩‍👧", "مرحبا", "עברית", "é", "e\u0301",
	"javascript:alert(1)", "[x](javascript:alert(1))", "<a href=javascript:alert(1)>", "](", "*", "_", "#", "> ", "- ", "1. ",
	"Kabul", "Herat", "Ahmad Shah", "the council", "met", "said", "talks", "on Friday", "on August 6", "last week",
	"![i](javascript:x)", "<svg/onload=alert(1)>", "\n[a]: javascript:alert(1)\n", "[a]", "<https://example.org/\"onmouseover=x>",
	"[t](https://example.org/ \"\\\" onmouseover=x\")", "&#106;avascript:alert(1)", "<style>*{}</style>", "<iframe src=x>", "```", "~~~",
	"    indented code", "<form action=javascript:x><button>", "data:text/html,<script>alert(1)</script>", "on December 31", "tomorrow",
	"in late July", "yesterday", "2021-08-14", "..", "/", "../", "CON", " ", "  ", "\t", strings.Repeat("x", 300),
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(fragments[r.IntN(len(fragments))])
		if r.IntN(3) == 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestRandomHostileSites builds sites of articles stitched together from hostile fragments at
// random (seeded: every run is the same) and checks every output as TestHostileSite does.
func TestRandomHostileSites(t *testing.T) {
	seeds := uint64(3)
	if n, err := strconv.ParseUint(os.Getenv("SAFETY_SEEDS"), 10, 64); err == nil {
		seeds = n // more for a longer hunt: SAFETY_SEEDS=200 go test ./safety -run Random
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 0x5afe))
			s := smallSite(t)
			s.cfg.Title = siteTitle
			s.cfg.BaseURL = "https://example.org/site/"
			must(t, s.cfg.Check())
			for i := range 30 {
				name := strings.NewReplacer("/", "-", "\x00", "").Replace(randomText(r, 1+r.IntN(3)))
				if len(name) > 100 {
					name = name[:100]
				}
				ext := []string{".md", ".txt", ".markdown"}[r.IntN(3)]
				fm := fmt.Sprintf("+++\ntitle = %s\ndate = %s\nsource = %s\nauthor = %s\nlicense = %s\nurl = %s\ntags = [%s]\n+++\n",
					tomlString(randomText(r, 1+r.IntN(6))), []string{"2021-08-14", "2021-08-02", "9999-12-31", "0001-01-01", "1899-12-31", `"2021-08-14T23:59:59-12:00"`, "2020-02-29T00:00:00+14:00"}[r.IntN(7)], tomlString(randomText(r, r.IntN(4))),
					tomlString(randomText(r, r.IntN(3))), tomlString(randomText(r, r.IntN(3))),
					tomlString([]string{"https://example.org/" + randomText(r, 2), "javascript:alert(1)", ""}[r.IntN(3)]),
					tomlString(randomText(r, 1)))
				var body strings.Builder
				for range 1 + r.IntN(6) {
					body.WriteString(randomText(r, 4+r.IntN(20)))
					body.WriteString([]string{". ", ".\n", ".\n\n", ".\r\n", "! "}[r.IntN(5)])
				}
				must(t, os.WriteFile(filepath.Join(s.content, fmt.Sprintf("%02d %s%s", i, name, ext)), []byte(fm+body.String()), 0o644))
			}
			res, err := render.Build(context.Background(), s.cfg, render.BuildOptions{Theme: themeFS()})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range res.Problems {
				if strings.ContainsFunc(p.String(), func(r rune) bool { return r < 0x20 }) {
					t.Errorf("problem %q holds a control character", p.String())
				}
			}
			if res.Articles < 20 || res.Events < 10 {
				t.Errorf("only %d articles and %d events built: the random site proves little", res.Articles, res.Events)
			}
			files := readTree(t, s.out)
			if len(files) != res.Files+1 {
				t.Errorf("the build wrote %d files but %d are on disk", res.Files, len(files)-1)
			}
			checkUTF8(t, s, files)
			checkHTMLPages(t, files, themeScripts(t), basePath(s))
			checkJSONFiles(t, s, files)
			checkXMLFiles(t, s, files)
			calendar(t, files["events.ics"])
		})
	}
}
