// Package timeline holds the default theme, embedded in the binary: html/template files from
// templates/ and assets from static/. A site overrides any single file by placing one of the
// same name in its own templates/ or static/ folder.
package timeline

import "embed"

// Theme is the default theme: templates/*.html and static/*.
//
//go:embed templates static
var Theme embed.FS
