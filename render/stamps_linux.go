package render

import (
	"io/fs"
	"syscall"
)

// stampOf is info as a stamp (without its name).
func stampOf(info fs.FileInfo) (fileStamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStamp{}, false
	}
	return fileStamp{Size: info.Size(), Modified: info.ModTime().UnixNano(), Changed: st.Ctim.Nano(),
		Inode: st.Ino, Device: st.Dev, Mode: uint32(info.Mode())}, true
}
