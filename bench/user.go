package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/evanw/esbuild/pkg/api"
)

// The second table, "as a user runs it": whole processes (the CLI against
// deno and node), the big bundle, strings across the boundary and
// CPU-heavy pure JS, each with its peers measured in the same run.

//go:embed testdata/bigbundle.ts
var bigBundleTS string

const helloTS = "const who: string = \"world\";\nconsole.log(`hello, ${who}`);\n"
const helloJS = "const who = \"world\";\nconsole.log(`hello, ${who}`);\n"

// Columns of the second table.
const (
	ucOurs = iota
	ucNode
	ucDeno
	ucModernc
	ucGoja
	nUCols
)

type urow struct {
	figure string
	cells  [nUCols]string
	ratio  string // ours / node
	target string
}

// userEnv is what the user-level rows share: the CLI built into a temp
// directory with its own cache (warmed by the first runs), node, and the
// npm directory when the packages are there.
type userEnv struct {
	tmp, cli, cache string
	node            string
	npm             string // "" when not available
	npmNote         string
	deno            string
}

func newUserEnv(o options) (*userEnv, error) {
	tmp, err := os.MkdirTemp("", "corets-bench-user-")
	if err != nil {
		return nil, err
	}
	u := &userEnv{tmp: tmp, cache: filepath.Join(tmp, "cache")}
	progress("building cmd/corets-wasm ...")
	if u.cli, err = buildCLI(tmp); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	u.node, _ = exec.LookPath("node")
	switch {
	case o.quick:
		u.npmNote = "npm-backed rows (deno, big bundle, pako) skipped with -quick"
	case !o.npm:
		u.npmNote = "npm-backed rows (deno, big bundle, pako) skipped with -npm=false"
	default:
		if u.npm, err = ensureNPM(); err != nil {
			u.npmNote = "npm-backed rows (deno, big bundle, pako) not available: " + err.Error()
			u.npm = ""
		} else if u.deno, err = denoPath(u.npm); err != nil {
			u.npmNote = "deno not available: " + err.Error()
		}
	}
	return u, nil
}

func (u *userEnv) close() { os.RemoveAll(u.tmp) }

// oursEnv gives the CLI a cache directory of its own (os.UserCacheDir reads
// XDG_CACHE_HOME on Linux and the BSDs).
func (u *userEnv) oursEnv() []string { return []string{"XDG_CACHE_HOME=" + u.cache} }

func notAvailable(err error) string {
	if err != nil {
		return "error: " + firstLine(err.Error())
	}
	return "not available"
}

// helloRow times `corets-wasm run hello.ts` against `deno run hello.ts` and
// `node hello.js`, whole processes, warm caches.
func (u *userEnv) helloRow(o options) urow {
	r := urow{figure: fmt.Sprintf("`run hello.ts`, whole process, warm caches, median of %d", o.procRuns)}
	fillDash(&r)
	dir := filepath.Join(u.tmp, "hello")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "hello.ts"), []byte(helloTS), 0o644)
	os.WriteFile(filepath.Join(dir, "hello.js"), []byte(helloJS), 0o644)

	progress("ours: corets-wasm run hello.ts x %d ...", o.procRuns)
	dOurs, outOurs, err := procMedian(procSpec{path: u.cli, args: []string{"run", "hello.ts"}, dir: dir, env: u.oursEnv()}, o.procWarm, o.procRuns)
	r.cells[ucOurs] = cell(dOurs, err)
	if err == nil && outOurs != "hello, world" {
		r.cells[ucOurs] = fmt.Sprintf("printed %q", outOurs)
	}
	var dNode time.Duration
	r.cells[ucNode] = notAvailable(nil)
	if u.node != "" {
		progress("node: node hello.js x %d ...", o.procRuns)
		var nerr error
		dNode, _, nerr = procMedian(procSpec{path: u.node, args: []string{"hello.js"}, dir: dir}, o.procWarm, o.procRuns)
		r.cells[ucNode] = cell(dNode, nerr)
		if nerr == nil && err == nil {
			r.ratio = fmt.Sprintf("%.2f", float64(dOurs)/float64(dNode))
		}
	}
	r.cells[ucDeno] = notAvailable(nil)
	if u.deno != "" {
		progress("deno: deno run hello.ts x %d ...", o.procRuns)
		d, _, derr := procMedian(procSpec{path: u.deno, args: []string{"run", "hello.ts"}, dir: dir,
			env: []string{"DENO_DIR=" + filepath.Join(u.tmp, "deno"), "DENO_NO_UPDATE_CHECK=1", "NO_COLOR=1"}}, o.procWarm, o.procRuns)
		r.cells[ucDeno] = cell(d, derr)
	}
	r.target = mark("≤ 20 ms", err == nil && dOurs <= 20*time.Millisecond)
	return r
}

// bigBundleRows runs testdata/bigbundle.ts (zod, marked, date-fns,
// lodash-es, yaml, preact) with `corets-wasm run` and, bundled by esbuild
// for node, with node; both must print the same line.
func (u *userEnv) bigBundleRows(o options) []urow {
	r := urow{figure: fmt.Sprintf("big bundle (zod, marked, date-fns, lodash-es, yaml, preact), whole process, warm, median of %d", o.procRuns)}
	same := urow{figure: "… big bundle: output identical in ours and node"}
	fillDash(&r)
	fillDash(&same)
	if u.npm == "" || u.node == "" {
		r.cells[ucOurs], r.cells[ucNode] = notAvailable(nil), notAvailable(nil)
		r.target = "≤ 1.2× node"
		return []urow{r}
	}
	// The entry sits beside node_modules: a module imports only its own
	// directory's packages.
	entry := filepath.Join(u.npm, "bigbundle.ts")
	err := os.WriteFile(entry, []byte(bigBundleTS), 0o644)
	var nodeJS string
	if err == nil {
		nodeJS, err = bundleForNode(u.npm, entry, filepath.Join(u.tmp, "bigbundle.cjs"))
	}
	if err != nil {
		r.cells[ucOurs] = notAvailable(err)
		return []urow{r}
	}
	progress("ours: corets-wasm run bigbundle.ts x %d ...", o.procRuns)
	env := append(u.oursEnv(), "TZ=UTC")
	dOurs, outOurs, errOurs := procMedian(procSpec{path: u.cli, args: []string{"run", entry}, dir: u.tmp, env: env}, o.procWarm, o.procRuns)
	r.cells[ucOurs] = cell(dOurs, errOurs)
	progress("node: node bigbundle.cjs x %d ...", o.procRuns)
	dNode, outNode, errNode := procMedian(procSpec{path: u.node, args: []string{nodeJS}, dir: u.tmp, env: []string{"TZ=UTC"}}, o.procWarm, o.procRuns)
	r.cells[ucNode] = cell(dNode, errNode)
	r.target = "≤ 1.2× node"
	if errOurs == nil && errNode == nil {
		ratio := float64(dOurs) / float64(dNode)
		r.ratio = fmt.Sprintf("%.2f", ratio)
		r.target = mark(fmt.Sprintf("≤ %s (1.2× node)", ms(dNode*12/10)), ratio <= 1.2)
		ok := outOurs == outNode
		same.cells[ucOurs] = map[bool]string{true: "yes", false: "NO: " + outOurs}[ok]
		same.cells[ucNode] = map[bool]string{true: "yes", false: "NO: " + outNode}[ok]
		same.target = mark("identical", ok)
	}
	return []urow{r, same}
}

// bundleForNode bundles entry with esbuild for node, as a CommonJS file.
func bundleForNode(npm, entry, out string) (string, error) {
	res := api.Build(api.BuildOptions{
		EntryPoints:   []string{entry},
		AbsWorkingDir: npm,
		Outfile:       out,
		Bundle:        true,
		Write:         true,
		Format:        api.FormatCommonJS,
		Platform:      api.PlatformNode,
		Target:        api.ES2023,
		LogLevel:      api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return "", fmt.Errorf("esbuild for node: %s", res.Errors[0].Text)
	}
	return out, nil
}

// stringRows measures strings across the boundary in ours and node.
func (u *userEnv) stringRows(ctx context.Context, o options, oursE *ours) []urow {
	kib, warm, runs := 1024, 1, 3
	if o.quick {
		kib, warm, runs = 128, 0, 1
	}
	progress("ours: strings, %d KiB ...", kib)
	of := oursStrings(ctx, oursE, kib, warm, runs)
	var nf stringFigures
	haveNode := u.node != ""
	if haveNode {
		progress("node: strings, %d KiB ...", kib)
		nf = nodeStrings(u.node, kib, warm, runs)
	}
	row := func(figure string, ov, nv float64, oerr, nerr error) urow {
		r := urow{figure: fmt.Sprintf("%s, %d KiB, median of %d: ms per MiB", figure, kib, runs)}
		fillDash(&r)
		r.cells[ucOurs] = msPer(ov, oerr)
		r.cells[ucNode] = notAvailable(nil)
		if haveNode {
			r.cells[ucNode] = msPer(nv, nerr)
			if oerr == nil && nerr == nil && nv > 0 {
				r.ratio = fmt.Sprintf("%.1f", ov/nv)
			}
		}
		r.target = mark("≤ 10 ms/MiB", oerr == nil && ov <= 10)
		return r
	}
	return []urow{
		row("TextEncoder.encode (node: same)", of.encode, nf.encode, of.errEnc, nf.errEnc),
		row("TextDecoder.decode (node: same)", of.decode, nf.decode, of.errEnc, nf.errEnc),
		row("JS → host: core.fileWrite (node: fs.writeFileSync)", of.write, nf.write, of.errHost, nf.errHost),
		row("host → JS: core.fileRead (node: fs.readFileSync)", of.read, nf.read, of.errHost, nf.errHost),
	}
}

// cpuRows runs the CPU-heavy tasks in ours, node, modernc and goja.
func (u *userEnv) cpuRows(ctx context.Context, o options, oursE *ours, gojaE *gojaEngine, moderncE *moderncEngine) []urow {
	pako := ""
	var pakoErr error
	if u.npm != "" {
		pako, pakoErr = bundlePako(u.npm)
	}
	tasks := cpuTasks(o, pako)
	warm, runs := 1, 3
	if o.quick {
		runs = 1
	}
	var nodeRes []cpuResult
	var nodeErr error
	if u.node != "" {
		progress("node: CPU-heavy JS ...")
		var wants []string
		nodeRes, wants, nodeErr = nodeCPU(u.node, tasks, warm, runs)
		for i := range wants {
			tasks[i].want = wants[i] // the other engines must agree with node
		}
	}
	// The interpreters have no JIT to warm up: no untimed run, which saves
	// a minute of pako and scrypt in goja and modernc.
	oursRes := runCPUTasks("ours", func() (scriptVM, error) { return oursE.scriptVM(ctx) }, tasks, 0, runs)
	moderncRes := runCPUTasks("modernc.org/quickjs", moderncE.scriptVM, tasks, 0, runs)
	gojaRes := runCPUTasks("goja", func() (scriptVM, error) { return gojaE.scriptVM(), nil }, tasks, 0, runs)

	var rows []urow
	for i, t := range tasks {
		r := urow{figure: fmt.Sprintf("%s, median of %d", t.figure, runs)}
		fillDash(&r)
		r.cells[ucOurs] = cell(oursRes[i].d, oursRes[i].err)
		r.cells[ucModernc] = cell(moderncRes[i].d, moderncRes[i].err)
		r.cells[ucGoja] = cell(gojaRes[i].d, gojaRes[i].err)
		r.cells[ucNode] = notAvailable(nil)
		if u.node != "" {
			if nodeErr != nil {
				r.cells[ucNode] = notAvailable(nodeErr)
			} else {
				r.cells[ucNode] = ms(nodeRes[i].d)
				if oursRes[i].err == nil && nodeRes[i].d > 0 {
					r.ratio = fmt.Sprintf("%.1f", float64(oursRes[i].d)/float64(nodeRes[i].d))
				}
			}
		}
		if moderncRes[i].err == nil && oursRes[i].err == nil {
			r.target = mark("≤ modernc", oursRes[i].d <= moderncRes[i].d)
		}
		rows = append(rows, r)
	}
	if u.npm == "" {
		r := urow{figure: "pako gzip of 1024 KiB of text (npm pako)"}
		fillDash(&r)
		r.cells[ucOurs] = "not available"
		rows = append(rows, r)
	} else if pakoErr != nil {
		r := urow{figure: "pako gzip of 1024 KiB of text (npm pako)"}
		fillDash(&r)
		r.cells[ucOurs] = notAvailable(pakoErr)
		rows = append(rows, r)
	}
	return rows
}

func fillDash(r *urow) {
	for i := range r.cells {
		r.cells[i] = "—"
	}
	r.ratio, r.target = "—", "—"
}

func cell(d time.Duration, err error) string {
	if err != nil {
		return "error: " + firstLine(err.Error())
	}
	return ms(d)
}

func msPer(v float64, err error) string {
	if err != nil {
		return "error: " + firstLine(err.Error())
	}
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 1:
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.2f ms", v)
}

func urowsToCells(rows []urow) [][]string {
	var out [][]string
	for _, r := range rows {
		out = append(out, append(append([]string{r.figure}, r.cells[:]...), r.ratio, r.target))
	}
	return out
}

// userTable measures the second table's rows; the note says what was
// skipped or not available.
func userTable(ctx context.Context, o options, oursE *ours, gojaE *gojaEngine, moderncE *moderncEngine) ([]urow, string) {
	u, err := newUserEnv(o)
	if err != nil {
		return nil, "user-level rows: " + err.Error()
	}
	defer u.close()
	var rows []urow
	rows = append(rows, u.helloRow(o))
	rows = append(rows, u.bigBundleRows(o)...)
	rows = append(rows, u.stringRows(ctx, o, oursE)...)
	rows = append(rows, u.cpuRows(ctx, o, oursE, gojaE, moderncE)...)
	note := u.npmNote
	if u.node == "" {
		note += "; node not found on PATH"
	}
	return rows, note
}
