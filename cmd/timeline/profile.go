package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the whole run to the file named by TIMELINE_CPUPROFILE,
// if set: how bench/README.md's profiles of real commands (incremental builds among them) are
// taken. The returned function stops it.
func startProfile() func() {
	path := os.Getenv("TIMELINE_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "timeline: TIMELINE_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
