//go:build unix

package render

import (
	"errors"
	"os"
	"syscall"
)

// lockable says tryLock takes a real lock here.
const lockable = true

// tryLock takes an exclusive lock on f without waiting, reporting whether it got it.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
