// Package synth writes synthetic corpora of news articles for benchmarks and scale tests.
//
// Articles come in stories of about twenty, each story a thread of happenings around one topic,
// place and person, reported by several articles published over a few months, so that the same
// event recurs across articles as it does in a real archive. Publication dates span 1995–2025.
// Sentences carry date expressions of many kinds (absolute days, weekdays, "late July", "two
// weeks ago", "that day", "nearly 20 years ago", decades, durations, sets), most of them
// consistent with the publication date, in about one sentence in four; the others report,
// quote and explain without a date. An article averages 3.4 KB and about 11 date expressions
// (the reference articles: 5 KB and 10).
//
// The output is deterministic: article i depends only on the seed and i, so the corpus of 1,000
// is the first thousand articles of the corpus of 100,000. Files go in folders of 1,000
// (000/000000-slug.md, …); about one in five is plain text (.txt), the rest Markdown.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const storySize = 20 // articles per story

// Generate writes articles 0..n-1 for seed under dir on all cores and returns the bytes written.
// Files of the same name are overwritten; nothing else in dir is touched.
func Generate(dir string, n int, seed uint64) (int64, error) {
	for d := 0; d*1000 < n; d++ {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%03d", d)), 0o755); err != nil {
			return 0, err
		}
	}
	var total atomic.Int64
	var firstErr error
	var once sync.Once
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				path := filepath.Join(dir, Path(seed, i))
				_, text := Article(seed, i)
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					once.Do(func() { firstErr = err })
					continue
				}
				total.Add(int64(len(text)))
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return total.Load(), firstErr
}

// story is the thread a group of articles report on.
type story struct {
	topic, place, org, person, role string
	start                           time.Time // when the first article of the story appears
	extra                           []string  // other people and places of the story
}

func newStory(seed uint64, s int) story {
	r := rand.New(rand.NewPCG(seed, uint64(s)|1<<40))
	// Stories start between 1995 and the end of 2025.
	start := time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(31*365))
	st := story{
		topic: pick(r, topics), place: pick(r, places), org: pick(r, orgs),
		person: pick(r, firstNames) + " " + pick(r, lastNames), role: pick(r, roles), start: start,
	}
	for k := 0; k < 4; k++ {
		st.extra = append(st.extra, pick(r, firstNames)+" "+pick(r, lastNames), pick(r, places))
	}
	return st
}

// Path is where Generate writes article i, relative to its folder.
func Path(seed uint64, i int) string {
	name, _ := Article(seed, i)
	return filepath.Join(fmt.Sprintf("%03d", i/1000), name)
}

// Article returns the file name and contents of article i.
func Article(seed uint64, i int) (name, text string) {
	st := newStory(seed, i/storySize)
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	pub := st.start.AddDate(0, 0, r.IntN(120))
	if pub.Year() > 2025 {
		pub = time.Date(2025, 12, 31-r.IntN(28), 0, 0, 0, 0, time.UTC)
	}
	g := &writer{r: r, st: st, pub: pub}
	title := fmt.Sprintf("%s %s %s in %s", capitalize(strings.TrimPrefix(st.org, "the ")), pick(r, headlineVerbs),
		strings.TrimPrefix(st.topic, "the "), st.place)
	markdown := r.IntN(5) != 0
	ext := ".txt"
	if markdown {
		ext = ".md"
	}
	name = fmt.Sprintf("%06d-%s%s", i, slug(title), ext)

	var b strings.Builder
	g.frontMatter(&b, title, i)
	paragraphs := 4 + r.IntN(6)
	for p := 0; p < paragraphs; p++ {
		if p > 0 {
			b.WriteString("\n")
		}
		if markdown && p > 0 && r.IntN(4) == 0 {
			fmt.Fprintf(&b, "## %s\n\n", capitalize(pick(r, []string{"Background", "Reactions", "What comes next", "The talks", "On the ground"})))
		}
		sentences := 3 + r.IntN(6)
		for s := 0; s < sentences; s++ {
			if s > 0 {
				b.WriteString(" ")
			}
			b.WriteString(g.sentence(markdown))
		}
		b.WriteString("\n")
		if markdown && r.IntN(6) == 0 {
			fmt.Fprintf(&b, "\n> %s\n", g.quote())
		}
	}
	return name, b.String()
}

type writer struct {
	r   *rand.Rand
	st  story
	pub time.Time
}

func (g *writer) frontMatter(b *strings.Builder, title string, i int) {
	r := g.r
	b.WriteString("+++\n")
	fmt.Fprintf(b, "title = %q\n", title)
	switch k := r.IntN(50); {
	case k == 0: // about one in fifty has no publication date
	case k < 5:
		fmt.Fprintf(b, "date = %q\n", g.pub.Format("2006-01-02"))
	case k < 10:
		fmt.Fprintf(b, "date = %s\n", g.pub.Add(time.Duration(6+r.IntN(12))*time.Hour).Format(time.RFC3339))
	default:
		fmt.Fprintf(b, "date = %s\n", g.pub.Format("2006-01-02"))
	}
	src := pick(r, sources)
	fmt.Fprintf(b, "source = %q\n", src)
	fmt.Fprintf(b, "url = \"https://news.example.org/%d/%06d\"\n", g.pub.Year(), i)
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "author = %q\n", pick(r, firstNames)+" "+pick(r, lastNames))
	}
	fmt.Fprintf(b, "license = %q\n", pick(r, licenses))
	fmt.Fprintf(b, "tags = [%q, %q]\n", strings.TrimPrefix(g.st.topic, "the "), g.st.place)
	if r.IntN(10) == 0 {
		b.WriteString("section = \"World\"\n") // a key the tool does not know: kept in Extra
	}
	b.WriteString("+++\n")
}

// sentence is one sentence: mostly a happening with a date expression, sometimes filler.
func (g *writer) sentence(markdown bool) string {
	r := g.r
	// About one sentence in four carries a date, as in the reference articles (two expressions
	// per kilobyte); the rest report, quote and explain.
	switch k := r.IntN(20); {
	case k < 5:
		return pick(r, fillers)
	case k < 15:
		return g.undated(markdown)
	}
	who := g.st.person
	if r.IntN(3) == 0 {
		who = g.st.extra[2*r.IntN(len(g.st.extra)/2)]
	}
	if markdown && r.IntN(8) == 0 {
		who = "**" + who + "**"
	}
	where := g.st.place
	if r.IntN(3) == 0 {
		where = g.st.extra[2*r.IntN(len(g.st.extra)/2)+1]
	}
	if markdown && r.IntN(10) == 0 {
		where = fmt.Sprintf("[%s](https://maps.example.org/%s)", where, slug(where))
	}
	topic := g.st.topic
	if r.IntN(3) == 0 {
		topic = pick(r, topics)
	}
	if r.IntN(6) == 0 {
		return fmt.Sprintf("%s %s %s in %s %s.", capitalize(g.st.org), pick(r, futureVerbs), topic, where, g.future())
	}
	date := g.past()
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s, %s %s %s in %s.", capitalize(date), who, pick(r, pastVerbs), topic, where)
	case 1:
		return fmt.Sprintf("%s, the %s, %s %s %s, according to %s.", who, g.st.role, pick(r, pastVerbs), topic, date, g.st.org)
	case 2:
		return fmt.Sprintf("%s said %s %s %s in %s %s.", who, g.st.org, pick(r, pastVerbs), topic, where, date)
	}
	return fmt.Sprintf("%s %s %s %s, %s.", capitalize(g.st.org), pick(r, pastVerbs), topic, date, pick(r, []string{
		"officials said", "a spokesperson confirmed", "state media reported", "witnesses said",
		"for three weeks", "every Monday since then", "each year", "over the past two decades",
	}))
}

// undated is a sentence about the story with names and places but no date.
func (g *writer) undated(markdown bool) string {
	r := g.r
	who := g.st.person
	if r.IntN(2) == 0 {
		who = g.st.extra[2*r.IntN(len(g.st.extra)/2)]
	}
	if markdown && r.IntN(8) == 0 {
		who = "*" + who + "*"
	}
	where := g.st.extra[2*r.IntN(len(g.st.extra)/2)+1]
	return fmt.Sprintf(pick(r, undatedForms), who, g.st.topic, where)
}

func (g *writer) quote() string {
	return fmt.Sprintf("We will not accept %s as it stands, and we said so %s.", g.st.topic, g.past())
}

// past is a date expression for a day at or before the publication date, in one of many forms.
func (g *writer) past() string {
	r, pub := g.r, g.pub
	back := r.IntN(40)
	e := pub.AddDate(0, 0, -back)
	switch r.IntN(22) {
	case 0:
		if back == 0 {
			return "today"
		}
		return "yesterday"
	case 1:
		if back < 7 && back > 0 {
			return "on " + e.Weekday().String()
		}
		return "last " + e.Weekday().String()
	case 2:
		return "on " + e.Format("January 2")
	case 3:
		return "on " + e.Format("2 January 2006")
	case 4:
		return "on " + e.Format("January 2, 2006")
	case 5:
		return "on " + e.Format("Monday, January 2")
	case 6:
		return fmt.Sprintf("%s days ago", word(2+r.IntN(5)))
	case 7:
		return fmt.Sprintf("%s weeks ago", word(2+r.IntN(3)))
	case 8:
		m := pub.AddDate(0, -1-r.IntN(3), 0)
		return "in " + pick(r, []string{"late ", "early ", "mid-"}) + m.Format("January")
	case 9:
		return "earlier this month"
	case 10:
		return "last month"
	case 11:
		return fmt.Sprintf("in %d", pub.Year()-1-r.IntN(15))
	case 12:
		return fmt.Sprintf("nearly %s years ago", word(5+r.IntN(16)))
	case 13:
		return fmt.Sprintf("in the %d0s", (pub.Year()-10-r.IntN(40))/10)
	case 14:
		return "last year"
	case 15:
		return fmt.Sprintf("in the %s of %d", pick(r, []string{"spring", "summer", "autumn", "winter"}), pub.Year()-1-r.IntN(5))
	case 16:
		return "the next day"
	case 17:
		return "that day"
	case 18:
		return fmt.Sprintf("%s days later", word(2+r.IntN(4)))
	case 19:
		return fmt.Sprintf("at %d p.m. on %s", 1+r.IntN(11), e.Weekday())
	case 20:
		return fmt.Sprintf("on %s night", e.Weekday())
	}
	return "on " + e.Format("2006-01-02")
}

// future is a date expression for a day after the publication date.
func (g *writer) future() string {
	r, pub := g.r, g.pub
	e := pub.AddDate(0, 0, 1+r.IntN(60))
	switch r.IntN(8) {
	case 0:
		return "next week"
	case 1:
		return "next month"
	case 2:
		return "by the end of the year"
	case 3:
		return "on " + e.Format("January 2")
	case 4:
		return "tomorrow"
	case 5:
		return "in " + e.AddDate(0, 1, 0).Format("January")
	case 6:
		return "next " + e.Weekday().String()
	}
	return fmt.Sprintf("within %s weeks", word(2+r.IntN(5)))
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func word(n int) string {
	if n < len(numberWords) {
		return numberWords[n]
	}
	return fmt.Sprint(n)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// slug is a short file-name form of s: lower-case ASCII letters and digits joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	return b.String()
}
