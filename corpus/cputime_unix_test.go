//go:build unix

package corpus

import "syscall"

// cpuTime is the CPU time this process has used, in seconds: on a machine shared with other
// work, steadier than wall time.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
