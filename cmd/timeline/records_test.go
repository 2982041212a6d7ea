package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestRecordWriter checks that streaming records writes exactly the bytes json.Encoder writes for
// the whole slice, in both formats, including no records and markup that JSON escapes.
func TestRecordWriter(t *testing.T) {
	type rec struct {
		File string   `json:"file"`
		N    int      `json:"n,omitempty"`
		Tags []string `json:"tags"`
	}
	sets := map[string][]rec{
		"none":  nil,
		"one":   {{File: "a.md", N: 1}},
		"three": {{File: "a.md", N: 1, Tags: []string{"x"}}, {File: "<b>&\u2028.md"}, {File: "c.md", Tags: []string{}}},
	}
	for name, records := range sets {
		for _, format := range []string{"json", "jsonl"} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			if format == "json" {
				enc.SetIndent("", "  ")
				all := records
				if all == nil {
					all = []rec{}
				}
				enc.Encode(all)
			} else {
				for _, r := range records {
					enc.Encode(r)
				}
			}
			var got bytes.Buffer
			if err := writeRecords(&got, format, records); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s, %s:\ngot  %q\nwant %q", name, format, got.String(), want.String())
			}
		}
	}
}
