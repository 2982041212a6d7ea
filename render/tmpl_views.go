package render

// Methods of the views for templates.
//
// text/template finds a field by name on every use, and a field of an embedded struct only
// after a search through the embedding struct's fields that allocates: read through these,
// an event page's fields cost a third as much.

// Summary is the event as lists show it: the fields an eventView embeds (ID, Href, Label,
// Title, Sources...). {{with .Summary}} on an event page reads them directly.
func (e *eventView) Summary() *eventSummary { return &e.eventSummary }

// Meta is what any page shows of the article: the fields an articleView embeds (Slug, Href,
// Title, Outlet, License...).
func (a *articleView) Meta() *articleMeta { return &a.articleMeta }
