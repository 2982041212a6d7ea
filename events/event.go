// Package events turns resolved date expressions into a deduplicated, chronological list of
// events, each with every article that reports it.
package events

import "github.com/timeline-news/timeline/extract"

// Event is one happening on the timeline. Its JSON form is the public schema of
// `timeline events` and of the site's events.json (documented in README.md).
type Event struct {
	ID    string       `json:"id"` // stable while the event's sources stay the same
	Value string       `json:"value"`
	Mod   string       `json:"mod,omitempty"`
	From  extract.Date `json:"from"`
	To    extract.Date `json:"to"`
	Label string       `json:"label"` // "26 July 2021", "late July 2021", "week of 2 August 2021"
	// Precision is the unit of the date: time, day, days, week, weekend, month, months, season,
	// quarter, half, year, decade or century.
	Precision string   `json:"precision"`
	Title     string   `json:"title"`
	Text      string   `json:"text"` // the sentence of its first source
	Actors    []string `json:"actors"`
	Places    []string `json:"places"`
	Weight    int      `json:"weight"` // how many distinct articles report it
	// Merged explains each join of two sources, strongest first: their dates, the names and
	// words they share, and their similarity.
	Merged  []string `json:"merged,omitempty"`
	Sources []Source `json:"sources"`
}

// Source is one report of an event: where in which article it is said.
type Source struct {
	File     string `json:"file"`
	Title    string `json:"title"`
	Start    int    `json:"start"` // byte offsets of the date expression in the file
	End      int    `json:"end"`
	Text     string `json:"text"` // the date expression
	Sentence string `json:"sentence"`
}
