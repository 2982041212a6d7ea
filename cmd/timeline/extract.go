package main

import (
	"bufio"
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
			// Records are written as each article is extracted, in file order: memory holds a
			// few articles, not the archive.
			out := newRecordWriter(stdout, *format)
			problems, err := corpus.Walk(ctx, args, corpus.Options{Now: time.Now()}, func(d corpus.Doc) error {
				for _, t := range d.Timexes {
					if err := out.write(newExtractRecord(d.Article.File, d.Text, t)); err != nil {
						return err
					}
				}
				return nil
			})
			for _, p := range problems {
				fmt.Fprintln(stderr, p)
			}
			if err != nil {
				return err
			}
			return out.close()
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
	out := newRecordWriter(w, format)
	for _, r := range records {
		if err := out.write(r); err != nil {
			return err
		}
	}
	return out.close()
}

// recordWriter writes records one at a time, as JSON lines or as one indented JSON array (the
// bytes json.Encoder with SetIndent("", "  ") writes for the whole slice), so that a command
// never has to hold its output.
type recordWriter struct {
	w     *bufio.Writer
	array bool
	n     int
}

func newRecordWriter(w io.Writer, format string) *recordWriter {
	return &recordWriter{w: bufio.NewWriterSize(w, 64<<10), array: format == "json"}
}

func (rw *recordWriter) write(v any) error {
	if !rw.array {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		rw.w.Write(data)
		return rw.w.WriteByte('\n')
	}
	data, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil {
		return err
	}
	if rw.n == 0 {
		rw.w.WriteString("[\n  ")
	} else {
		rw.w.WriteString(",\n  ")
	}
	rw.n++
	_, err = rw.w.Write(data)
	return err
}

// close ends the array, if any, and flushes.
func (rw *recordWriter) close() error {
	if rw.array {
		if rw.n == 0 {
			rw.w.WriteString("[]\n")
		} else {
			rw.w.WriteString("\n]\n")
		}
	}
	return rw.w.Flush()
}
