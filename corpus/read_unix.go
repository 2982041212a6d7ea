//go:build unix

package corpus

import (
	"io/fs"
	"syscall"
)

// readEntry reads a whole cache file (the pack) with plain system calls. O_NONBLOCK: a named
// pipe planted in the cache is a miss, not a hang.
func readEntry(path string) ([]byte, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	data := make([]byte, 0, 4096)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := syscall.Read(fd, data[len(data):cap(data)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		case n == 0:
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) < cap(data) {
			// A read that stops short of the buffer is, for a file, its end. Were it not, the
			// entry would be cut short, and a cut entry fails its checksum: a miss, not a
			// wrong result. It saves the read that would return nothing.
			return data, nil
		}
	}
}
