//go:build !linux

package render

import "io/fs"

// stampOf says stamps cannot vouch for files here (they are read from Linux's stat): without
// the inode change time, a file restored with its old times would pass for unchanged. Builds
// read the articles.
func stampOf(fs.FileInfo) (fileStamp, bool) { return fileStamp{}, false }
