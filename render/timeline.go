package render

import (
	"fmt"
	"strings"
	"time"
)

// maxPageBytes (a variable for tests) is about how large one timeline page may grow before the timeline is split by
// year, then by month, then into numbered parts.
var maxPageBytes = 900_000

// yearGroup and monthGroup are the headings of a timeline.
type yearGroup struct {
	Year   int
	ID     string // anchor: y2021
	Months []*monthGroup
	Count  int
	Href   string // root-relative page listing the year, when the timeline is split
}

type monthGroup struct {
	Year     int
	Month    time.Month // 0 for the events that last longer than a month
	Heading  string     // "August 2021", "During 2018"
	Short    string     // "August", "whole year"
	ID       string     // anchor: m2021-08
	Datetime string     // 2021-08
	Events   []*eventSummary
	Count    int
	views    []*eventView `fingerprint:"-"` // the same events, for laying out the pages
	Href     string       // root-relative page listing the month, when split
}

// timelinePage is one page of the timeline: events under their headings, or, on the home
// page of a split timeline, an overview of the pages that hold them.
type timelinePage struct {
	Path     string
	Heading  string
	Years    []*yearGroup // events shown on this page
	Overview []*yearGroup // years (and months) that link to their own pages
	Up       string       // root-relative link to the page above ("" on the home page)
	Prev     *pageLink
	Next     *pageLink
	// Total counts the events of the whole timeline, on the home page only: a figure on every
	// page would change them all whenever an event is added, and an incremental build would
	// render them all again. Count counts the events under this page's heading.
	Total, Count int
	events       []*eventView `fingerprint:"-"` // its events (Years holds what the page shows of them)
}

type pageLink struct{ Href, Label string }

// group puts dated events (in date order) under year and month headings. An event longer
// than a month ("2018", "the 1990s") goes under its first year, ahead of the months, rather
// than pretending to belong to January.
func group(evs []*eventView) []*yearGroup {
	var years []*yearGroup
	for _, e := range evs {
		d, to := e.Event.From, e.Event.To
		if d.IsZero() {
			continue
		}
		if len(years) == 0 || years[len(years)-1].Year != d.Year {
			years = append(years, &yearGroup{Year: d.Year, ID: fmt.Sprintf("y%04d", d.Year)})
		}
		y := years[len(years)-1]
		var m *monthGroup
		if long := !to.IsZero() && d.AddDays(31).Before(to); long {
			m = y.longGroup(to.Year != d.Year)
		} else {
			if len(y.Months) == 0 || y.Months[len(y.Months)-1].Month != d.Month {
				y.Months = append(y.Months, &monthGroup{Year: d.Year, Month: d.Month,
					ID: fmt.Sprintf("m%04d-%02d", d.Year, d.Month), Datetime: fmt.Sprintf("%04d-%02d", d.Year, d.Month),
					Heading: fmt.Sprintf("%s %d", d.Month, d.Year), Short: d.Month.String()})
			}
			m = y.Months[len(y.Months)-1]
		}
		m.Events, m.views = append(m.Events, &e.eventSummary), append(m.views, e)
		m.Count++
		y.Count++
	}
	return years
}

// longGroup is the group, ahead of the months, of the year's events that last longer than a
// month: within the year, or running over several years.
func (y *yearGroup) longGroup(years bool) *monthGroup {
	id, heading, short := fmt.Sprintf("y%04d-all", y.Year), fmt.Sprintf("During %d", y.Year), "whole year"
	if years {
		id, heading, short = fmt.Sprintf("y%04d-on", y.Year), fmt.Sprintf("Over several years from %d", y.Year), "several years"
	}
	i := 0
	for ; i < len(y.Months) && y.Months[i].Month == 0; i++ {
		if y.Months[i].ID == id {
			return y.Months[i]
		}
	}
	m := &monthGroup{Year: y.Year, ID: id, Datetime: fmt.Sprintf("%04d", y.Year), Heading: heading, Short: short}
	y.Months = append(y.Months[:i], append([]*monthGroup{m}, y.Months[i:]...)...)
	return m
}

// estimate is about how many bytes an event takes on a timeline page.
func estimate(e *eventView) int {
	n := 600 + len(e.Title) + 2*len(e.Sentence) + len(e.Label)
	for _, a := range e.Actors {
		n += 40 + len(a)
	}
	for _, p := range e.Places {
		n += 40 + len(p)
	}
	for _, s := range e.Sources {
		n += 160 + len(s.Title) + len(s.Href)
	}
	return n
}

func estimateAll(evs []*eventView) int {
	n := 0
	for _, e := range evs {
		n += estimate(e)
	}
	return n
}

// paginate lays the timeline out on pages: all on the home page when it fits, else the home
// page is an overview with a page per year, a year too large gets a page per month, and a
// month too large is cut into numbered parts. Every event's Listed is set to its page.
func paginate(evs []*eventView, limit int) []*timelinePage {
	var dated []*eventView
	for _, e := range evs {
		if !e.Event.From.IsZero() {
			dated = append(dated, e)
		}
	}
	home := &timelinePage{Path: "", Total: len(dated), Count: len(dated)}
	if estimateAll(dated) <= limit {
		home.Years, home.events = group(dated), dated
		return listed([]*timelinePage{home})
	}
	pages := []*timelinePage{home}
	home.Overview = group(dated)
	for _, y := range home.Overview {
		var yearEvents []*eventView
		for _, m := range y.Months {
			yearEvents = append(yearEvents, m.views...)
		}
		y.Href = fmt.Sprintf("years/%04d/", y.Year)
		if estimateAll(yearEvents) <= limit {
			pages = append(pages, &timelinePage{Path: y.Href, Heading: fmt.Sprint(y.Year), Up: "",
				Years: group(yearEvents), events: yearEvents, Count: len(yearEvents)})
			continue
		}
		yearPage := &timelinePage{Path: y.Href, Heading: fmt.Sprint(y.Year), Overview: []*yearGroup{y}, Count: y.Count}
		pages = append(pages, yearPage)
		for _, m := range y.Months {
			m.Href = fmt.Sprintf("years/%04d/%02d/", m.Year, int(m.Month))
			if m.Month == 0 {
				m.Href = fmt.Sprintf("years/%04d/%s/", m.Year, strings.TrimPrefix(m.ID, fmt.Sprintf("y%04d-", m.Year)))
			}
			heading := m.Heading
			parts := split(m.views, limit)
			for i, part := range parts {
				p := &timelinePage{Path: m.Href, Heading: heading, Up: y.Href, Years: group(part), events: part, Count: len(part)}
				if i > 0 {
					p.Path = fmt.Sprintf("%s%d/", m.Href, i+1)
					p.Heading = fmt.Sprintf("%s (part %d of %d)", heading, i+1, len(parts))
				}
				pages = append(pages, p)
			}
		}
	}
	// Each page of events links to the previous and next one, in date order.
	var withEvents []*timelinePage
	for _, p := range pages {
		if len(p.events) > 0 {
			withEvents = append(withEvents, p)
		}
	}
	for i, p := range withEvents {
		if i > 0 {
			p.Prev = &pageLink{withEvents[i-1].Path, withEvents[i-1].Heading}
		}
		if i+1 < len(withEvents) {
			p.Next = &pageLink{withEvents[i+1].Path, withEvents[i+1].Heading}
		}
	}
	return listed(pages)
}

// split cuts events into runs whose estimated size stays within limit (at least one each).
func split(evs []*eventView, limit int) [][]*eventView {
	var parts [][]*eventView
	size, start := 0, 0
	for i, e := range evs {
		n := estimate(e)
		if i > start && size+n > limit {
			parts = append(parts, evs[start:i])
			start, size = i, 0
		}
		size += n
	}
	return append(parts, evs[start:])
}

func listed(pages []*timelinePage) []*timelinePage {
	for _, p := range pages {
		for _, e := range p.events {
			e.Listed = p.Path + "#e-" + e.ID
		}
	}
	return pages
}
