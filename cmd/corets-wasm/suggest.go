package main

import (
	"flag"
	"fmt"
	"strings"
	"time"
)

// Errors that help: a mistyped command or flag gets the nearest name, a
// duration that does not parse gets examples of one that does.

func commandNames() []string {
	names := make([]string, 0, len(commands)+1)
	for _, c := range commands {
		names = append(names, c.name)
	}
	return append(names, "help")
}

// didYouMean is ` (did you mean "x"?)` for the candidate nearest to name,
// or "" when none is near: within 2 edits (1 for names of up to 4
// letters), or name being a prefix of exactly one.
func didYouMean(name string, candidates []string) string {
	if s := nearest(name, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

func nearest(name string, candidates []string) string {
	limit := 2
	if len(name) <= 4 {
		limit = 1
	}
	best, bestD, prefixed := "", limit+1, []string{}
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(name), c); d < bestD {
			best, bestD = c, d
		}
		if len(name) >= 2 && strings.HasPrefix(c, strings.ToLower(name)) {
			prefixed = append(prefixed, c)
		}
	}
	if best == "" && len(prefixed) == 1 {
		best = prefixed[0]
	}
	return best
}

// editDistance is the Levenshtein distance, an adjacent swap counting as
// one edit (the optimal string alignment distance).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20 // not a typo of a short name
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// flagSuggestion is " (did you mean --x?)" when err is an undefined flag
// near one of fs's.
func flagSuggestion(fs *flag.FlagSet, err error) string {
	const undefined = "flag provided but not defined: -"
	msg := err.Error()
	if !strings.HasPrefix(msg, undefined) {
		return ""
	}
	name := strings.TrimPrefix(strings.TrimPrefix(msg, undefined), "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	names = append(names, "help")
	if s := nearest(name, names); s != "" {
		return " (did you mean --" + s + "?)"
	}
	return ""
}

// durationFlag is a time.Duration flag whose error says what a duration
// looks like.
type durationFlag time.Duration

func (d *durationFlag) String() string {
	if d == nil {
		return "0s"
	}
	return time.Duration(*d).String()
}

func (d *durationFlag) Set(v string) error {
	x, err := time.ParseDuration(v)
	if err != nil {
		return fmt.Errorf("not a duration: give one like 500ms, 5s, 1m or 1h30m")
	}
	*d = durationFlag(x)
	return nil
}
