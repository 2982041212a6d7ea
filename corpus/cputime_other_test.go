//go:build !unix

package corpus

func cpuTime() float64 { return 0 }
