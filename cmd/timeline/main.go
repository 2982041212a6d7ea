// Command timeline turns a folder of news articles into a chronological timeline website.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// command is one subcommand: its name, a one-line summary, a longer help text and its body.
type command struct {
	name    string
	summary string
	usage   string // first line of help: "timeline NAME [flags] ARGS"
	help    string // paragraphs shown by --help after the flags
	flags   func(fs *flag.FlagSet) func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands in the order --help shows them.
func commands() []*command {
	return []*command{extractCmd, eventsCmd, buildCmd, serveCmd, initCmd}
}

// usageError marks a mistake in how the command was called (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func main() {
	// Ctrl-C and a polite kill both stop a command cleanly: a build leaves the previous site
	// as it was, serve removes its temporary folder.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startProfile()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// run executes the command line args and returns the exit code: 0 ok, 1 failure, 2 usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1 {
		mainUsage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	name := args[0]
	if name == "help" {
		name, args = args[1], []string{args[1], "--help"}
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		fs := flag.NewFlagSet("timeline "+c.name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		body := c.flags(fs)
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				commandUsage(stdout, c, fs)
				return 0
			}
			fmt.Fprintf(stderr, "timeline %s: %v\n", c.name, err)
			fmt.Fprintf(stderr, "Run 'timeline %s --help' for usage.\n", c.name)
			return 2
		}
		err := body(ctx, fs.Args(), stdout, stderr)
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "timeline %s: %v\nRun 'timeline %s --help' for usage.\n", c.name, err, c.name)
			return 2
		default:
			fmt.Fprintf(stderr, "timeline %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "timeline: unknown command %q\nRun 'timeline --help' for the list of commands.\n", name)
	return 2
}

func mainUsage(w io.Writer) {
	fmt.Fprint(w, `timeline turns a folder of news articles into a chronological timeline website.

Usage:
  timeline <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'timeline <command> --help' for a command's flags and examples.
`)
}

func commandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", c.usage, c.summary)
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	if b.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", b.String())
	}
	if c.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.help))
	}
}
