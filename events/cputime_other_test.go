//go:build !unix

package events

import "time"

func cpuTime() time.Duration { return 0 }
