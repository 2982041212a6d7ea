package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// pageKind is one kind of page of the site, by its path from the root.
type pageKind struct{ name, path string }

// pageKinds finds one page of every kind in the built demo site: the timeline, an event, an
// article, the sources, the build report when there is one, and the 404 page.
func pageKinds(t *testing.T, tb *tab) []pageKind {
	t.Helper()
	tb.open("")
	rel := func(js string) string {
		href := eval[string](tb, js)
		if href == "" {
			return ""
		}
		return strings.TrimPrefix(href, tb.root)
	}
	event := rel(`(document.querySelector("[data-event] a[rel~=bookmark]") || {}).href || ""`)
	report := rel(`(document.querySelector("a[href$='report/']") || {}).href || ""`)
	tb.open("sources/")
	article := rel(`(document.querySelector("main a[href*='articles/']") || {}).href || ""`)
	kinds := []pageKind{{"home", ""}, {"event", event}, {"article", article}, {"sources", "sources/"}}
	if report != "" {
		kinds = append(kinds, pageKind{"report", report})
	}
	kinds = append(kinds, pageKind{"404", "404.html"})
	for _, k := range kinds {
		if k.path == "" && k.name != "home" {
			t.Fatalf("found no %s page to test in the demo site", k.name)
		}
	}
	return kinds
}

// colorScheme sets prefers-color-scheme for the tab ("light" or "dark").
func (tb *tab) colorScheme(scheme string) {
	tb.t.Helper()
	_, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	if err != nil {
		tb.t.Fatal(err)
	}
}

// TestAccessibility runs axe-core (WCAG 2.0–2.2, A and AA) on every kind of page, in light and
// dark mode, at desktop and phone widths, and wants no violation.
func TestAccessibility(t *testing.T) {
	tb := newTab(t)
	axeScript(t)
	kinds := pageKinds(t, tb)
	for _, scheme := range []string{"light", "dark"} {
		for _, width := range []int64{1280, 375} {
			tb.colorScheme(scheme)
			tb.do(chromedp.EmulateViewport(width, 900))
			for _, k := range kinds {
				t.Run(fmt.Sprintf("%s/%s/%d", k.name, scheme, width), func(t *testing.T) {
					tb := tb.in(t)
					tb.open(k.path)
					res := tb.axe()
					if len(res.Violations) > 0 {
						t.Errorf("axe-core: %d violations on %s%s%s", len(res.Violations), tb.root, k.path, res.report())
					}
				})
			}
		}
	}
	// A filtered view too: the status line, the reset button and hidden groups.
	t.Run("home filtered", func(t *testing.T) {
		tb := tb.in(t)
		tb.colorScheme("light")
		tb.do(chromedp.EmulateViewport(1280, 900))
		tb.open("")
		tb.open("?q=" + eval[string](tb, pickQuery))
		if res := tb.axe(); len(res.Violations) > 0 {
			t.Errorf("axe-core: %d violations on the filtered timeline%s", len(res.Violations), res.report())
		}
	})
}

// TestNoSidewaysScroll: at phone widths no page is wider than the screen.
func TestNoSidewaysScroll(t *testing.T) {
	tb := newTab(t)
	kinds := pageKinds(t, tb)
	for _, width := range []int64{375, 320} {
		tb.do(chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile))
		for _, k := range kinds {
			tb.open(k.path)
			over := eval[map[string]any](tb, `(() => {
				const d = document.documentElement;
				const wide = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
					.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : ""));
				return {scroll: d.scrollWidth, client: d.clientWidth, wide: wide.join(", ")};
			})()`)
			if over["scroll"].(float64) > over["client"].(float64) {
				t.Errorf("%s at %dpx scrolls sideways: scrollWidth %v > clientWidth %v; too wide: %v",
					k.name, width, over["scroll"], over["client"], over["wide"])
			}
		}
	}
}

// TestTargetSize: every link and control is at least 24 by 24 CSS pixels, or is inline in text
// (WCAG 2.2, 2.5.8 exempts those), at phone width.
func TestTargetSize(t *testing.T) {
	tb := newTab(t)
	kinds := pageKinds(t, tb)
	tb.do(chromedp.EmulateViewport(375, 800, chromedp.EmulateMobile))
	for _, k := range kinds {
		tb.open(k.path)
		small := eval[[]string](tb, `[...document.querySelectorAll("a[href], button, input, select, summary")]
			.filter(e => e.offsetParent !== null && getComputedStyle(e).display !== "inline")
			.filter(e => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
			.map(e => e.outerHTML.slice(0, 120))`)
		if len(small) > 0 {
			t.Errorf("%s: %d targets smaller than 24px: %v", k.name, len(small), small)
		}
	}
}

// screenshotDir is where TestScreenshots writes, for a person to look at.
func screenshotDir() string { return filepath.Join(repoRoot(), "test-artifacts", "screenshots") }

// TestScreenshots writes full-page screenshots of every kind of page at desktop (1280px) and
// phone (375px) widths, light and dark, to test-artifacts/screenshots/.
func TestScreenshots(t *testing.T) {
	tb := newTab(t)
	kinds := pageKinds(t, tb)
	dir := screenshotDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots: %s", dir)
	type size struct {
		name string
		w, h int64
		opts []chromedp.EmulateViewportOption
	}
	for _, scheme := range []string{"light", "dark"} {
		tb.colorScheme(scheme)
		for _, sz := range []size{{"desktop", 1280, 900, nil}, {"phone", 375, 812, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}}} {
			tb.do(chromedp.EmulateViewport(sz.w, sz.h, sz.opts...))
			for _, k := range kinds {
				tb.open(k.path)
				img, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.png", k.name, sz.name, scheme))
				if err := os.WriteFile(file, img, 0o644); err != nil {
					t.Fatal(err)
				}
				if k.name == "home" { // and what the first screen shows
					top, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatal(err)
					}
					file := filepath.Join(dir, fmt.Sprintf("%s-%s-%s-top.png", k.name, sz.name, scheme))
					if err := os.WriteFile(file, top, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	tb.colorScheme("light")
	tb.do(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	tb.open("")
	tb.open("?q=" + eval[string](tb, pickQuery))
	img, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "home-phone-search.png"), img, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPrintStylesheet: printed, the timeline drops the search form and the skip link, and
// keeps every event; a screenshot of the print layout goes with the others.
func TestPrintStylesheet(t *testing.T) {
	tb := newTab(t)
	tb.open("")
	total := eval[int](tb, `document.querySelectorAll("[data-event]").length`)
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	tb.open("")
	shownInPrint := eval[int](tb, `[...document.querySelectorAll("[data-event]")].filter(e => e.offsetParent !== null).length`)
	if shownInPrint != total {
		t.Errorf("printed, %d of %d events show", shownInPrint, total)
	}
	for _, sel := range []string{"#finder", ".skip-link"} {
		if eval[bool](tb, `(() => { const e = document.querySelector("`+sel+`"); return !!e && getComputedStyle(e).display !== "none"; })()`) {
			t.Errorf("printed, %s is still shown", sel)
		}
	}
	if err := os.MkdirAll(screenshotDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	img, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(), "home-print.png"), img, 0o644); err != nil {
		t.Fatal(err)
	}
}
