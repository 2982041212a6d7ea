package e2e

import (
	"time"

	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// shownEvents lists the ids of the events on the page that are not hidden, in page order.
const shownEvents = `[...document.querySelectorAll("[data-event]")].filter(e => !e.hidden && e.offsetParent !== null).map(e => e.dataset.event)`

// pickQuery finds, from the page's own events, a word in an event title that matches some
// events but not all of them, so that searching for it must narrow the list.
const pickQuery = `(() => {
	const evs = [...document.querySelectorAll("[data-event]")];
	const fold = s => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
	for (const e of evs) {
		const title = e.querySelector("h2, h3, h4, .title");
		for (const w of fold(title ? title.textContent : "").split(/[^a-z]+/)) {
			if (w.length < 5) continue;
			const n = evs.filter(x => fold(x.textContent).includes(w)).length;
			if (n > 0 && n < evs.length) return w;
		}
	}
	return "";
})()`

func TestSearchNarrowsAndURLCarriesQuery(t *testing.T) {
	tb := newTab(t)
	tb.open("")
	all := eval[[]string](tb, shownEvents)
	if len(all) < 2 {
		t.Fatalf("the demo timeline shows %d events; need at least 2 to test search", len(all))
	}
	q := eval[string](tb, pickQuery)
	if q == "" {
		t.Fatal("no title word narrows the demo timeline; cannot test search")
	}
	tb.do(chromedp.Click(chromedp.CSS("#finder-q")), chromedp.SendKeys(chromedp.CSS("#finder-q"), q))
	tb.ready()
	got := eval[[]string](tb, shownEvents)
	if len(got) == 0 || len(got) >= len(all) {
		t.Fatalf("searching %q shows %d of %d events; want fewer, and some", q, len(got), len(all))
	}
	// Every event shown mentions the word (in its visible text: title, sentence, who, where, sources).
	missing := eval[[]string](tb, `[...document.querySelectorAll("[data-event]")].filter(e => !e.hidden &&
		!e.textContent.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().includes(`+jsString(q)+`)).map(e => e.dataset.event)`)
	if len(missing) > 0 {
		t.Errorf("events shown for %q that do not mention it: %v", q, missing)
	}
	if u, _ := url.Parse(tb.location()); u.Query().Get("q") != q {
		t.Errorf("URL %s does not carry q=%s", tb.location(), q)
	}
	hits := eval[int](tb, `CSS.highlights.has("timeline-search") ? CSS.highlights.get("timeline-search").size : 0`)
	if hits < len(got) {
		t.Errorf("%d words highlighted for %d events shown", hits, len(got))
	}
	status := eval[string](tb, `document.getElementById("finder-status").textContent`)
	if !strings.Contains(status, "Showing") {
		t.Errorf("status line %q does not say what is shown", status)
	}
	// Groups left with no event are hidden with their headings.
	empty := eval[int](tb, `[...document.querySelectorAll("[data-group]")].filter(g => !g.hidden &&
		![...g.querySelectorAll("[data-event]")].some(e => !e.hidden)).length`)
	if empty != 0 {
		t.Errorf("%d year or month groups are shown with no event in them", empty)
	}
	// The page's jump links follow: none leads to a group the search hid.
	dead := eval[[]string](tb, `[...document.querySelectorAll("nav.jump a[href^='#']")].filter(a => a.offsetParent !== null)
		.filter(a => { const g = document.getElementById(a.hash.slice(1)); return g && g.hidden; }).map(a => a.hash)`)
	if len(dead) > 0 {
		t.Errorf("jump links to hidden groups are still shown: %v", dead)
	}

	t.Run("shared URL restores the view", func(t *testing.T) {
		tb2 := newTab(t)
		tb2.open("?q=" + url.QueryEscape(q))
		if v := eval[string](tb2, `document.getElementById("finder-q").value`); v != q {
			t.Errorf("search field holds %q after loading ?q=%s", v, q)
		}
		if again := eval[[]string](tb2, shownEvents); strings.Join(again, " ") != strings.Join(got, " ") {
			t.Errorf("shared URL shows %v, want %v", again, got)
		}
	})

	t.Run("clearing shows everything", func(t *testing.T) {
		tb := tb.in(t)
		tb.do(chromedp.Click(chromedp.CSS("#finder-reset")))
		if n := len(eval[[]string](tb, shownEvents)); n != len(all) {
			t.Errorf("after clearing, %d of %d events are shown", n, len(all))
		}
		if u, _ := url.Parse(tb.location()); u.RawQuery != "" {
			t.Errorf("after clearing, the URL still has a query: %s", tb.location())
		}
		if eval[bool](tb, `CSS.highlights.has("timeline-search")`) {
			t.Error("after clearing, search words are still highlighted")
		}
	})

	t.Run("no match says so", func(t *testing.T) {
		tb := tb.in(t)
		tb.do(chromedp.SendKeys(chromedp.CSS("#finder-q"), "zzqxjv"))
		if n := len(eval[[]string](tb, shownEvents)); n != 0 {
			t.Errorf("nonsense query shows %d events", n)
		}
		if s := eval[string](tb, `document.getElementById("finder-status").textContent`); !strings.Contains(s, "No events") {
			t.Errorf("status %q does not say nothing matched", s)
		}
	})
}

// TestFilters chooses each filter's first value and checks that every event left carries it.
func TestFilters(t *testing.T) {
	tb := newTab(t)
	tb.open("")
	tb.do(chromedp.Focus(chromedp.CSS("#finder-q"))) // the first touch of the form loads the index
	tb.ready()
	total := len(eval[[]string](tb, shownEvents))
	for _, f := range []struct{ name, sel, check string }{
		{"who", "#finder-who", `e.querySelector(".who") && e.querySelector(".who").textContent.includes(v)`},
		{"where", "#finder-where", `e.querySelector(".where") && e.querySelector(".where").textContent.includes(v)`},
		{"src", "#finder-src", `e.querySelector(".sources") && e.querySelector(".sources").textContent.includes(v)`},
		{"year", "#finder-year", `(e.dataset.from || "").startsWith(v)`},
	} {
		t.Run(f.name, func(t *testing.T) {
			tb := tb.in(t)
			v := eval[string](tb, `(() => { const s = document.querySelector("`+f.sel+`");
				return s.options.length > 1 ? s.options[1].value : ""; })()`)
			if v == "" { // nothing to choose: then the filter must not be offered
				if !eval[bool](tb, `document.querySelector("`+f.sel+`").closest("[data-facet]").hidden`) {
					t.Errorf("the %s filter is offered with no value to choose", f.name)
				}
				return
			}
			// Choose it with the keyboard, as a user without a mouse would.
			tb.do(chromedp.Focus(chromedp.CSS(f.sel)), press(kb.ArrowDown))
			got := eval[string](tb, `document.querySelector("`+f.sel+`").value`)
			if got != v {
				t.Fatalf("after ArrowDown the %s filter is %q, want %q", f.name, got, v)
			}
			shown := eval[[]string](tb, shownEvents)
			if len(shown) == 0 {
				t.Fatalf("filter %s=%s shows no event", f.name, v)
			}
			bad := eval[[]string](tb, `(() => { const v = `+jsString(v)+`;
				return [...document.querySelectorAll("[data-event]")].filter(e => !e.hidden && !(`+f.check+`)).map(e => e.dataset.event); })()`)
			if len(bad) > 0 {
				t.Errorf("filter %s=%s shows events without it: %v", f.name, v, bad)
			}
			if u, _ := url.Parse(tb.location()); u.Query().Get(f.name) != v {
				t.Errorf("URL %s does not carry %s=%s", tb.location(), f.name, v)
			}
			tb.do(chromedp.Click(chromedp.CSS("#finder-reset")))
			if n := len(eval[[]string](tb, shownEvents)); n != total {
				t.Errorf("after clearing, %d of %d events are shown", n, total)
			}
		})
	}
	t.Run("a name under an event filters on it", func(t *testing.T) {
		tb := tb.in(t)
		for _, facet := range []string{"who", "where"} {
			name := eval[string](tb, `(document.querySelector("[data-event] .facet-link[data-facet=`+facet+`]") || {}).textContent || ""`)
			if name == "" {
				t.Fatalf("no %s name under any event is a button", facet)
			}
			tb.do(chromedp.Click(chromedp.CSS(`[data-event] .facet-link[data-facet=` + facet + `]`)))
			if v := eval[string](tb, `document.getElementById("finder-`+facet+`").value`); v != name {
				t.Errorf("clicking %q set the %s filter to %q", name, facet, v)
			}
			bad := eval[[]string](tb, `[...document.querySelectorAll("[data-event]")].filter(e => !e.hidden &&
				![...e.querySelectorAll(".facet-link[data-facet=`+facet+`]")].some(b => b.textContent === `+jsString(name)+`)).map(e => e.dataset.event)`)
			if len(bad) > 0 {
				t.Errorf("after clicking %q, events without it are shown: %v", name, bad)
			}
			if u, _ := url.Parse(tb.location()); u.Query().Get(facet) != name {
				t.Errorf("URL %s does not carry %s=%s", tb.location(), facet, name)
			}
			tb.do(chromedp.Click(chromedp.CSS("#finder-reset")))
		}
	})
	t.Run("key events", func(t *testing.T) {
		tb := tb.in(t)
		keyCount := eval[int](tb, `document.querySelectorAll("[data-event][data-weight]:not([data-weight='1'])").length`)
		hidden := eval[bool](tb, `document.getElementById("finder-key").closest("[data-facet]").hidden`)
		if keyCount == 0 {
			if !hidden {
				t.Error("no event is reported by several articles, yet the key-events filter is offered")
			}
			return
		}
		tb.do(chromedp.Click(chromedp.CSS("#finder-key")))
		bad := eval[[]string](tb, `[...document.querySelectorAll("[data-event]")].filter(e => !e.hidden && +e.dataset.weight < 2).map(e => e.dataset.event)`)
		if n := len(eval[[]string](tb, shownEvents)); n != keyCount || len(bad) > 0 {
			t.Errorf("key events: %d shown, want %d; shown with one source: %v", n, keyCount, bad)
		}
		if u, _ := url.Parse(tb.location()); u.Query().Get("key") != "1" {
			t.Errorf("URL %s does not carry key=1", tb.location())
		}
		tb.do(chromedp.Click(chromedp.CSS("#finder-reset")))
	})
}

func TestKeyboard(t *testing.T) {
	tb := newTab(t)
	tb.open("")
	ids := eval[[]string](tb, shownEvents)
	if len(ids) < 3 {
		t.Fatalf("need at least 3 events, the demo has %d", len(ids))
	}
	active := func() string {
		return eval[string](tb, `(() => { const a = document.activeElement;
			return a.dataset && a.dataset.event ? "event:" + a.dataset.event : a.id ? "#" + a.id : a.tagName; })()`)
	}
	tb.keys("/")
	if a := active(); a != "#finder-q" {
		t.Fatalf("after /, focus is on %s, want the search field", a)
	}
	tb.do(chromedp.Blur(chromedp.CSS("#finder-q")))
	steps := []struct {
		key  string
		want string
	}{
		{"j", ids[0]}, {"j", ids[1]}, {"j", ids[2]}, {"k", ids[1]},
		{kb.ArrowDown, ids[2]}, {kb.ArrowUp, ids[1]}, {kb.Home, ids[0]}, {kb.End, ids[len(ids)-1]}, {kb.Home, ids[0]},
	}
	for _, s := range steps {
		tb.keys(s.key)
		if a := active(); a != "event:"+s.want {
			t.Fatalf("after %q, focus is on %s, want event:%s", s.key, a, s.want)
		}
	}
	// The focused event shows a ring: an outline at least 2px wide, not "none".
	ring := eval[string](tb, `(() => { const s = getComputedStyle(document.activeElement);
		return s.outlineStyle + " " + s.outlineWidth; })()`)
	if strings.HasPrefix(ring, "none") || strings.HasSuffix(ring, " 0px") || strings.HasSuffix(ring, " 1px") {
		t.Errorf("the focused event has no visible focus ring: outline %q", ring)
	}
	// Only the current event is in the tab order (roving tabindex).
	if n := eval[int](tb, `document.querySelectorAll("[data-event][tabindex='0']").length`); n != 1 {
		t.Errorf("%d events have tabindex=0, want exactly 1", n)
	}
	tb.keys("j") // ids[1]
	href := eval[string](tb, `(() => { const a = document.activeElement.querySelector("a[rel~=bookmark]");
		return a ? a.href : ""; })()`)
	if href == "" {
		t.Fatal(`the focused event has no a[rel~="bookmark"] permalink`)
	}
	if _, err := chromedp.RunResponse(tb.ctx, press(kb.Enter)); err != nil {
		t.Fatalf("Enter on an event: %v", err)
	}
	tb.settle()
	if loc := tb.location(); loc != href {
		t.Errorf("Enter on event %s opened %s, want %s", ids[1], loc, href)
	}

	t.Run("j and k on an event page go to the next and previous event", func(t *testing.T) {
		tb := tb.in(t)
		tb.open("")
		second := eval[string](tb, `document.querySelectorAll("[data-event] a[rel~=bookmark]")[1].href`)
		third := eval[string](tb, `document.querySelectorAll("[data-event] a[rel~=bookmark]")[2].href`)
		tb.do(chromedp.Navigate(second))
		tb.settle()
		for _, step := range []struct{ key, want string }{{"j", third}, {"k", second}} {
			if _, err := chromedp.RunResponse(tb.ctx, press(step.key)); err != nil {
				t.Fatalf("%s on an event page: %v", step.key, err)
			}
			tb.settle()
			if loc := tb.location(); loc != step.want {
				t.Errorf("after %s the page is %s, want %s", step.key, loc, step.want)
			}
		}
	})

	t.Run("search then arrow into the results", func(t *testing.T) {
		tb := tb.in(t)
		tb.open("")
		tb.keys("/")
		q := eval[string](tb, pickQuery)
		tb.keys(q)
		tb.ready()
		first := eval[[]string](tb, shownEvents)
		tb.keys(kb.ArrowDown)
		if a := active(); len(first) == 0 || a != "event:"+first[0] {
			t.Errorf("ArrowDown from the search field focused %s, want the first result %v", a, first)
		}
	})
}

// TestPermalink opens an event's page from its permalink, and the timeline at its anchor.
func TestPermalink(t *testing.T) {
	tb := newTab(t)
	tb.open("")
	ev := eval[map[string]string](tb, `(() => { const e = document.querySelectorAll("[data-event]")[1];
		const a = e.querySelector("a[rel~=bookmark]");
		return {id: e.dataset.event, anchor: e.id, href: a ? a.href : "", title: a ? a.textContent.trim() : ""}; })()`)
	if ev["href"] == "" {
		t.Fatal(`event has no a[rel~="bookmark"] permalink`)
	}
	tb.do(chromedp.Navigate(ev["href"]))
	tb.settle()
	h1 := eval[string](tb, `document.querySelector("h1") ? document.querySelector("h1").textContent : ""`)
	if !strings.Contains(squash(h1), squash(ev["title"])) {
		t.Errorf("permalink %s opened a page whose h1 is %q, want the event title %q", ev["href"], h1, ev["title"])
	}
	if n := eval[int](tb, `document.querySelectorAll("h1").length`); n != 1 {
		t.Errorf("event page has %d h1 elements, want 1", n)
	}
	// Back on the timeline, the event's anchor scrolls to it and marks it.
	if ev["anchor"] != "" {
		tb.open("#" + ev["anchor"])
		target := eval[string](tb, `(document.querySelector(":target") || {}).id || ""`)
		if target != ev["anchor"] {
			t.Errorf("timeline#%s targets %q", ev["anchor"], target)
		}
	}
}

// TestWithoutJavaScript: with scripts off, the whole timeline is there and no dead form shows.
func TestWithoutJavaScript(t *testing.T) {
	tb := newTab(t)
	tb.open("")
	withJS := len(eval[[]string](tb, shownEvents))
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.do(chromedp.Navigate(tb.root + "?q=zzqxjv"))
	// Page scripts are off; the protocol's own evaluation still reads the DOM.
	if js := eval[bool](tb, `!!document.querySelector("[data-event][tabindex]")`); js {
		t.Fatal("reader.js ran though scripts were turned off") // it gives every event a tabindex
	}
	shown := eval[[]string](tb, shownEvents)
	if len(shown) != withJS {
		t.Errorf("without JavaScript the timeline shows %d events, with it %d", len(shown), withJS)
	}
	if visible := eval[bool](tb, `(() => { const f = document.getElementById("finder"); return !!f && f.offsetParent !== null; })()`); visible {
		t.Error("without JavaScript the search form is shown, though it cannot work")
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestIndexLoadsOnDemand: on a phone, where the filters start closed, the page does not fetch
// the search index until the reader touches the search form.
func TestIndexLoadsOnDemand(t *testing.T) {
	tb := newTab(t)
	tb.do(chromedp.EmulateViewport(375, 800, chromedp.EmulateMobile))
	tb.open("")
	fetched := `performance.getEntriesByType("resource").some(r => r.name.includes("search-index.json"))`
	tb.do(chromedp.Sleep(300 * time.Millisecond)) // time for an idle callback, had it been asked for
	if eval[bool](tb, fetched) {
		t.Error("the phone page fetched the search index before anyone used the search")
	}
	if eval[bool](tb, `document.getElementById("finder-more").open`) {
		t.Error("on a phone the filters start open; they should wait behind their summary")
	}
	tb.do(chromedp.Click(chromedp.CSS("#finder-q")))
	tb.ready()
	if !eval[bool](tb, fetched) {
		t.Error("the index is in, yet no request for search-index.json was seen")
	}
}
