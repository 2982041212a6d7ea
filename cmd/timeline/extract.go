package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
)

var extractCmd = &command{
	name:    "extract",
	summary: "print every time expression in articles, resolved to TIMEX3 values",
	usage:   "timeline extract [--format jsonl|json] PATH...",
	help: `
PATH is an article file (.md, .markdown, .txt) or a folder searched for them.
Each record names the file, the byte offsets [start, end) of the expression in
that file, its text, TIMEX3 type, value and mod, the calendar interval from/to
(YYYY-MM-DD) of a resolved date, and its sentence. Expressions that cannot be
resolved (a relative date in an article with no publication date) are printed
with an underspecified value such as XXXX-07.

Examples:
  timeline extract content/
  timeline extract --format json article.md | jq '.[] | select(.type == "DATE")'`,
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		format := fs.String("format", "jsonl", "output `format`: jsonl (one record a line) or json (an array)")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if *format != "jsonl" && *format != "json" {
				return usagef("--format must be jsonl or json, not %q", *format)
			}
			if len(args) == 0 {
				return usagef("name at least one article file or folder")
			}
			docs, problems, err := corpus.Load(ctx, args, corpus.Options{Now: time.Now()})
			if err != nil {
				return err
			}
			for _, p := range problems {
				fmt.Fprintln(stderr, p)
			}
			var records []extractRecord
			for _, d := range docs {
				for _, t := range d.Timexes {
					records = append(records, newExtractRecord(d.Article.File, d.Text, t))
				}
			}
			return writeRecords(stdout, *format, records)
		}
	},
}

// extractRecord is the public schema of `timeline extract` (documented in extract/README.md).
type extractRecord struct {
	File     string       `json:"file"`
	Start    int          `json:"start"`
	End      int          `json:"end"`
	Text     string       `json:"text"`
	Type     extract.Type `json:"type"`
	Value    string       `json:"value"`
	Mod      string       `json:"mod,omitempty"`
	From     string       `json:"from,omitempty"`
	To       string       `json:"to,omitempty"`
	Sentence string       `json:"sentence"`
}

func newExtractRecord(file, text string, t extract.Timex) extractRecord {
	return extractRecord{
		File: file, Start: t.Start, End: t.End, Text: t.Text, Type: t.Type, Value: t.Value, Mod: t.Mod,
		From: t.From.String(), To: t.To.String(),
		// Markdown markup is blanked to spaces in text: collapse the runs it leaves.
		Sentence: strings.Join(strings.Fields(text[t.Sentence.Start:t.Sentence.End]), " "),
	}
}

// writeRecords writes records as JSON lines or as one indented JSON array.
func writeRecords[T any](w io.Writer, format string, records []T) error {
	enc := json.NewEncoder(w)
	if format == "json" {
		enc.SetIndent("", "  ")
		if records == nil {
			records = []T{}
		}
		return enc.Encode(records)
	}
	for _, r := range records {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}
