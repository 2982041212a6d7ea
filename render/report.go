package render

import (
	"sort"
	"strings"
)

// reportData is the build report: every problem and unresolved expression, file by file.
type reportData struct {
	Articles        int           `json:"articles"`
	Events          int           `json:"events"`
	Problems        []problemItem `json:"problems"`
	Unresolved      []unresolved  `json:"unresolved"`
	UnresolvedCount int           `json:"-"`
	Files           []*reportFile `json:"-"`
}

type problemItem struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

type unresolved struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Value    string `json:"value"`
	Sentence string `json:"sentence"`
	Href     string `json:"-"`
}

type reportFile struct {
	File       string
	ID         string
	Href       string
	Problems   []problemItem
	Unresolved []unresolved
}

// report is the build report, made with the views (see makeReport).
func (s *site) report() *reportData { return s.rep }

// makeReport makes the build report from the views while they hold their notes (articleNotes).
func (s *site) makeReport() *reportData {
	r := &reportData{Articles: len(s.articles), Events: len(s.events), Problems: []problemItem{}, Unresolved: []unresolved{}}
	byFile := map[string]*reportFile{}
	file := func(name string) *reportFile {
		if f := byFile[name]; f != nil {
			return f
		}
		f := &reportFile{File: s.sitePath(name)}
		if a := s.byFile[name]; a != nil {
			f.File, f.Href = a.File, a.Href
		}
		byFile[name] = f
		return f
	}
	for _, p := range s.problems {
		item := problemItem{File: s.sitePath(p.File), Line: p.Line, Col: p.Col, Severity: string(p.Severity), Message: p.Message}
		r.Problems = append(r.Problems, item)
		f := file(p.File)
		f.Problems = append(f.Problems, item)
	}
	for _, a := range s.articles {
		for _, u := range a.notes.unresolved {
			f := file(a.file)
			u.File, u.Href = s.sitePath(a.file), a.Href+"#"+timexAnchor(u.Start)
			r.Unresolved = append(r.Unresolved, u)
			f.Unresolved = append(f.Unresolved, u)
		}
	}
	r.UnresolvedCount = len(r.Unresolved)
	taken := map[string]bool{}
	for _, f := range byFile {
		r.Files = append(r.Files, f)
	}
	sort.Slice(r.Files, func(i, j int) bool { return r.Files[i].File < r.Files[j].File })
	for _, f := range r.Files {
		f.ID = Slug(f.File, taken)
	}
	return r
}

// lineOf is the 1-based line of byte offset off in text.
func lineOf(text string, off int) int {
	if off > len(text) {
		off = len(text)
	}
	return strings.Count(text[:off], "\n") + 1
}
