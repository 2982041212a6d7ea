package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/timeline-news/timeline"
)

var initCmd = &command{
	name:    "init",
	summary: "scaffold a new site folder",
	usage:   "timeline init [--theme] DIR",
	help: `
Creates DIR (or fills an empty one) with a new site:

  DIR/site.toml          every setting, commented, with its default
  DIR/content/           one sample article showing the front matter
  DIR/README.md          how to build, preview, publish and change the theme

With --theme it also copies the default theme into DIR/templates/ and
DIR/static/ for editing. Without it, the site uses the theme built into
timeline; to change one page or asset, put a file of the same name in
DIR/templates/ or DIR/static/ and only that file is replaced.

Existing files are never overwritten.

Examples:
  timeline init my-story && cd my-story && timeline serve
  timeline init --theme my-story`,
	flags: func(flags *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		theme := flags.Bool("theme", false, "also copy the default theme's templates and static files for editing")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if len(args) != 1 {
				return usagef("name one folder to create the site in")
			}
			dir := args[0]
			files := map[string][]byte{
				"site.toml":                    []byte(siteTemplate),
				"README.md":                    []byte(readmeTemplate),
				"content/2021-08-06-sample.md": []byte(sampleArticle),
				// The built site and the build state are made again from the rest.
				".gitignore": []byte("/public/\n/.timeline-cache/\n"),
			}
			if *theme {
				err := fs.WalkDir(timeline.Theme, ".", func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					b, err := fs.ReadFile(timeline.Theme, p)
					files[p] = b
					return err
				})
				if err != nil {
					return err
				}
			}
			for name := range files {
				if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
					return fmt.Errorf("%s already exists: init never overwrites; choose a new folder", filepath.Join(dir, name))
				} else if !errors.Is(err, os.ErrNotExist) {
					return err
				}
			}
			for _, name := range slices.Sorted(maps.Keys(files)) {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(p, files[name], 0o644); err != nil {
					return err
				}
				fmt.Fprintln(stdout, "created", filepath.Join(dir, filepath.FromSlash(path.Clean(name))))
			}
			fmt.Fprintf(stdout, "\nNext: cd %s && timeline serve\n", dir)
			return nil
		}
	},
}

const siteTemplate = `# site.toml: the settings of a timeline site. Every setting is optional; the
# commented values are the defaults. Paths are relative to this file's folder.
# Unknown keys are errors, so a typo never goes unnoticed.

# The site's name, shown in every page title and in the feed.
title = "My timeline"

# One sentence under the title on the home page, and the pages' meta description.
# description = ""

# Where the site will be published. Needed for the sitemap, absolute links in the
# feed and calendar, and the 404 page. For GitHub Pages project sites:
# "https://USER.github.io/REPO/". 'timeline build --base-url URL' overrides it.
# base_url = ""

# The folder of articles (.md, .markdown, .txt; front matter between +++ lines).
# content = "content"

# The folder the site is written to. It is replaced whole on each build, so it may
# not be the content folder or this folder.
# output = "public"

# The language of the site (the lang attribute of every page).
# language = "en"

# The time zone of the dates in the feed (IANA name such as "Europe/Paris").
# timezone = "UTC"

# Which data files to write beside the pages.
# exports = ["events.json", "timelinejs.json", "events.ics", "feed.xml", "sitemap.xml", "robots.txt", "report.json"]

# Theme overrides: a file in these folders replaces the default theme's file of the
# same name (for example templates/event.html or static/style.css); everything else
# comes from the theme built into timeline. 'timeline init --theme' copies the whole
# default theme here to start from.
# [theme]
# templates = "templates"
# static = "static"
`

const readmeTemplate = `# My timeline

A site made with [timeline](https://github.com/timeline-news/timeline): put news articles in
content/, and timeline finds their dates and builds a chronological website.

    timeline serve        # preview at http://127.0.0.1:1313, rebuilt as you edit
    timeline build        # write the site to public/

## Articles

Each article is a Markdown (.md) or plain-text (.txt) file with optional front matter between
+++ lines: title, date (the publication date, which relative dates such as "last Friday"
resolve against), source, url, author, license and tags. Articles without a license show
only a short excerpt.

## Changing the theme

The theme is built into timeline. To change one template or asset, create templates/ or
static/ here and put a file of the same name in it: templates/event.html replaces the event
page, static/style.css the style sheet. Start from the originals with
'timeline init --theme NEWDIR' and copy the files you need.

## Publishing on GitHub Pages

Push this folder to a repository, set base_url in site.toml to
https://USER.github.io/REPO/, and build with the official Pages actions
(actions/configure-pages, actions/upload-pages-artifact, actions/deploy-pages): every
link in the site is relative, so it works under the repository's sub-path.
`

const sampleArticle = `+++
title = "Sample: the Taliban take Zaranj"
date = 2021-08-07
source = "Example News"
url = "https://example.org/news/zaranj"
license = "CC BY 4.0"
tags = ["afghanistan"]
+++
The Taliban captured Zaranj, the capital of Nimruz province, on Friday without a fight.

It was the first provincial capital to fall since the group intensified its campaign in
**May**. Officials said talks held in late July had not slowed the advance.
`
