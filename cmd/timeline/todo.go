package main

import (
	"context"
	"errors"
	"flag"
	"io"
)

// Placeholders while the commands are being written; each moves to its own file.
var (
	eventsCmd = pending("events", "print the deduplicated, ordered events of a set of articles")
	buildCmd  = pending("build", "build the static timeline site")
	serveCmd  = pending("serve", "build, serve on loopback and rebuild on change")
	initCmd   = pending("init", "scaffold a new site folder")
)

func pending(name, summary string) *command {
	return &command{name: name, summary: summary, usage: "timeline " + name,
		flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
			return func(context.Context, []string, io.Writer, io.Writer) error {
				return errors.New("not implemented yet")
			}
		}}
}
