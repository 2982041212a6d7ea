package main

import (
	"context"
	"errors"
	"flag"
	"io"
)

// TODO: placeholder while the command is being written.
var serveCmd = &command{name: "serve", summary: "build, serve on loopback and rebuild on change", usage: "timeline serve",
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		return func(context.Context, []string, io.Writer, io.Writer) error {
			return errors.New("not implemented yet")
		}
	}}
