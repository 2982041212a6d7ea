package main

import (
	"context"
	"errors"
	"flag"
	"io"
)

// TODO: placeholder while the command is being written.
var eventsCmd = &command{name: "events", summary: "print the deduplicated, ordered events of a set of articles", usage: "timeline events",
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		return func(context.Context, []string, io.Writer, io.Writer) error {
			return errors.New("not implemented yet")
		}
	}}
