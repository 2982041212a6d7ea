package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/BurntSushi/toml"
)

// Config is a site's settings, read from site.toml. Paths are relative to Root.
type Config struct {
	Root        string   `toml:"-"` // the folder holding site.toml
	File        string   `toml:"-"` // the site.toml read, "" for defaults
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	BaseURL     string   `toml:"base_url"`
	Content     string   `toml:"content"`
	Output      string   `toml:"output"`
	Language    string   `toml:"language"`
	Timezone    string   `toml:"timezone"`
	Exports     []string `toml:"exports"`
	Theme       Theme    `toml:"theme"`
}

// Theme names a site's own folders whose files override the default theme's, file by file.
type Theme struct {
	Templates string `toml:"templates"`
	Static    string `toml:"static"`
}

// Exports lists every export file a site can write, in the order they are documented.
var Exports = []string{"events.json", "timelinejs.json", "events.ics", "feed.xml", "sitemap.xml", "robots.txt", "report.json"}

// DefaultConfig is the configuration of a site whose site.toml sets nothing.
func DefaultConfig(root string) Config {
	return Config{
		Root:     root,
		Title:    "Timeline",
		Content:  "content",
		Output:   "public",
		Language: "en",
		Timezone: "UTC",
		Exports:  append([]string(nil), Exports...),
		Theme:    Theme{Templates: "templates", Static: "static"},
	}
}

// LoadConfig reads a site.toml. Keys it does not know are errors naming the key and its line,
// so that a typo never silently falls back to a default.
func LoadConfig(file string) (Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return Config{}, err
	}
	return ParseConfig(file, data)
}

// ParseConfig reads site.toml data; file names it in errors and its folder is the site root.
func ParseConfig(file string, data []byte) (Config, error) {
	cfg := DefaultConfig(filepath.Dir(file))
	cfg.File = file
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Config{}, fmt.Errorf("%s:%d:%d: %s", file, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return Config{}, fmt.Errorf("%s: %v", file, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		var msgs []string
		for _, k := range undecoded {
			msgs = append(msgs, fmt.Sprintf("%s:%d: unknown setting %q", file, keyLine(data, k), k.String()))
		}
		return Config{}, errors.New(strings.Join(msgs, "\n"))
	}
	if err := cfg.Check(); err != nil {
		return Config{}, fmt.Errorf("%s: %v", file, err)
	}
	return cfg, nil
}

// Check validates settings that TOML types alone cannot.
func (c *Config) Check() error {
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("base_url %q must be an absolute http(s) URL such as https://user.github.io/repo/", c.BaseURL)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("base_url %q must not have a query or fragment", c.BaseURL)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		c.BaseURL = u.String()
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		return fmt.Errorf("timezone %q is not a known time zone (use a name such as UTC or Europe/Paris)", c.Timezone)
	}
	known := map[string]bool{}
	for _, e := range Exports {
		known[e] = true
	}
	for _, e := range c.Exports {
		if !known[e] {
			return fmt.Errorf("exports: unknown export %q (known: %s)", e, strings.Join(Exports, ", "))
		}
	}
	if c.Content == "" {
		return errors.New("content must name the folder of articles")
	}
	if c.Output == "" {
		return errors.New("output must name the folder to write the site to")
	}
	return nil
}

// Path resolves a setting's path against the site root.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Root, p)
}

// Location is the site's time zone (checked by Check, so never nil after it).
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// HasExport reports whether the site writes the named export.
func (c *Config) HasExport(name string) bool {
	for _, e := range c.Exports {
		if e == name {
			return true
		}
	}
	return false
}

// keyLine finds the line of a TOML key: under its [table] header, written bare, quoted or
// dotted. It returns 0 when the key cannot be placed (an inline table, say).
func keyLine(data []byte, key toml.Key) int {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	table := ""
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(t, "[") {
			name := strings.Trim(strings.SplitN(t, "#", 2)[0], "[] \t")
			table = normalizeKey(name)
			if table == normalizeKey(strings.Join(key, ".")) {
				return line
			}
			continue
		}
		eq := strings.IndexByte(t, '=')
		if eq < 0 || strings.HasPrefix(t, "#") {
			continue
		}
		full := normalizeKey(t[:eq])
		if table != "" {
			full = table + "." + full
		}
		want := normalizeKey(strings.Join(key, "."))
		if full == want || strings.HasPrefix(want, full+".") {
			return line
		}
	}
	return 0
}

func normalizeKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}
