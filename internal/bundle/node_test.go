package bundle

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// Every provided node:* module bundles and loads, as "node:X" and as "X".
// (modules' TestNodeModulesParity compares their behaviour with node.)
func TestBundleNodeModules(t *testing.T) {
	names := NodeModules()
	if len(names) < 12 {
		t.Fatalf("NodeModules() = %v", names)
	}
	var imports, uses []string
	for i, n := range names {
		imports = append(imports, `import * as a`+itoa(i)+` from "node:`+n+`";`, `import * as b`+itoa(i)+` from "`+n+`";`)
		uses = append(uses, `typeof a`+itoa(i)+`.default === typeof b`+itoa(i)+`.default && a`+itoa(i)+`.default === b`+itoa(i)+`.default`)
	}
	b, err := Build(writeBundleModule(t, map[string]string{
		"main.ts": strings.Join(imports, "\n") + "\nexport function n() { return [" + strings.Join(uses, ",") + "].every(Boolean) }\n",
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range b.Inputs {
		if strings.Contains(in, "node:") {
			t.Errorf("input %q: the node:* modules are not the module's files", in)
		}
	}
	res, err := bundleTestInstance(t, bundleTestEngine(t), b, "bundle.js").Call(context.Background(), "n", json.RawMessage(`[]`))
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Value) != "true" {
		t.Errorf("n() = %s: node:X and X differ", res.Value)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// What a module chose wins over the provided module: a browser map's false
// or file, and an installed package of that name. node:X always means ours.
func TestBundleNodeModulesGiveWay(t *testing.T) {
	b, err := Build(writeBundleModule(t, map[string]string{
		"node_modules/events/package.json": `{"name":"events","main":"events.js"}`,
		"node_modules/events/events.js":    `module.exports = { installed: true };`,
		"node_modules/p/package.json":      `{"name":"p","main":"index.js","browser":{"buffer":false,"util":"./util-shim.js"}}`,
		"node_modules/p/index.js":          `module.exports = [Object.keys(require("buffer")).length, require("util").shim, typeof require("node:buffer").Buffer];`,
		"node_modules/p/util-shim.js":      `module.exports = { shim: "mine" };`,
		"main.ts": `import p from "p"; import ev from "events"; import EE from "node:events"; import { Buffer } from "buffer";
export function n() { return [p, ev.installed, typeof EE, typeof Buffer.from]; }`,
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := bundleTestInstance(t, bundleTestEngine(t), b, "bundle.js").Call(context.Background(), "n", json.RawMessage(`[]`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `[[0,"mine","function"],true,"function","function"]`; string(res.Value) != want {
		t.Errorf("n() = %s, want %s", res.Value, want)
	}
}

// Code that names Buffer or process without importing them (CommonJS
// packages written for node, the entry itself) gets node:buffer's Buffer
// and node:process as globals, defined ahead of the entry; a global the
// engine already has is kept; a bundle that names neither gets neither.
func TestBundleNodeGlobals(t *testing.T) {
	e := bundleTestEngine(t)
	call := func(t *testing.T, files map[string]string) string {
		t.Helper()
		b, err := Build(writeBundleModule(t, files), Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := bundleTestInstance(t, e, b, "bundle.js").Call(context.Background(), "n", json.RawMessage(`[]`))
		if err != nil {
			t.Fatal(err)
		}
		return string(res.Value)
	}
	t.Run("package and entry", func(t *testing.T) {
		got := call(t, map[string]string{
			"node_modules/p/package.json": `{"name":"p","main":"index.js"}`,
			"node_modules/p/index.js":     `module.exports = () => Buffer.from("hi").toString("hex") + " " + process.env.NODE_ENV + " " + typeof process.nextTick;`,
			"main.ts": `import p from "p"; import { Buffer as B } from "node:buffer";
export function n() { return [p(), Buffer === B, Object.keys(globalThis).includes("Buffer"), typeof process.cwd]; }`,
		})
		if want := `["6869 undefined function",true,false,"function"]`; got != want {
			t.Errorf("n() = %s, want %s", got, want)
		}
	})
	t.Run("a local or an import of that name only", func(t *testing.T) {
		got := call(t, map[string]string{
			"main.ts": `import process from "node:process"; const Buffer = 1;
export function n() { return [Buffer, typeof process.cwd, typeof globalThis.Buffer, typeof globalThis.process]; }`,
		})
		if want := `[1,"function","undefined","undefined"]`; got != want {
			t.Errorf("n() = %s, want %s", got, want)
		}
	})
	t.Run("typeof guard", func(t *testing.T) {
		got := call(t, map[string]string{
			"main.ts": `export function n() { return typeof process !== "undefined" && process.platform; }`,
		})
		if want := `"linux"`; got != want {
			t.Errorf("n() = %s, want %s", got, want)
		}
	})
	t.Run("neither named", func(t *testing.T) {
		got := call(t, map[string]string{
			"main.ts": `export function n() { return [typeof globalThis.Buffer, typeof globalThis.process]; }`,
		})
		if want := `["undefined","undefined"]`; got != want {
			t.Errorf("n() = %s, want %s", got, want)
		}
	})
}

// The rest of node stays refused with the core.* way to do it, and the
// helpers the node:* files share are theirs alone.
func TestBundleNodeModulesRefused(t *testing.T) {
	for _, tc := range []struct{ spec, contains string }{
		{"fs", "core.fileRead"}, {"node:fs", "core.fileRead"}, {"fs/promises", "core.fileRead"},
		{"net", "fetch"}, {"node:http", "fetch"}, {"https", "fetch"},
		{"child_process", "core.processStart"}, {"node:worker_threads", "core.processStart"},
		{"os", "core.storeGet"}, {"node:os", "core.storeGet"},
		{"node:comparisons", "Node's APIs"}, {"node:util_types", "Node's APIs"}, {"node:internal/util", "Node's APIs"},
		{"stream", "Node's APIs"}, {"node:zlib", "Node's APIs"},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			_, err := Build(writeBundleModule(t, map[string]string{
				"main.ts": `import * as m from "` + tc.spec + `"; export const x = m;`,
			}), Options{})
			if !errors.Is(err, ErrImportRefused) {
				t.Fatalf("err = %v, want ErrImportRefused", err)
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q lacks %q", err, tc.contains)
			}
		})
	}
}

// A bundle made before the node:* files changed is not reused: their
// digest is part of the fingerprint.
func TestBundleNodeFilesInFingerprint(t *testing.T) {
	if fp := bundleFingerprint(Options{}); !strings.Contains(fp, " node="+nodeFilesHash()) || len(nodeFilesHash()) != 16 {
		t.Errorf("fingerprint %q lacks the node files' digest", fp)
	}
}
