package main

import (
	"bufio"
	"fmt"
	"os"
	"path"
	"strings"
)

// Conf is what the runner takes from QuickJS's test262.conf: which features
// run, which are skipped, the harness files that make a test skipped, and
// the [exclude] list. Its paths (testdir=, [exclude]) are relative to the
// conf file; the runner maps them onto the checkout given with -dir.
type Conf struct {
	Features     map[string]bool // listed: true runs, false skips
	HarnessSkip  map[string]bool // harnessexclude=
	SkipAsync    bool            // async=no
	SkipModule   bool            // module=no
	ExcludeFiles map[string]bool // test paths relative to the checkout ("test/…")
	ExcludeDirs  []string        // "test/…/"
}

// LoadConf reads a test262.conf as run-test262's load_config does.
func LoadConf(file string) (*Conf, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := &Conf{Features: map[string]bool{}, HarnessSkip: map[string]bool{}, ExcludeFiles: map[string]bool{}}
	section := ""
	testdir := "test262/test"
	var excludes []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			section = strings.TrimSuffix(line[1:], "]")
			continue
		}
		name, value, hasValue := strings.Cut(line, "=")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		switch section {
		case "config":
			if !hasValue {
				return nil, fmt.Errorf("%s:%d: syntax error: want name=value in [config]", file, n)
			}
			switch name {
			case "testdir":
				testdir = strings.TrimSuffix(value, "/")
			case "harnessexclude":
				for _, w := range strings.Fields(value) {
					c.HarnessSkip[w] = true
				}
			case "features":
				for _, w := range strings.Fields(value) {
					c.Features[w] = true
				}
			case "skip-features":
				for _, w := range strings.Fields(value) {
					c.Features[w] = false
				}
			case "async":
				c.SkipAsync = value != "yes"
			case "module":
				c.SkipModule = value != "yes"
			}
		case "features":
			c.Features[name] = !hasValue || value == "yes"
		case "exclude":
			excludes = append(excludes, name)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	// [exclude] names test262/test/… (testdir's parent is the checkout):
	// make them relative to the checkout.
	root := path.Dir(testdir)
	for _, e := range excludes {
		rel, ok := strings.CutPrefix(e, root+"/")
		if !ok {
			continue // outside the checkout (run-test262 would not find it either)
		}
		if strings.HasSuffix(rel, "/") {
			c.ExcludeDirs = append(c.ExcludeDirs, rel)
		} else {
			c.ExcludeFiles[rel] = true
		}
	}
	return c, nil
}

// excluded reports whether the test at rel ("test/…") is in [exclude].
func (c *Conf) excluded(rel string) bool {
	if c == nil {
		return false
	}
	if c.ExcludeFiles[rel] {
		return true
	}
	for _, d := range c.ExcludeDirs {
		if strings.HasPrefix(rel, d) {
			return true
		}
	}
	return false
}
