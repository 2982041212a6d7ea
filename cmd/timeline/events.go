package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/render"
)

var eventsCmd = &command{
	name:    "events",
	summary: "print the deduplicated, ordered events of a set of articles",
	usage:   "timeline events [--format json|jsonl] [--threshold N] [--config FILE] [PATH...]",
	help: `
PATH is an article file (.md, .markdown, .txt) or a folder searched for them;
with no PATH, the content folder of the site (site.toml's "content", default
content/).

Every date expression that dates a happening becomes an event. The same
happening reported by several articles becomes one event with several
sources, dated by the most precise of their dates: two reports join when
their dates share a day, their sentences are similar enough (names and
content words in common, rare ones weighing more) and they are not about
different people or companies - see events/README.md.
"merged" says, for each join, which names and words the sources share.
Durations, frequencies, generic uses ("today is the time to act") and dates
left unresolved are not events; unresolved ones are reported on stderr.

Each record has: id (stable while the event's sources stay the same), value
and mod (TIMEX3), from and to (its calendar interval, YYYY-MM-DD), label
("26 July 2021", "late July 2021"), precision, title, text (the sentence),
actors and places (names found in the sentence), weight (how many articles
report it), merged, and sources (file, title, start, end, text, sentence).
Events come sorted by date: interval start, then the more precise first, then
source order.

Examples:
  timeline events
  timeline events content/
  timeline events --format json content/ | jq '.[] | select(.weight > 1)'
  timeline events --threshold 0.5 a.md b.md     # merge only close paraphrases`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		format := fs.String("format", "jsonl", "output `format`: jsonl (one event a line) or json (an array)")
		threshold := fs.Float64("threshold", events.DefaultMergeThreshold,
			"similarity `N` (0..1) two date-compatible reports need to merge; above 1 never merges")
		config := fs.String("config", "site.toml", "the site's settings `file`, read for its content folder when no PATH is given")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if *format != "jsonl" && *format != "json" {
				return usagef("--format must be jsonl or json, not %q", *format)
			}
			if *threshold <= 0 {
				return usagef("--threshold must be above 0, not %v", *threshold)
			}
			if len(args) == 0 {
				content, err := siteContent(*config)
				if err != nil {
					return err
				}
				args = []string{content}
			}
			// Articles are read and let go one by one: what is kept of each is its mentions,
			// so memory grows with the events, not with the text.
			opts := events.Options{MergeThreshold: *threshold}
			var mentions []events.DocMentions
			problems, err := corpus.Walk(ctx, args, corpus.Options{Now: time.Now()}, func(d corpus.Doc) error {
				mentions = append(mentions, events.Collect(d, opts))
				return nil
			})
			if err != nil {
				return err
			}
			for _, p := range problems {
				fmt.Fprintln(stderr, p)
			}
			return writeRecords(stdout, *format, events.Assemble(mentions, opts))
		}
	},
}

// siteContent is the content folder named by the site's config file; with no config file at
// the default path, the default content folder.
func siteContent(file string) (string, error) {
	cfg, err := render.LoadConfig(file)
	if errors.Is(err, os.ErrNotExist) && file == "site.toml" {
		cfg = render.DefaultConfig(".")
	} else if err != nil {
		return "", err
	}
	content := cfg.Path(cfg.Content)
	if _, err := os.Stat(content); err != nil {
		return "", fmt.Errorf("no PATH given and the site's content folder %s cannot be read: %v", content, err)
	}
	return content, nil
}
