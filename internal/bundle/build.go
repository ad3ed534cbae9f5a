package bundle

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Options configures Build.
type Options struct {
	// Entry is the entry file, a slash path relative to the module
	// directory. "" tries DefaultEntries in order.
	Entry string
	// Minify shrinks the code (names stay readable in stacks through
	// esbuild's keep-names). Default false: the bundle reads like the source.
	Minify bool
	// Module is the code of the module being bundled: its bundles are
	// cached apart from every other module's, even from the same directory.
	Module string
	// Cache keeps bundles between calls, in memory and, when it has a
	// directory, on disk. nil runs esbuild every time.
	Cache *Cache
	// NodeEnv is the string process.env.NODE_ENV reads in the module's
	// code and its packages (the manifest's bundle.node_env). "" leaves it
	// undefined, as node does when the variable is unset: packages then take
	// their development paths and full error messages, as under node.
	NodeEnv string
}

// Result is a module's code ready for the engine.
type Result struct {
	// Code is an ES module (esbuild's esm format, everything bundled: it
	// imports nothing), to be evaluated as one (jsengine.Bundle.Module): its
	// exports are the module's, top-level await included. It is ASCII only (esbuild escapes the rest), so a column in a
	// QuickJS stack is the same in bytes, characters and UTF-16 units.
	Code string
	// SourceMap is a version 3 source map of Code: sources are slash paths
	// relative to the module directory, with their text included.
	SourceMap []byte
	// Entry is the entry file used, a slash path relative to the module
	// directory.
	Entry string
	// Inputs are the files the bundle was made from: every file loaded and
	// every package.json on their way up to the module directory. Slash
	// paths relative to the module directory, sorted.
	Inputs []string
	// Key is a sha256 (in hex) over the bundler's and esbuild's versions,
	// the options, the module directory, the inputs' paths and contents and
	// the listings of their directories: it changes whenever the bundle
	// could.
	Key string
	// Cached is true when the bundle came from the memory or disk cache
	// without running esbuild.
	Cached bool
	// Warnings are esbuild's warnings.
	Warnings []Message
	// CommonJS is true when the entry is a CommonJS file (module.exports,
	// exports.name, require): Code's default export is its module.exports,
	// which are then the module's exports (jsengine.Bundle.DefaultExports).
	CommonJS bool
	// Exports are the names the entry exports (from esbuild's metafile),
	// sorted; nil for a CommonJS entry, whose exports are known only when
	// it runs.
	Exports []string

	sums map[string]string // each input's sha256 in hex, by path
}

// InputSums returns the sha256 (in hex) of each of r's inputs, by path: the
// very bytes esbuild compiled, for a caller that must check them against a
// digest verified earlier. It is a function rather than a method so that it
// stays out of the public Result's method set.
func InputSums(r *Result) map[string]string { return r.sums }

// DefaultEntries are the entry files tried in order when Options.Entry is
// "".
var DefaultEntries = []string{"main.ts", "index.ts", "main.js", "index.js"}

// MaxInputBytes bounds the total size of a module's inputs.
const MaxInputBytes = 64 << 20

// bundleOutName is the output file esbuild is told about. Nothing is
// written; it sits in the module directory so the source map's sources come
// out relative to that directory.
const bundleOutName = "__corets_bundle.js"

// bundleFormat names this bundler's settings; changing them must change it,
// so stale disk caches are not reused.
const bundleFormat = "corets-bundle/4 es2023 esm browser"

// Build bundles the module in dir with esbuild, or returns the bundle in
// opt.Cache when none of its inputs changed.
//
// The module may import only files inside dir, including the packages in
// its node_modules, resolved as a browser bundler does (package.json
// "browser" maps, conditions and main fields): an import of a Node built-in
// (unless a package of that name is installed in the module, or the
// importer's "browser" map removes it or maps it to a file), of a remote URL, or of a path that
// resolves outside dir, symlinks followed, fails with an *Error naming the
// importing file and line. A dynamic import() of a computed string rejects
// at run time with "Dynamic require of ... is not supported"; one of a
// literal string is bundled like any import.
//
// Build is safe for concurrent use; concurrent calls for the same module
// and options with the same Cache run esbuild once.
func Build(dir string, opt Options) (*Result, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", dir, err)
	}
	// esbuild reports real paths; the module directory must be one too for
	// them to come out relative to it.
	realDir, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", dir, err)
	}
	if fi, err := os.Stat(realDir); err != nil {
		return nil, fmt.Errorf("bundle %s: %w", dir, err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("bundle %s: not a directory", dir)
	}
	want := opt.Entry
	if want != "" {
		if !filepath.IsLocal(filepath.FromSlash(want)) || strings.Contains(want, `\`) {
			return nil, fmt.Errorf("bundle %s: %w: entry %q must be a slash path inside the module directory", dir, ErrNoEntry, want)
		}
		want = path.Clean(want)
	}
	root, err := os.OpenRoot(realDir)
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", dir, err)
	}
	defer root.Close()

	fp := bundleFingerprint(opt)
	c := opt.Cache
	if c == nil {
		c = NewCache("", nil) // this call's alone
	}
	// the memory cache's slots are keyed by the whole id, compared in full
	id := realDir + "\x00" + want + "\x00" + fp + "\x00" + opt.Module
	cacheFile, cacheKey := c.diskFile(id)
	slot := c.slot(id)
	slot.mu.Lock()
	defer slot.mu.Unlock()
	if rec := slot.rec; rec != nil && rec.fresh(root) {
		c.persist(slot, cacheFile, cacheKey) // if an earlier write failed
		return rec.result(true), nil
	}
	if cacheFile != "" {
		if rec := c.readRecord(cacheFile, cacheKey, opt.Module); rec != nil && rec.matches(realDir, opt.Module, want, fp) && rec.fresh(root) {
			slot.keep(rec, cacheFile)
			return rec.result(true), nil
		}
	}
	slot.rec = nil
	c.builds.Add(1)
	rec, err := buildBundle(root, realDir, opt.Module, want, fp, opt)
	if err != nil {
		if be := (*Error)(nil); !errors.As(err, &be) {
			err = fmt.Errorf("bundle %s: %w", dir, err)
		}
		return nil, err
	}
	slot.keep(rec, "")
	c.persist(slot, cacheFile, cacheKey)
	return rec.result(false), nil
}

// findEntry picks the entry file: want, or the first of DefaultEntries.
func findEntry(root *os.Root, want string) (string, error) {
	if want != "" {
		fi, err := root.Stat(filepath.FromSlash(want))
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("%w: %q does not exist", ErrNoEntry, want)
			}
			return "", fmt.Errorf("%w: %q: %v", ErrNoEntry, want, err)
		}
		if !fi.Mode().IsRegular() {
			return "", fmt.Errorf("%w: %q is not a regular file", ErrNoEntry, want)
		}
		return want, nil
	}
	for _, name := range DefaultEntries {
		if fi, err := root.Stat(name); err == nil && fi.Mode().IsRegular() {
			return name, nil
		}
	}
	return "", fmt.Errorf("%w: none of %s exists (name another with \"main\" in .core/view.yml)",
		ErrNoEntry, strings.Join(DefaultEntries, ", "))
}

// buildBundle runs esbuild and records what it read.
func buildBundle(root *os.Root, realDir, module, want, fp string, opt Options) (*bundleRecord, error) {
	entry, err := findEntry(root, want)
	if err != nil {
		return nil, err
	}
	run, res := esbuildRun(root, realDir, entry, opt, nil)
	if len(res.Errors) == 0 && namesNodeGlobal(res) {
		// node.go: built again with the Buffer and process globals ahead of
		// the entry; a bundle that names neither is left without them
		run, res = esbuildRun(root, realDir, entry, opt, []string{nodeGlobalsPath})
	}
	if len(res.Errors) > 0 {
		return nil, &Error{Messages: convertMessages(res.Errors)}
	}
	rec := &bundleRecord{Format: fp, Dir: realDir, Module: module, Want: want, Entry: entry, Warnings: convertMessages(res.Warnings)}
	code := false
	for _, f := range res.OutputFiles {
		switch {
		case strings.HasSuffix(f.Path, ".js.map"):
			rec.SourceMap = string(f.Contents)
		case strings.HasSuffix(f.Path, ".js"):
			rec.Code, code = string(f.Contents), true
		}
	}
	if !code {
		// an empty module is empty code (the format has no wrapper)
		return nil, errors.New("esbuild produced no code")
	}
	rec.CommonJS = entryIsCommonJS(res.Metafile, entry)
	if !rec.CommonJS {
		rec.Exports = outputExports(res.Metafile)
	}
	if err := run.finish(rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// esbuildRun is one esbuild build of the module, with inject as esbuild's
// Inject option (modules imported ahead of the entry).
func esbuildRun(root *os.Root, realDir, entry string, opt Options, inject []string) (*bundleRun, api.BuildResult) {
	run := &bundleRun{root: root, dir: realDir, files: map[string]fileStamp{}}
	define := map[string]string{
		"process.env.NODE_ENV": nodeEnvDefine(opt.NodeEnv),
		"global":               "globalThis",
	}
	if inject == nil {
		maps.Copy(define, freeNodeGlobals) // node.go: finds free Buffer and process
	}
	return run, api.Build(api.BuildOptions{
		EntryPoints:   []string{"./" + entry},
		AbsWorkingDir: realDir,
		Outfile:       filepath.Join(realDir, bundleOutName),
		Bundle:        true,
		Write:         false,
		// an ES module: top-level await, and its namespace is the exports
		Format:   api.FormatESModule,
		Metafile: true, // says whether the entry is CommonJS
		// browser: package.json "browser" maps apply (esbuild reads them on
		// this platform only), so a package's require("fs") that its map
		// removes is an empty module; built-ins nothing maps away are still
		// refused (resolveRefused)
		Platform: api.PlatformBrowser,
		// QuickJS 2025-04-26 parses ES2023 but not ES2024's regexp v flag.
		Target: api.ES2023,
		// browser and worker builds of a package use web APIs, which the
		// engine has; node builds reach for built-ins, which it lacks
		MainFields:        []string{"browser", "module", "main"},
		Conditions:        []string{"worker", "browser", "module"},
		Define:            define,
		Inject:            inject,
		Loader:            bundleLoaders,
		ResolveExtensions: resolveExtensions,
		// "{}" stops esbuild from applying any tsconfig.json it finds
		TsconfigRaw: "{}",
		// import(x) of a computed x becomes a require that throws "Dynamic
		// require of x is not supported", instead of reaching whatever
		// module loader the engine might have
		Supported:         map[string]bool{"dynamic-import": false},
		Sourcemap:         api.SourceMapExternal,
		SourcesContent:    api.SourcesContentInclude,
		Charset:           api.CharsetASCII,
		MinifyWhitespace:  opt.Minify,
		MinifyIdentifiers: opt.Minify,
		MinifySyntax:      opt.Minify,
		KeepNames:         opt.Minify,
		LogLevel:          api.LogLevelSilent,
		Plugins:           []api.Plugin{run.plugin()},
	})
}

// entryIsCommonJS reports whether esbuild's metafile says the entry is a
// CommonJS file, whose module.exports esbuild makes the bundle's default
// export.
func entryIsCommonJS(metafile, entry string) bool {
	var meta struct {
		Inputs map[string]struct {
			Format string `json:"format"`
		} `json:"inputs"`
	}
	if json.Unmarshal([]byte(metafile), &meta) != nil {
		return false
	}
	return meta.Inputs[entry].Format == "cjs"
}

// nodeEnvDefine is what process.env.NODE_ENV is replaced with. Defining
// it always also stops esbuild's browser platform from defining it itself
// ("development", or "production" when minifying).
func nodeEnvDefine(env string) string {
	if env == "" {
		// not "undefined", which esbuild warns about as a likely mistake;
		// globalThis.undefined cannot be reassigned
		return "globalThis.undefined"
	}
	lit, _ := json.Marshal(env) // JSON's string is a JS string literal, whatever env holds
	return string(lit)
}

var resolveExtensions = []string{".tsx", ".ts", ".jsx", ".js", ".mts", ".cts", ".mjs", ".cjs", ".json"}

var bundleLoaders = map[string]api.Loader{
	".ts": api.LoaderTS, ".mts": api.LoaderTS, ".cts": api.LoaderTS, ".tsx": api.LoaderTSX,
	".js": api.LoaderJS, ".mjs": api.LoaderJS, ".cjs": api.LoaderJS, ".jsx": api.LoaderJSX,
	".json": api.LoaderJSON, ".txt": api.LoaderText,
}

// bundleRun is one esbuild run's view of the module: it enforces the import
// rules and reads (and hashes) every file esbuild loads.
type bundleRun struct {
	root *os.Root
	dir  string // the module directory, symlinks resolved

	mu      sync.Mutex
	files   map[string]fileStamp // by slash path relative to dir
	total   int64
	browser map[string]map[string]*string // "browser" maps by package directory (browser.go)
}

// fileStamp is a file's size and sha256.
type fileStamp struct {
	Size int64
	Hash digest
}

// resolving marks the plugin's own build.Resolve calls, which it lets
// esbuild's resolver handle.
type resolving struct{}

func (r *bundleRun) plugin() api.Plugin {
	return api.Plugin{Name: "corets", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^corets-inject:`}, nodeResolveGlobals) // node.go
		b.OnResolve(api.OnResolveOptions{Filter: refusedImportFilter}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			return r.resolveRefused(b, args)
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "file"}, r.load)
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: disabledNamespace}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
			empty := ""
			return api.OnLoadResult{Contents: &empty, Loader: api.LoaderJS}, nil
		})
		b.OnResolve(api.OnResolveOptions{Filter: `^\./`, Namespace: nodeNamespace}, nodeResolveInternal)
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: nodeNamespace}, nodeLoad)
	}}
}

// resolveRefused handles the imports refusedImportFilter selects: remote
// URLs and "node:" paths are refused; a bare built-in name is allowed only
// when a package of that name is installed inside the module (the npm
// "events" or "buffer" packages, say) or the importer's package.json
// "browser" map maps it to a file of the module or to false (an empty
// module), as a browser bundler does.
func (r *bundleRun) resolveRefused(b api.PluginBuild, args api.OnResolveArgs) (api.OnResolveResult, error) {
	if _, ok := args.PluginData.(resolving); ok {
		return api.OnResolveResult{}, nil
	}
	_, provided := nodeProvided(args.Path)
	switch {
	case isRemoteImport(args.Path):
		return api.OnResolveResult{Errors: refusal(ErrImportRefused, remoteText(args.Path))}, nil
	case provided && (strings.HasPrefix(args.Path, "node:") || args.Namespace == nodeNamespace):
		return nodeResolve(args.Path), nil // node.go
	case strings.HasPrefix(args.Path, "node:"):
		return api.OnResolveResult{Errors: refusal(ErrImportRefused, builtinText(args.Path))}, nil
	}
	res := b.Resolve(args.Path, api.ResolveOptions{
		Importer: args.Importer, Namespace: args.Namespace, ResolveDir: args.ResolveDir,
		Kind: args.Kind, PluginData: resolving{}, With: args.With,
	})
	if len(res.Errors) == 0 && !res.External {
		// A package.json "browser" map removed the name ({"fs": false}):
		// esbuild reports no namespace (the disabled flag is not in its
		// public result), and its own resolution, which the empty result
		// hands the path back to, makes it an empty module.
		disabled := res.Namespace == ""
		_, inside := r.rel(res.Path)
		if imp, in := r.rel(args.Importer); !disabled && inside && in && r.nameDisabled(imp, args.Path) {
			// installed, but the importer's map removes it: esbuild would
			// disable it, then ask load for the file all the same
			return api.OnResolveResult{Path: args.Path, Namespace: disabledNamespace}, nil
		}
		if disabled || (res.Namespace == "file" && inside) {
			// esbuild resolves it again, the same way, keeping what the
			// plugin API drops (a package mapped to false that is installed
			// is still disabled); load refuses a file outside the module.
			return api.OnResolveResult{}, nil
		}
	}
	if provided {
		return nodeResolve(args.Path), nil // node.go: neither a map nor a package took the name
	}
	return api.OnResolveResult{Errors: refusal(ErrImportRefused, builtinText(args.Path),
		fmt.Sprintf("no package named %q is installed in the module's node_modules", args.Path))}, nil
}

// rel is p relative to the module directory, in slash form, and whether p
// is inside it.
func (r *bundleRun) rel(p string) (string, bool) {
	rel, err := filepath.Rel(r.dir, p)
	if err != nil {
		return p, false
	}
	return filepath.ToSlash(rel), filepath.IsLocal(rel)
}

// load reads a file for esbuild through the module's os.Root, so nothing
// outside the module directory is read even if a path changes under us, and
// records its hash: the cache's inputs are exactly what esbuild compiled.
func (r *bundleRun) load(args api.OnLoadArgs) (api.OnLoadResult, error) {
	rel, inside := r.rel(args.Path)
	if !inside {
		var notes []string
		if n := r.linkNote(args.Path); n != "" {
			notes = append(notes, n)
		}
		return api.OnLoadResult{Errors: refusal(ErrImportRefused, fmt.Sprintf(
			"%q is outside the module directory; a module can import only its own files and the packages in its node_modules", rel), notes...)}, nil
	}
	if r.fileDisabled(rel) {
		empty := "" // a "browser" map removes the file: an empty module, as esbuild makes it
		return api.OnLoadResult{Contents: &empty, Loader: api.LoaderJS}, nil
	}
	osRel := filepath.FromSlash(rel)
	// Stat before Open: opening a FIFO would block.
	fi, err := r.root.Stat(osRel)
	if err != nil {
		return api.OnLoadResult{Errors: refusal(ErrImportRefused, fmt.Sprintf("%q cannot be read: %v", rel, err))}, nil
	}
	if !fi.Mode().IsRegular() {
		return api.OnLoadResult{Errors: refusal(ErrImportRefused, fmt.Sprintf("%q is not a regular file", rel))}, nil
	}
	budget, ok := r.reserve(rel, fi.Size())
	if !ok {
		return api.OnLoadResult{Errors: r.tooLarge(strconv.Quote(rel))}, nil
	}
	f, err := r.root.Open(osRel)
	if err != nil {
		return api.OnLoadResult{Errors: refusal(ErrImportRefused, fmt.Sprintf("%q cannot be read: %v", rel, err))}, nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, budget+1))
	if err != nil {
		return api.OnLoadResult{}, fmt.Errorf("reading %q: %w", rel, err)
	}
	if int64(len(data)) > budget {
		return api.OnLoadResult{Errors: r.tooLarge(strconv.Quote(rel))}, nil
	}
	r.record(rel, fi.Size(), fileStamp{Size: int64(len(data)), Hash: sha256.Sum256(data)})
	loader, ok := bundleLoaders[path.Ext(rel)]
	if !ok {
		loader = api.LoaderDefault // esbuild's own error for an unknown extension
	}
	if loader != api.LoaderText && loader != api.LoaderDefault {
		// before esbuild parses it: deep nesting overflows its stack
		if nerr := scanNesting(data, MaxNesting, MaxArrowNesting); nerr != nil {
			return api.OnLoadResult{Errors: nestingRefusal(rel, nerr)}, nil
		}
		if loader == api.LoaderJSX || loader == api.LoaderTSX {
			if nerr := scanJSXTags(data, MaxJSXTags); nerr != nil {
				return api.OnLoadResult{Errors: nestingRefusal(rel, nerr)}, nil
			}
		}
	}
	contents := string(data)
	return api.OnLoadResult{Contents: &contents, Loader: loader, ResolveDir: filepath.Dir(args.Path)}, nil
}

// reserve counts size against MaxInputBytes and returns how much the
// file may really hold (it may have grown since the Stat).
func (r *bundleRun) reserve(rel string, size int64) (int64, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, seen := r.files[rel]; seen {
		return MaxInputBytes, true
	}
	if r.total+size > MaxInputBytes {
		return 0, false
	}
	r.total += size
	return MaxInputBytes - r.total + size, true
}

func (r *bundleRun) record(rel string, reserved int64, st fileStamp) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.total += st.Size - reserved
	r.files[rel] = st
}

// tooLarge refuses the input that took the total past the limit; what
// names it.
func (r *bundleRun) tooLarge(what string) []api.Message {
	return refusal(ErrInputsTooLarge, fmt.Sprintf(
		"module inputs exceed %d MiB with %s; a module's own files and packages must stay below that", MaxInputBytes>>20, what))
}

// finish completes the record after a successful build: it adds the
// package.json files esbuild's resolver consulted on the way from each input
// up to the module directory, the listings of those directories (a file
// added beside an import can change what it resolves to, and a new main.ts
// changes the default entry), and the key.
func (r *bundleRun) finish(rec *bundleRecord) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	dirs := map[string]bool{}
	for rel := range r.files {
		for d := path.Dir(rel); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			if d == "." {
				break
			}
		}
	}
	for d := range dirs {
		pj := path.Join(d, "package.json")
		if _, done := r.files[pj]; done {
			continue
		}
		st, err := stampFile(r.root, pj)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		r.total += st.Size
		r.files[pj] = st
	}
	if r.total > MaxInputBytes {
		return &Error{Messages: convertMessages(r.tooLarge("the package.json files"))}
	}
	for rel, st := range r.files {
		rec.Files = append(rec.Files, fileRecord{Path: rel, fileStamp: st})
	}
	sort.Slice(rec.Files, func(a, b int) bool { return rec.Files[a].Path < rec.Files[b].Path })
	for d := range dirs {
		h, err := hashDir(r.root, d)
		if err != nil {
			return err
		}
		rec.Dirs = append(rec.Dirs, dirRecord{Path: d, Hash: h})
	}
	sort.Slice(rec.Dirs, func(a, b int) bool { return rec.Dirs[a].Path < rec.Dirs[b].Path })
	rec.Key = rec.computeKey()
	return nil
}

// outputExports is the names the bundle's one output exports, as esbuild's
// metafile lists them, sorted; nil when the metafile does not say.
func outputExports(metafile string) []string {
	var meta struct {
		Outputs map[string]struct {
			Exports []string `json:"exports"`
		} `json:"outputs"`
	}
	if json.Unmarshal([]byte(metafile), &meta) != nil {
		return nil
	}
	var names []string
	for out, o := range meta.Outputs {
		if strings.HasSuffix(out, ".js") {
			names = append(names, o.Exports...)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}
