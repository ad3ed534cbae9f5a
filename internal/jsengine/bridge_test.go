package jsengine

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The bridge (engine/src/bridge.c) and this package share numbers that are
// spelled twice: once in C, once in Go. Nothing but these tests ties them, so
// every integer the C source defines must be listed here, either with the Go
// constant that mirrors it or as the C side's own business.

// bridgeShared maps each C name to the Go constant that must equal it.
var bridgeShared = map[string]int64{
	// status codes of the exports
	"ST_OK":          stOK,
	"ST_EXCEPTION":   stException,
	"ST_PENDING":     stPending,
	"ST_OOM":         stOOM,
	"ST_INTERRUPTED": stInterrupted,
	"ST_ERROR":       stError,
	// payload kinds of host calls and replies
	"HC_STRING":    hcString,
	"HC_BYTES":     hcBytes,
	"HC_UNDEFINED": hcUndefined,
	"HC_ERROR":     hcError,
	"HC_ASYNC":     hcAsync,
	// the module loader's questions (module_loader.go)
	"MOD_RESOLVE": modResolve,
	"MOD_SOURCE":  modSource,
	"MOD_STORE":   modStore,
	// bridge_eval flags
	"EVAL_COMPILE_ONLY":    evalCompileOnly,
	"EVAL_BYTECODE":        evalBytecode,
	"EVAL_PRELUDE":         evalPrelude,
	"EVAL_RESULT":          evalResult,
	"EVAL_WITH_HOST":       evalWithHost,
	"EVAL_STRIP":           evalStrip,
	"EVAL_MODULE":          evalModule,
	"EVAL_DEFAULT_EXPORTS": evalDefaultExports,
	// the interrupt countdown: onInterrupt never asks for more than the
	// bridge accepts
	"COUNTDOWN_MAX": maxCountdown,
	// what bridge_run runs, and where it stopped
	"RUN_CALL":        runCall,
	"RUN_CALL_PACKED": runCallPacked,
	"RUN_EVAL":        runEval,
	"STAGE_CALL":      stageCall,
	"STAGE_JOBS":      stageJobs,
	"STAGE_STATE":     stageState,
	// packed arguments (args.go)
	"PACKED_MAX": packedMax,
	"PK_INT":     pkInt,
	"PK_STRING":  pkString,
	"PK_TRUE":    pkTrue,
	"PK_FALSE":   pkFalse,
	"PK_NULL":    pkNull,
}

// bridgeOwn are the C source's integers the host neither sends nor reads.
var bridgeOwn = []string{
	"MAX_UNHANDLED",     // rejections kept until the job queue drains
	"MALLOC_OVERHEAD",   // the allocator's per-block bytes
	"ALLOC_CHECK_EVERY", // allocations between deadline polls
	"ALLOC_CHECK_SIZE",  // an allocation this large polls at once
	"COUNTDOWN_START",   // the first countdown, before the host's first answer
	"CHUNK_INUSE",       // dlmalloc's in-use bit in a chunk's head
	"TOP_FOOT_MAX",      // at most this far below the break, the top chunk ends
}

var (
	cEnumBlock  = regexp.MustCompile(`(?s)\benum\s*\{(.*?)\n\};`)
	cEnumMember = regexp.MustCompile(`(?m)^\s*([A-Z][A-Z0-9_]*)\s*=\s*([^,/]+?)\s*,`)
	cDefine     = regexp.MustCompile(`(?m)^#define\s+([A-Z][A-Z0-9_]*)\s+(\(?[0-9][^/\n]*?)\s*(?:/\*.*)?$`)
	cExport     = regexp.MustCompile(`\bEXPORT\("([a-z_]+)"\)`)
	cImport     = regexp.MustCompile(`\bIMPORT\("([a-z_]+)"\)`)
)

// cInt evaluates the integer expressions bridge.c uses: a literal, or a
// parenthesised shift such as (64 << 10).
func cInt(t *testing.T, expr string) int64 {
	t.Helper()
	expr = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(expr), "("), ")"))
	if a, b, ok := strings.Cut(expr, "<<"); ok {
		return cInt(t, a) << cInt(t, b)
	}
	v, err := strconv.ParseInt(expr, 0, 64)
	if err != nil {
		t.Fatalf("bridge.c: cannot read the integer %q", expr)
	}
	return v
}

func readBridge(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("engine/src/bridge.c")
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// cConstants returns every enum member and integer #define of bridge.c.
func cConstants(t *testing.T, src string) map[string]int64 {
	t.Helper()
	consts := map[string]int64{}
	add := func(name, expr string) {
		if _, dup := consts[name]; dup {
			t.Fatalf("bridge.c defines %s twice", name)
		}
		consts[name] = cInt(t, expr)
	}
	for _, block := range cEnumBlock.FindAllStringSubmatch(src, -1) {
		for _, m := range cEnumMember.FindAllStringSubmatch(block[1], -1) {
			add(m[1], m[2])
		}
	}
	for _, m := range cDefine.FindAllStringSubmatch(src, -1) {
		add(m[1], m[2])
	}
	return consts
}

func TestBridgeConstantsMatchC(t *testing.T) {
	consts := cConstants(t, readBridge(t))
	if len(consts) < len(bridgeShared) {
		t.Fatalf("read only %d constants from bridge.c: the parser no longer understands it", len(consts))
	}
	for name, v := range consts {
		goV, shared := bridgeShared[name]
		switch {
		case shared && goV != v:
			t.Errorf("%s is %d in bridge.c but %d in Go", name, v, goV)
		case !shared && !slices.Contains(bridgeOwn, name):
			t.Errorf("bridge.c defines %s = %d: give it a Go constant in bridgeShared, or list it in bridgeOwn", name, v)
		}
	}
	for name := range bridgeShared {
		if _, ok := consts[name]; !ok {
			t.Errorf("Go mirrors %s, which bridge.c no longer defines", name)
		}
	}
	for _, name := range bridgeOwn {
		if _, ok := consts[name]; !ok {
			t.Errorf("bridgeOwn lists %s, which bridge.c no longer defines", name)
		}
	}
	// stTrap is the host's own status: it must not collide with the bridge's.
	for name, v := range consts {
		if strings.HasPrefix(name, "ST_") && v == stTrap {
			t.Errorf("bridge.c's %s collides with stTrap (%d)", name, v)
		}
	}
}

// TestBridgeExportsAndImports ties the export and import names: the C
// source's, the committed wasm's and the ones Go calls or defines.
func TestBridgeExportsAndImports(t *testing.T) {
	src := readBridge(t)
	names := func(re *regexp.Regexp) []string {
		var out []string
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return out
	}

	cExports := names(cExport)
	goExports := slices.Sorted(slices.Values(exportNames[:]))
	if !slices.Equal(cExports, goExports) {
		t.Errorf("exports: bridge.c has %v, Go calls %v", cExports, goExports)
	}
	for _, name := range cExports {
		if _, ok := testEngine.compiled.ExportedFunctions()[name]; !ok {
			t.Errorf("quickjs.wasm lacks %s, which bridge.c exports: rebuild it (engine/build.sh)", name)
		}
	}

	cImports := names(cImport)
	var wasmImports []string
	for _, def := range testEngine.compiled.ImportedFunctions() {
		if mod, _, _ := def.Import(); mod == "corets" {
			_, name, _ := def.Import()
			wasmImports = append(wasmImports, name)
		}
	}
	slices.Sort(wasmImports)
	if !slices.Equal(cImports, wasmImports) {
		t.Errorf("imports: bridge.c has %v, quickjs.wasm %v", cImports, wasmImports)
	}
	var goImports []string
	for name := range testEngine.rt.Wazero().Module("corets").ExportedFunctionDefinitions() {
		goImports = append(goImports, name)
	}
	slices.Sort(goImports)
	if !slices.Equal(cImports, goImports) {
		t.Errorf("imports: bridge.c has %v, Go defines %v", cImports, goImports)
	}
}

// TestBridgeStack ties stackLimit and heapReserve to the C stack build.sh
// links: QuickJS must report a stack overflow before the stack runs out, and
// the heap limit must leave the stack its room.
func TestBridgeStack(t *testing.T) {
	build, err := os.ReadFile("engine/build.sh")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`stack-size=([0-9]+)`).FindSubmatch(build)
	if m == nil {
		t.Fatal("build.sh no longer sets the stack size with -z stack-size=N")
	}
	stack, _ := strconv.ParseInt(string(m[1]), 10, 64)
	if stackLimit >= stack {
		t.Errorf("stackLimit %d is not below build.sh's stack of %d bytes", stackLimit, stack)
	}
	if heapReserve <= stack {
		t.Errorf("heapReserve %d does not cover build.sh's stack of %d bytes", heapReserve, stack)
	}
}
