package main

import (
	"context"
	"errors"
	"flag"
	"io"
)

// TODO: placeholder while the command is being written.
var initCmd = &command{name: "init", summary: "scaffold a new site folder", usage: "timeline init",
	flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		return func(context.Context, []string, io.Writer, io.Writer) error {
			return errors.New("not implemented yet")
		}
	}}
