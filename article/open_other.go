//go:build !unix

package article

import (
	"io"
	"os"
)

func openRead(path string) (io.ReadCloser, error) { return os.Open(path) }
