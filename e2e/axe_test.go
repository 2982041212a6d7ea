package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the rule sets run: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

var axeSource struct {
	once sync.Once
	js   string
	err  error
}

// axeScript is axe-core's axe.min.js from e2e/node_modules (npm ci, run by ./test.sh).
func axeScript(t *testing.T) string {
	t.Helper()
	axeSource.once.Do(func() {
		b, err := os.ReadFile(filepath.Join(repoRoot(), "e2e", "node_modules", "axe-core", "axe.min.js"))
		axeSource.js, axeSource.err = string(b), err
	})
	if axeSource.err != nil {
		msg := fmt.Sprintf("axe-core is missing (%v): run `npm ci` in e2e/ (./test.sh does)", axeSource.err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return axeSource.js
}

type axeResult struct {
	Violations []axeViolation `json:"violations"`
	Passes     int            `json:"passes"`
}

type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axe runs axe-core on the page in the tab and returns what it found.
func (tb *tab) axe() axeResult {
	tb.t.Helper()
	src := axeScript(tb.t)
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		tb.t.Fatalf("injecting axe-core: %v", err)
	}
	tags, _ := json.Marshal(axeTags)
	raw := eval[string](tb, `axe.run(document, {runOnly: {type: "tag", values: `+string(tags)+`},
		resultTypes: ["violations"]}).then(r => JSON.stringify({violations: r.violations, passes: r.passes.length}))`)
	var res axeResult
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		tb.t.Fatalf("reading axe-core's result: %v", err)
	}
	if res.Passes == 0 {
		tb.t.Fatalf("axe-core passed no rule on %s: it did not really run", tb.location())
	}
	return res
}

// report formats violations for a person: rule, impact, help and each offending element.
func (r axeResult) report() string {
	var b strings.Builder
	for _, v := range r.Violations {
		fmt.Fprintf(&b, "\n  %s (%s): %s\n    %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for i, n := range v.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "    … and %d more elements\n", len(v.Nodes)-5)
				break
			}
			html := n.HTML
			if len(html) > 200 {
				html = html[:200] + "…"
			}
			fmt.Fprintf(&b, "    - %v\n      %s\n      %s\n", n.Target, html,
				strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n      "))
		}
	}
	return b.String()
}
