package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pickIndexWord finds, in the search index, a word of an event title that a few events share
// (2 to 40 of them), so that searching for it gives a short list spread over several pages.
const pickIndexWord = `fetch(document.getElementById("finder").dataset.index).then(r => r.json()).then(d => {
	const hay = d.events.map(e => (e.t + " " + e.x).toLowerCase());
	for (const e of d.events) {
		for (const w of e.t.toLowerCase().split(/[^a-z]+/)) {
			if (w.length < 6) continue;
			const n = hay.filter(h => h.includes(w)).length;
			if (n >= 2 && n <= 40) return w;
		}
	}
	return "";
})`

// TestSearchAcrossPages: on a timeline split by year, the home page is an overview with no
// events of its own; searching there lists the matches, which link to their event pages.
func TestSearchAcrossPages(t *testing.T) {
	tb := newTab(t)
	tb.root = bigSite(t)
	tb.open("")
	if n := eval[int](tb, `document.querySelectorAll("[data-event]").length`); n != 0 {
		t.Fatalf("the generated timeline's home lists %d events; want an overview (split by year)", n)
	}
	tb.do(chromedp.Click(chromedp.CSS("#finder-q")))
	tb.ready()
	q := eval[string](tb, pickIndexWord)
	if q == "" {
		t.Fatal("no title word is shared by 2 to 40 events of the generated timeline")
	}
	tb.keys(q)
	links := eval[[]string](tb, `[...document.querySelectorAll("#finder-elsewhere:not([hidden]) li a")].map(a => a.textContent)`)
	if len(links) < 2 {
		t.Fatalf("searching %q on the overview lists %d matches, want at least 2", q, len(links))
	}
	if s := eval[string](tb, `document.getElementById("finder-status").textContent`); !strings.Contains(s, "match, listed below") {
		t.Errorf("status %q does not say the matches are listed", s)
	}
	if res := tb.axe(); len(res.Violations) > 0 {
		t.Errorf("axe-core: %d violations on the overview with matches listed%s", len(res.Violations), res.report())
	}
	// Follow it from the keyboard (a mouse click at the middle of a link that wraps onto two lines
	// can land beside it).
	eval[bool](tb, `(document.querySelector("#finder-elsewhere li a").focus(), true)`)
	if _, err := chromedp.RunResponse(tb.ctx, press(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	tb.settle()
	if h1 := eval[string](tb, `document.querySelector("h1").textContent`); !strings.Contains(squash(h1), squash(links[0])) {
		t.Errorf("the first match, %q, opened a page titled %q", links[0], h1)
	}

	t.Run("year page", func(t *testing.T) {
		tb := tb.in(t)
		tb.open("")
		// A year with a page of its own (not split by month) and a few events: axe-core takes
		// seconds on the largest pages.
		year := eval[string](tb, `(() => {
			const years = [...document.querySelectorAll(".overview .years > li")].map(li => ({
				href: li.querySelector("a").href, n: +(li.querySelector(".n") || {textContent: "0"}).textContent.replace(/\D/g, ""),
				split: !!li.querySelector(".months a[href*='years/'][href$='/']:not([href*='#'])") }));
			const whole = years.filter(y => !y.split && y.n >= 5).sort((a, b) => a.n - b.n);
			return whole.length ? whole[0].href : "";
		})()`)
		if year == "" {
			t.Fatal("the overview links no year page")
		}
		tb.do(chromedp.Navigate(year))
		tb.settle()
		if res := tb.axe(); len(res.Violations) > 0 {
			t.Errorf("axe-core: %d violations on %s%s", len(res.Violations), year, res.report())
		}
		if eval[int](tb, `document.querySelectorAll("[data-event]").length`) == 0 {
			t.Fatalf("year page %s lists no event", year)
		}
		// Search for someone named on this page: the page's own events narrow, the rest are listed.
		who := eval[string](tb, `(document.querySelector("[data-event] .actor") || {}).textContent || ""`)
		if who == "" {
			t.Fatalf("no event on %s names anyone", year)
		}
		tb.do(chromedp.Click(chromedp.CSS("#finder-q")), chromedp.SendKeys(chromedp.CSS("#finder-q"), who))
		tb.ready()
		bad := eval[[]string](tb, `[...document.querySelectorAll("[data-event]")].filter(e => !e.hidden &&
			!e.textContent.toLowerCase().includes(`+jsString(strings.ToLower(who))+`)).map(e => e.dataset.event)`)
		if n := len(eval[[]string](tb, shownEvents)); n == 0 || len(bad) > 0 {
			t.Errorf("searching %q on %s shows %d events, of which these do not mention it: %v", who, year, n, bad)
		}
	})
}
