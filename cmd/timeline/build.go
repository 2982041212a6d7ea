package main

import (
	"context"
	"errors"
	"flag"
	"io"
)

// TODO: placeholder while the command is being written.
var buildCmd = &command{name: "build", summary: "build the static timeline site", usage: "timeline build",
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		return func(context.Context, []string, io.Writer, io.Writer) error {
			return errors.New("not implemented yet")
		}
	}}
