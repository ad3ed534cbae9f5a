// Command mozimport rebuilds a test262 checkout (harness/ and test/) from the
// copy of test262 that Mozilla vendors in its js/src/tests/test262 directory
// (for example in the mozjs128 source), by inverting what Mozilla's
// test262-update.py does to each file:
//
//   - convertTestFile/createSource add a first line "// |reftest| …" (when the
//     test has reftest terms), a "'use strict';" prologue line to strict
//     variants, and a trailing "reportCompare(0, 0);" line (plus a newline) to
//     positive synchronous tests; mozimport removes all three;
//   - strict variants are written as NAME-strict.js: an onlyStrict test exists
//     only in that form and becomes NAME.js again; a "-strict" duplicate of a
//     test that also exists as NAME.js is skipped;
//   - convertFixtureFile adds "// |reftest| skip -- not a test file" to
//     *_FIXTURE.js files; it is removed;
//   - writeShellAndBrowserFiles concatenates the harness files a directory
//     needs into its shell.js, each as "// file: NAME.js\n" + content, joined
//     by "\n"; mozimport cuts them apart again into harness/NAME.js (the same
//     file appears in several shell.js files: every copy must agree), except
//     Mozilla's own test262-host.js;
//   - Mozilla's prs/ and local/ directories, jstests.list and the generated
//     shell.js/browser.js files are left out.
//
// Mozilla keeps no copy of harness files that no test includes; the runner
// needs one of them, doneprintHandle.js (INTERPRETING.md: it defines $DONE
// for async tests, printing Test262:AsyncTestComplete or
// Test262:AsyncTestFailure), and mozimport writes it.
//
// Usage:
//
//	go run ./internal/jsengine/test262/mozimport -src firefox-128.14.0/js/src/tests/test262 -out /path/to/test262
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

const (
	reftestPrefix = "// |reftest| "
	strictLine    = "'use strict';\n"
	epilogue      = "\nreportCompare(0, 0);\n"
	shellHeader   = "// GENERATED, DO NOT EDIT\n"
	fileMarker    = "// file: "
)

func main() {
	src := flag.String("src", "", "Mozilla's js/src/tests/test262 directory")
	out := flag.String("out", "", "directory to write the test262 checkout to (harness/, test/); must not exist or be empty")
	flag.Parse()
	if *src == "" || *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: mozimport -src MOZILLA/js/src/tests/test262 -out DIR")
		os.Exit(2)
	}
	st, err := run(*src, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mozimport:", err)
		os.Exit(1)
	}
	fmt.Printf("mozimport: %d tests, %d fixtures, %d other files, %d strict duplicates skipped, %d harness files -> %s\n",
		st.tests, st.fixtures, st.other, st.dupStrict, st.harness, *out)
	if len(st.missingIncludes) > 0 {
		fmt.Printf("mozimport: harness files included by tests but absent: %s\n", strings.Join(st.missingIncludes, ", "))
	}
}

type stats struct {
	tests, fixtures, other, dupStrict, harness int
	missingIncludes                            []string
}

// skippedTop are the entries of Mozilla's test262 directory that are not
// test262's test/ tree.
var skippedTop = map[string]bool{
	"prs": true, "local": true, "jstests.list": true, "shell.js": true,
	"browser.js": true, "GIT-INFO": true, "LICENSE": true,
}

func run(src, out string) (*stats, error) {
	if fi, err := os.Stat(filepath.Join(src, "GIT-INFO")); err != nil || fi.IsDir() {
		return nil, fmt.Errorf("%s: no GIT-INFO file: not Mozilla's js/src/tests/test262 directory", src)
	}
	if ents, err := os.ReadDir(out); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("%s: exists and is not empty", out)
	}
	testOut := filepath.Join(out, "test")
	harnessOut := filepath.Join(out, "harness")
	for _, d := range []string{testOut, harnessOut} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	for _, f := range []string{"LICENSE", "GIT-INFO"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(out, f), b, 0o644); err != nil {
			return nil, err
		}
	}
	st := &stats{}
	harness := map[string][]byte{} // name -> content
	harnessFrom := map[string]string{}
	includes := map[string]bool{}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		top := strings.SplitN(rel, "/", 2)[0]
		if skippedTop[top] && (d.IsDir() || top == rel) {
			if top == "shell.js" {
				return collectHarness(path, rel, harness, harnessFrom)
			}
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(testOut, filepath.FromSlash(rel))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		name := d.Name()
		switch {
		case name == "shell.js":
			return collectHarness(path, rel, harness, harnessFrom)
		case name == "browser.js":
			return nil
		case !strings.HasSuffix(name, ".js"):
			st.other++
			return copyFile(path, target)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(name, "_FIXTURE.js") {
			const fixtureLine = reftestPrefix + "skip -- not a test file\n"
			if !bytes.HasPrefix(b, []byte(fixtureLine)) {
				return fmt.Errorf("%s: fixture without Mozilla's %q line", rel, strings.TrimSpace(fixtureLine))
			}
			st.fixtures++
			return os.WriteFile(target, b[len(fixtureLine):], 0o644)
		}
		body, strict, err := unconvert(b)
		if err != nil {
			return fmt.Errorf("%s: %v", rel, err)
		}
		if strict {
			base, ok := strings.CutSuffix(path, "-strict.js")
			if !ok {
				return fmt.Errorf("%s: 'use strict' prologue in a file not named -strict.js", rel)
			}
			if _, err := os.Stat(base + ".js"); err == nil {
				st.dupStrict++ // the sloppy file is the same test
				return nil
			}
			if !hasFlag(body, "onlyStrict") {
				return fmt.Errorf("%s: strict variant without an onlyStrict flag and without its NAME.js", rel)
			}
			target = strings.TrimSuffix(target, "-strict.js") + ".js"
		}
		for _, inc := range includeNames(body) {
			includes[inc] = true
		}
		st.tests++
		return os.WriteFile(target, body, 0o644)
	})
	if err != nil {
		return nil, err
	}
	delete(harness, "test262-host.js") // Mozilla's own host glue
	harness["doneprintHandle.js"] = []byte(doneprintHandle)
	for name, b := range harness {
		if err := os.WriteFile(filepath.Join(harnessOut, name), b, 0o644); err != nil {
			return nil, err
		}
	}
	st.harness = len(harness)
	for inc := range includes {
		if _, ok := harness[inc]; !ok {
			st.missingIncludes = append(st.missingIncludes, inc)
		}
	}
	sort.Strings(st.missingIncludes)
	return st, nil
}

// unconvert removes Mozilla's reftest line, strict prologue and
// reportCompare epilogue. strict reports whether the prologue was there.
func unconvert(b []byte) (body []byte, strict bool, err error) {
	if bytes.HasPrefix(b, []byte(reftestPrefix)) {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil, false, errors.New("reftest line without a newline")
		}
		b = b[i+1:]
	}
	if bytes.HasPrefix(b, []byte(strictLine)) {
		b = b[len(strictLine):]
		strict = true
	}
	// createSource appends epilogue lines only to positive synchronous tests,
	// so a test that ends with it had it added.
	b = bytes.TrimSuffix(b, []byte(epilogue))
	return b, strict, nil
}

var (
	frontmatterRE = regexp.MustCompile(`(?s)/\*---(.*?)---\*/`)
	flagsRE       = regexp.MustCompile(`(?m)^\s*flags:\s*\[([^\]]*)\]`)
	includesRE    = regexp.MustCompile(`(?m)^\s*includes:\s*\[([^\]]*)\]`)
	includesBlock = regexp.MustCompile(`(?m)^\s*includes:\s*\n((?:\s+-\s*\S+\s*\n)+)`)
)

func frontmatter(b []byte) string {
	m := frontmatterRE.FindSubmatch(b)
	if m == nil {
		return ""
	}
	return string(m[1])
}

func hasFlag(b []byte, flag string) bool {
	m := flagsRE.FindStringSubmatch(frontmatter(b))
	if m == nil {
		return false
	}
	for _, f := range strings.Split(m[1], ",") {
		if strings.TrimSpace(f) == flag {
			return true
		}
	}
	return false
}

func includeNames(b []byte) []string {
	fm := frontmatter(b)
	var names []string
	if m := includesRE.FindStringSubmatch(fm); m != nil {
		for _, f := range strings.Split(m[1], ",") {
			if f = strings.TrimSpace(f); f != "" {
				names = append(names, f)
			}
		}
	}
	if m := includesBlock.FindStringSubmatch(fm); m != nil {
		for _, line := range strings.Split(m[1], "\n") {
			if f := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "-")); f != "" {
				names = append(names, f)
			}
		}
	}
	return names
}

// collectHarness cuts a generated shell.js into its harness files.
func collectHarness(path, rel string, harness map[string][]byte, from map[string]string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return nil
	}
	if !bytes.HasPrefix(b, []byte(shellHeader+fileMarker)) {
		return fmt.Errorf("%s: not a generated shell.js (no %q header)", rel, strings.TrimSpace(shellHeader))
	}
	b = b[len(shellHeader):]
	// Sections are "// file: NAME\n" + content, joined by "\n": a section
	// ends where "\n// file: " starts the next one.
	for len(b) > 0 {
		b = b[len(fileMarker):]
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			return fmt.Errorf("%s: truncated file marker", rel)
		}
		name := string(b[:nl])
		if !strings.HasSuffix(name, ".js") || strings.ContainsAny(name, `/\`) {
			return fmt.Errorf("%s: bad harness file name %q", rel, name)
		}
		b = b[nl+1:]
		end := bytes.Index(b, []byte("\n"+fileMarker))
		var content []byte
		if end < 0 {
			content, b = b, nil
		} else {
			content, b = b[:end], b[end+1:]
		}
		if prev, ok := harness[name]; ok {
			if !bytes.Equal(prev, content) {
				return fmt.Errorf("%s: harness file %s differs from the copy in %s", rel, name, from[name])
			}
			continue
		}
		harness[name] = append([]byte(nil), content...)
		from[name] = rel
	}
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// doneprintHandle is test262's harness/doneprintHandle.js as INTERPRETING.md
// describes it: async tests call $DONE() once; the host reads the result
// from what print() wrote.
const doneprintHandle = `// Copyright (C) 2017 Ecma International.  All rights reserved.
// This code is governed by the BSD license found in the LICENSE file.
/*---
description: |
    Defines $DONE for asynchronous tests: it prints Test262:AsyncTestComplete
    or Test262:AsyncTestFailure followed by the error.
defines: [$DONE]
---*/

function __consolePrintHandle__(msg) {
  print(msg);
}

function $DONE(error) {
  if (error) {
    if(typeof error === 'object' && error !== null && 'name' in error) {
      __consolePrintHandle__('Test262:AsyncTestFailure:' + error.name + ': ' + error.message);
    } else {
      __consolePrintHandle__('Test262:AsyncTestFailure:Test262Error: ' + String(error));
    }
  } else {
    __consolePrintHandle__('Test262:AsyncTestComplete');
  }
}
`
