package render

import "fmt"

// listPart is one page of a list cut into pages (sources, report) so that none grows past about
// maxPageBytes: items [Start, End) of the list, at Path.
type listPart struct {
	Path       string
	Start, End int
	Number     int        // 1-based
	Parts      []pageLink // every part, for the pager ("" Href marks the current one)
	Prev, Next *pageLink
}

// cut lays a list out on pages of about limit bytes, given each item's estimated size. The
// first page is at base ("sources/"), the next at base+"2/", and so on.
func cut(base string, sizes []int, limit int) []*listPart {
	var parts []*listPart
	start, size := 0, 0
	for i, n := range sizes {
		if i > start && size+n > limit {
			parts = append(parts, &listPart{Start: start, End: i})
			start, size = i, 0
		}
		size += n
	}
	parts = append(parts, &listPart{Start: start, End: len(sizes)})
	for i, p := range parts {
		p.Number, p.Path = i+1, base
		if i > 0 {
			p.Path = fmt.Sprintf("%s%d/", base, i+1)
		}
	}
	if len(parts) == 1 {
		return parts
	}
	for i, p := range parts {
		for j, q := range parts {
			link := pageLink{Href: q.Path, Label: fmt.Sprint(j + 1)}
			if i == j {
				link.Href = ""
			}
			p.Parts = append(p.Parts, link)
		}
		if i > 0 {
			p.Prev = &pageLink{parts[i-1].Path, fmt.Sprint(i)}
		}
		if i+1 < len(parts) {
			p.Next = &pageLink{parts[i+1].Path, fmt.Sprint(i + 2)}
		}
	}
	return parts
}

// sourcesPage is one page of the sources list.
type sourcesPage struct {
	Part     *listPart
	Articles []*articleView
	Total    int
}

// reportPage is one page of the build report.
type reportPage struct {
	*reportData
	Part  *listPart
	Files []*reportFile
}

func articleSize(a *articleView) int {
	return 700 + 2*len(a.Title) + len(a.Outlet) + len(a.License) + len(a.File) + len(a.URL)
}

func reportFileSize(f *reportFile) int {
	n := 300 + 2*len(f.File)
	for _, p := range f.Problems {
		n += 150 + len(p.Message)
	}
	for _, u := range f.Unresolved {
		n += 250 + len(u.Text) + len(u.Sentence) + len(u.Href)
	}
	return n
}
