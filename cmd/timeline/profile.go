package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"runtime/trace"
)

// startProfile writes a CPU profile of the whole run to the file named by TIMELINE_CPUPROFILE
// and an execution trace (where cores wait: `go tool trace`) to TIMELINE_TRACE, when set: how
// bench/README.md's profiles of real commands (incremental builds among them) are taken. The
// returned function stops them.
func startProfile() func() {
	var stops []func()
	if path := os.Getenv("TIMELINE_CPUPROFILE"); path != "" {
		if f, err := create("TIMELINE_CPUPROFILE", path); f != nil {
			if err = pprof.StartCPUProfile(f); err != nil {
				fmt.Fprintf(os.Stderr, "timeline: TIMELINE_CPUPROFILE: %v\n", err)
				f.Close()
			} else {
				stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
			}
		}
	}
	if path := os.Getenv("TIMELINE_TRACE"); path != "" {
		if f, _ := create("TIMELINE_TRACE", path); f != nil {
			if err := trace.Start(f); err != nil {
				fmt.Fprintf(os.Stderr, "timeline: TIMELINE_TRACE: %v\n", err)
				f.Close()
			} else {
				stops = append(stops, func() { trace.Stop(); f.Close() })
			}
		}
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}

// create makes the file an environment variable names, reporting a failure on stderr.
func create(env, path string) (*os.File, error) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "timeline: %s: %v\n", env, err)
		return nil, err
	}
	return f, nil
}
