//go:build unix

package events

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used so far. On a shared machine
// the CPU time per operation is steadier than the wall time the benchmark reports.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
