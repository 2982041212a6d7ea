//go:build !unix

package corpus

import "os"

func readEntry(path string) ([]byte, error) { return os.ReadFile(path) }
