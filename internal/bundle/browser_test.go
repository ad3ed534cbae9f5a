package bundle

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// browserPackages are small npm packages resolved the way a browser bundler
// resolves them: package.json "browser" maps (a built-in mapped to false or
// to a file, a file mapped to a file), the "browser" condition of
// "exports", and the "browser" main field before "module" and "main".
var browserPackages = map[string]string{
	// sanitize-html, qs, crypto-js...: a require of a built-in that the
	// browser map removes; the disabled module is an empty object
	"node_modules/maps-false/package.json": `{"name":"maps-false","main":"index.js","browser":{"fs":false,"crypto":false,"events":false,"./node-only.js":false}}`,
	"node_modules/maps-false/index.js": `var fs = require("fs"); var c = require("crypto");
var ev = require("events"); var no = require("./node-only");
module.exports = "fs:" + typeof fs + ":" + Object.keys(fs).length + ",crypto:" + typeof c +
  ",events:" + Object.keys(ev).length + ",node-only:" + Object.keys(no).length;`,
	// a file the map removes (imported without its extension) is an empty module
	"node_modules/maps-false/node-only.js": `module.exports = require("child_process");`,
	// an installed package the importer's map removes is removed all the
	// same; other importers get it
	"node_modules/events/package.json": `{"name":"events","main":"events.js"}`,
	"node_modules/events/events.js":    `module.exports = { EventEmitter: function () {} };`,
	// a built-in mapped to a shim, and one file of the package to another
	"node_modules/maps-file/package.json": `{"name":"maps-file","main":"./lib/index.js",
"browser":{"util":"./lib/util-browser.js","./lib/impl-node.js":"./lib/impl-browser.js"}}`,
	"node_modules/maps-file/lib/index.js":        `module.exports = require("util").name + "+" + require("./impl-node.js");`,
	"node_modules/maps-file/lib/util-browser.js": `exports.name = "util-shim";`,
	"node_modules/maps-file/lib/impl-node.js":    `module.exports = require("fs").readFileSync ? "node" : "?";`,
	"node_modules/maps-file/lib/impl-browser.js": `module.exports = "impl-browser";`,
	// the "browser" condition of "exports" beats "node" and "default"
	"node_modules/cond/package.json": `{"name":"cond","exports":{".":{"node":"./node.js","browser":"./browser.js","default":"./default.js"},
"./sub":{"worker":"./sub-worker.js","browser":"./sub-browser.js","default":"./sub-default.js"}}}`,
	"node_modules/cond/node.js":        `module.exports = require("fs") && "node";`,
	"node_modules/cond/browser.js":     `module.exports = "browser";`,
	"node_modules/cond/default.js":     `module.exports = "default";`,
	"node_modules/cond/sub-worker.js":  `module.exports = "sub-worker";`,
	"node_modules/cond/sub-browser.js": `module.exports = "sub-browser";`,
	"node_modules/cond/sub-default.js": `module.exports = "sub-default";`,
	// main fields: "browser" (a string) first
	"node_modules/fields/package.json": `{"name":"fields","main":"./main.js","module":"./module.mjs","browser":"./browser.js"}`,
	"node_modules/fields/main.js":      `module.exports = require("os").platform();`,
	"node_modules/fields/module.mjs":   `export default "module";`,
	"node_modules/fields/browser.js":   `module.exports = "browser-field";`,
	"main.ts": `import mapsFalse from "maps-false";
import mapsFile from "maps-file";
import cond from "cond";
import sub from "cond/sub";
import fields from "fields";
import * as events from "events";
export function which() { return { mapsFalse, events: Object.keys(events).length, mapsFile, cond, sub, fields }; }
`,
}

func TestBundleBrowserResolution(t *testing.T) {
	b, err := Build(writeBundleModule(t, browserPackages), Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := bundleTestInstance(t, bundleTestEngine(t), b, "bundle.js")
	res, err := in.Call(context.Background(), "which", json.RawMessage(`[]`))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"mapsFalse":"fs:object:0,crypto:object,events:0,node-only:0","events":2,"mapsFile":"util-shim+impl-browser","cond":"browser","sub":"sub-worker","fields":"browser-field"}`
	if string(res.Value) != want {
		t.Errorf("which() = %s\nwant       %s", res.Value, want)
	}
	for _, f := range []string{"node_modules/cond/node.js", "node_modules/maps-false/node-only.js", "node_modules/maps-file/lib/impl-node.js", "node_modules/fields/main.js"} {
		for _, in := range b.Inputs {
			if in == f {
				t.Errorf("%s is an input: the browser build should not read it", f)
			}
		}
	}
}

// A built-in that no browser map removes stays refused, with the message
// that names core.*: in the module, in a package without a map, in a
// package whose map removes other names only, and as "node:fs" even where
// the map removes "fs".
func TestBundleBrowserBuiltinsStillRefused(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		contains []string
	}{
		{name: "module's own import", files: map[string]string{"main.ts": `import fs from "fs"; export const x = fs;`},
			contains: []string{`"fs" is a Node built-in`, "core.fileRead"}},
		{name: "package without a map", files: map[string]string{
			"node_modules/p/package.json": `{"name":"p","main":"index.js"}`,
			"node_modules/p/index.js":     `module.exports = require("child_process");`,
			"main.ts":                     `import p from "p"; export const x = p;`},
			contains: []string{`"child_process" is a Node built-in`, "core.processStart"}},
		{name: "map removes another name", files: map[string]string{
			"node_modules/p/package.json": `{"name":"p","main":"index.js","browser":{"fs":false}}`,
			"node_modules/p/index.js":     `module.exports = require("net");`,
			"main.ts":                     `import p from "p"; export const x = p;`},
			contains: []string{`"net" is a Node built-in`, "fetch"}},
		{name: "node: prefix not mapped", files: map[string]string{
			"node_modules/p/package.json": `{"name":"p","main":"index.js","browser":{"fs":false}}`,
			"node_modules/p/index.js":     `module.exports = require("node:fs");`,
			"main.ts":                     `import p from "p"; export const x = p;`},
			contains: []string{`"node:fs" is a Node built-in`, "core.fileRead"}},
		{name: "map of another package does not apply", files: map[string]string{
			"node_modules/p/package.json": `{"name":"p","main":"index.js","browser":{"fs":false}}`,
			"node_modules/p/index.js":     `module.exports = 1;`,
			"node_modules/q/package.json": `{"name":"q","main":"index.js"}`,
			"node_modules/q/index.js":     `module.exports = require("fs");`,
			"main.ts":                     `import p from "p"; import q from "q"; export const x = [p, q];`},
			contains: []string{`"fs" is a Node built-in`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(writeBundleModule(t, tt.files), Options{})
			if !errors.Is(err, ErrImportRefused) {
				t.Fatalf("err = %v, want ErrImportRefused", err)
			}
			for _, c := range tt.contains {
				if !strings.Contains(err.Error(), c) {
					t.Errorf("error %q lacks %q", err, c)
				}
			}
		})
	}
}

// browserify's quirk, which esbuild keeps: "./name" in a package's own map
// stands for require("name") in that package (not in a nested one), here
// for a name that is installed.
func TestBundleBrowserDotNameQuirk(t *testing.T) {
	b, err := Build(writeBundleModule(t, map[string]string{
		"node_modules/events/package.json": `{"name":"events","main":"events.js"}`,
		"node_modules/events/events.js":    `module.exports = { EventEmitter: function () {} };`,
		"node_modules/p/package.json":      `{"name":"p","main":"lib/index.js","browser":{"./lib/events":false}}`,
		"node_modules/p/lib/index.js":      `module.exports = Object.keys(require("events")).length;`,
		"main.ts":                          `import p from "p"; import * as ev from "events"; export function n() { return [p, Object.keys(ev).length]; }`,
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := bundleTestInstance(t, bundleTestEngine(t), b, "bundle.js").Call(context.Background(), "n", json.RawMessage(`[]`))
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Value) != `[0,2]` {
		t.Errorf("n() = %s, want [0,2]", res.Value)
	}
}
