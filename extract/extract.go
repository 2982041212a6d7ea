package extract

// Extract finds every time expression in text and resolves it against the publication date
// (the zero Date when unknown: relative expressions then stay unresolved).
// Offsets in the result are byte offsets into text.
//
// TODO(issue 2): the engine is being written; this placeholder finds nothing.
func Extract(text string, published Date) []Timex {
	return nil
}
