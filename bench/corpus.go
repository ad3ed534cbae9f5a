package main

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// The npm corpus (-corpus): popular packages, each exercised by a small
// entry (corpus/entries/NAME.js) that prints what the package computed. An
// entry is bundled once by corets-wasm's own bundler (`corets-wasm bundle`,
// as `run` and `install` do), and the bundle runs under node and as a
// corets-wasm module (`corets-wasm run`); the two stdouts are compared byte
// for byte. The packages, pinned in corpus/package.json, are installed with
// npm into <user cache>/corets-wasm/bench/corpus, outside the repository.
//
// The web-platform probe (corpus/webprobe.js) runs the same way: one line
// per check, "name => result", compared check by check.

//go:embed corpus/package.json corpus/webprobe.js corpus/entries
var corpusFS embed.FS

// corpusTimeout bounds each run of an entry (node or ours).
const corpusTimeout = 60 * time.Second

type corpusResult struct {
	name, pkg, version string
	verdict            string // identical, differs, fails
	detail             string
}

func runCorpus(ctx context.Context) error {
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("node not found: the corpus compares with node")
	}
	dir, err := ensureCorpusNPM()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "corets-corpus-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	progress("building cmd/corets-wasm ...")
	cli, err := buildCLI(tmp)
	if err != nil {
		return err
	}
	deps, err := corpusDeps()
	if err != nil {
		return err
	}
	entries, err := fs.Glob(corpusFS, "corpus/entries/*.js")
	if err != nil {
		return err
	}
	sort.Strings(entries)

	results := make([]corpusResult, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, path := range entries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			name := strings.TrimSuffix(filepath.Base(path), ".js")
			src, _ := corpusFS.ReadFile(path)
			pkg := corpusPackage(string(src), deps)
			r := corpusResult{name: name, pkg: pkg, version: installedVersion(dir, pkg)}
			r.verdict, r.detail = compareEntry(ctx, node, cli, dir, tmp, name, src)
			results[i] = r
			progress("corpus: %-22s %s", name, r.verdict)
		}()
	}
	wg.Wait()

	fmt.Println("\n## npm corpus: node vs corets-wasm, stdout byte for byte")
	fmt.Println()
	fmt.Println("| entry | package | version | result | first difference or error |")
	fmt.Println("|---|---|---|---|---|")
	counts := map[string]int{}
	for _, r := range results {
		counts[r.verdict]++
		fmt.Printf("| %s | %s | %s | %s | %s |\n", r.name, r.pkg, r.version, r.verdict, mdCell(r.detail))
	}
	fmt.Printf("\n%d entries: %d identical, %d differ, %d fail\n", len(results), counts["identical"], counts["differs"], counts["fails"])

	return runProbe(ctx, node, cli, dir, tmp)
}

// compareEntry bundles one entry and runs it under node and ours.
func compareEntry(ctx context.Context, node, cli, dir, tmp, name string, src []byte) (verdict, detail string) {
	entry := filepath.Join(dir, "entry-"+name+".js")
	if err := os.WriteFile(entry, src, 0o644); err != nil {
		return "fails", err.Error()
	}
	bundle := filepath.Join(tmp, name+".bundle.js")
	if out, err := runCmd(ctx, dir, cli, "bundle", entry, "--out", bundle); err != nil {
		return "fails", "bundle: " + firstLine(out.stderr+" "+err.Error())
	}
	want, err := runCmd(ctx, dir, node, bundle)
	note := ""
	if err != nil {
		// The browser bundle can need what node lacks (self, document): node
		// then runs the entry itself, resolving the packages its own way.
		bundled := lastErrorLine(want.stderr)
		mjs := filepath.Join(dir, "entry-"+name+".mjs")
		if err := os.WriteFile(mjs, src, 0o644); err != nil {
			return "fails", err.Error()
		}
		if want, err = runCmd(ctx, dir, node, mjs); err != nil {
			return "fails", "node itself fails: " + lastErrorLine(want.stderr)
		}
		note = "[node ran the entry unbundled: the browser bundle fails under node: " + bundled + "] "
	}
	got, err := runCmd(ctx, dir, cli, "run", "--timeout", "30s", bundle)
	if err != nil {
		msg := note + lastErrorLine(got.stderr+"\n"+err.Error())
		if d := firstDiff(want.stdout, got.stdout); d != "" && got.stdout != "" {
			msg += " (stdout: " + d + ")"
		}
		return "fails", msg
	}
	if got.stdout == want.stdout {
		return "identical", note
	}
	return "differs", note + firstDiff(want.stdout, got.stdout)
}

// lastErrorLine is the first line of stderr that names an error, else its
// first line.
func lastErrorLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "Error") || strings.Contains(l, "error") {
			return firstLine(l)
		}
	}
	return firstLine(s)
}

type cmdOutput struct{ stdout, stderr string }

func runCmd(ctx context.Context, dir, bin string, args ...string) (cmdOutput, error) {
	ctx, cancel := context.WithTimeout(ctx, corpusTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("timed out after %v", corpusTimeout)
	}
	return cmdOutput{out.String(), errb.String()}, err
}

// firstDiff names the first line where two outputs differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("line %d: node %s, ours %s", i+1, clip(a), clip(b))
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return fmt.Sprintf("%q", s)
}

func mdCell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", "\\|"), "\n", " ")
}

// corpusDeps are the package names of corpus/package.json.
func corpusDeps() ([]string, error) {
	b, err := corpusFS.ReadFile("corpus/package.json")
	if err != nil {
		return nil, err
	}
	var pj struct{ Dependencies map[string]string }
	if err := json.Unmarshal(b, &pj); err != nil {
		return nil, err
	}
	var names []string
	for n := range pj.Dependencies {
		names = append(names, n)
	}
	// longest first, so "date-fns-tz" wins over "date-fns"
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return names, nil
}

// corpusPackage is the package an entry exercises: the first it imports.
func corpusPackage(src string, deps []string) string {
	for _, line := range strings.Split(src, "\n") {
		i := strings.Index(line, ` from "`)
		if !strings.HasPrefix(line, "import ") || i < 0 {
			continue
		}
		spec := line[i+7:]
		spec = spec[:strings.IndexByte(spec, '"')]
		for _, d := range deps {
			if spec == d || strings.HasPrefix(spec, d+"/") {
				return d
			}
		}
	}
	return "?"
}

func installedVersion(dir, pkg string) string {
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", filepath.FromSlash(pkg), "package.json"))
	if err != nil {
		return "?"
	}
	var pj struct{ Version string }
	if json.Unmarshal(b, &pj) != nil {
		return "?"
	}
	return pj.Version
}

// ensureCorpusNPM installs corpus/package.json's packages into the user
// cache, again whenever the list changes.
func ensureCorpusNPM() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "corets-wasm", "bench", "corpus")
	pj, err := corpusFS.ReadFile("corpus/package.json")
	if err != nil {
		return "", err
	}
	stamp := filepath.Join(dir, "node_modules", ".corets-corpus-installed")
	if b, err := os.ReadFile(stamp); err == nil && bytes.Equal(b, pj) {
		return dir, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("npm not found")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), pj, 0o644); err != nil {
		return "", err
	}
	progress("npm: installing the corpus's packages into %s ...", dir)
	cmd := exec.Command(npm, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error")
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm install: %v: %s", err, bytes.TrimSpace(out.Bytes()))
	}
	return dir, os.WriteFile(stamp, pj, 0o644)
}

// runProbe runs the web-platform probe under node and ours and compares it
// check by check.
func runProbe(ctx context.Context, node, cli, dir, tmp string) error {
	src, err := corpusFS.ReadFile("corpus/webprobe.js")
	if err != nil {
		return err
	}
	entry := filepath.Join(dir, "entry-webprobe.js")
	if err := os.WriteFile(entry, src, 0o644); err != nil {
		return err
	}
	bundle := filepath.Join(tmp, "webprobe.bundle.js")
	if out, err := runCmd(ctx, dir, cli, "bundle", entry, "--out", bundle); err != nil {
		return fmt.Errorf("bundle the probe: %v: %s", err, firstLine(out.stderr))
	}
	want, err := runCmd(ctx, dir, node, bundle)
	if err != nil {
		return fmt.Errorf("the probe under node: %v: %s", err, firstLine(want.stderr))
	}
	got, err := runCmd(ctx, dir, cli, "run", "--timeout", "30s", bundle)
	if err != nil {
		progress("the probe under corets-wasm: %v: %s", err, firstLine(got.stderr))
	}
	nodeRes, order := probeLines(want.stdout)
	ourRes, _ := probeLines(got.stdout)

	type line struct{ name, node, ours string }
	var identical, differs, onlyNode, onlyOurs, absent, missing []line
	for _, name := range order {
		l := line{name, nodeRes[name], ourRes[name]}
		o, ok := ourRes[name]
		switch {
		case !ok:
			missing = append(missing, l)
		case probeAbsent(l.node) && probeAbsent(o):
			absent = append(absent, l)
		case probeAbsent(o):
			onlyNode = append(onlyNode, l)
		case probeAbsent(l.node):
			onlyOurs = append(onlyOurs, l)
		case o == l.node:
			identical = append(identical, l)
		default:
			differs = append(differs, l)
		}
	}
	fmt.Println("\n## web-platform probe: node vs corets-wasm")
	fmt.Printf("\n%d checks: %d present in both (%d identical, %d differ), %d only in node, %d only in corets-wasm, %d absent in both, %d not reached by ours\n",
		len(order), len(identical)+len(differs), len(identical), len(differs), len(onlyNode), len(onlyOurs), len(absent), len(missing))
	for _, g := range []struct {
		title string
		ls    []line
	}{{"differ", differs}, {"only in node", onlyNode}, {"only in corets-wasm", onlyOurs}, {"not reached by ours", missing}, {"absent in both", absent}} {
		if len(g.ls) == 0 {
			continue
		}
		fmt.Printf("\n### %s\n\n", g.title)
		for _, l := range g.ls {
			if g.title == "absent in both" {
				fmt.Printf("- %s\n", l.name)
				continue
			}
			fmt.Printf("- %s: node %s; ours %s\n", l.name, clip(l.node), clip(l.ours))
		}
	}
	fmt.Printf("\n### identical\n\n")
	names := make([]string, len(identical))
	for i, l := range identical {
		names[i] = l.name
	}
	fmt.Println(strings.Join(names, "; "))
	return nil
}

func probeLines(out string) (map[string]string, []string) {
	res := map[string]string{}
	var order []string
	for _, l := range strings.Split(out, "\n") {
		name, val, ok := strings.Cut(l, " => ")
		if !ok {
			continue
		}
		if _, dup := res[name]; !dup {
			order = append(order, name)
		}
		res[name] = val
	}
	return res, order
}

// probeAbsent reports whether a result says the API is not there.
func probeAbsent(r string) bool {
	return r == `"undefined"` || strings.HasPrefix(r, "throws ReferenceError") ||
		(strings.HasPrefix(r, "throws TypeError") && (strings.Contains(r, "not a function") || strings.Contains(r, "not a constructor") ||
			strings.Contains(r, "of undefined") || strings.Contains(r, "undefined is not")))
}
