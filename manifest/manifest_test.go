package manifest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
)

// designExample is the manifest of DESIGN.md, without its placeholder sign
// line (which is not a signature; see TestParseErrors).
const designExample = `code: my-module            # identity; lowercase letters, digits, '-' and '_'
name: My Module
version: "1.0"
main: main.ts              # optional; default main.ts, then index.ts, main.js, index.js
permissions:
  read:  ["./data/"]       # paths under the app root; prefix match on path boundaries
  write: ["./data/"]
  net:   ["api.example.com:443"]   # host:port as in CoreTS; richer forms allowed (see below)
  run:   ["ffmpeg"]        # program names, exact match
  store: ["shared-settings"]       # store groups shared with other modules (own groups need no grant)
limits:                    # optional; the embedder's or CLI's defaults apply otherwise
  memory: 64MiB
  fuel: 200000000
  timeout: 30s             # wall clock per call, host calls included
`

const testFile = "m/.core/view.yml"

func TestParseGood(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		opt  Options
		want Manifest // File and Lines are not compared here
	}{
		{
			name: "design example",
			src:  designExample,
			want: Manifest{
				Code: "my-module", Name: "My Module", Version: "1.0", Main: "main.ts", Runtime: "typescript",
				Permissions: Permissions{
					Read: []string{"./data/"}, Write: []string{"./data/"}, Net: []string{"api.example.com:443"},
					Run: []string{"ffmpeg"}, Store: []string{"shared-settings"},
				},
				Limits: Limits{Memory: 64 << 20, Fuel: 200000000, Timeout: 30 * time.Second},
			},
		},
		{
			name: "minimal",
			src:  "code: a\n",
			want: Manifest{Code: "a", Runtime: "typescript"},
		},
		{
			name: "nulls mean unset",
			src:  "code: a\nname:\nversion: ~\nmain:\nruntime:\npermissions:\n  read:\n  env: null\nlimits:\n  memory:\nsign:\n",
			want: Manifest{Code: "a", Runtime: "typescript"},
		},
		{
			name: "empty lists and mappings",
			src:  "code: a\npermissions: {read: [], net: []}\nlimits: {}\n",
			want: Manifest{Code: "a", Runtime: "typescript"},
		},
		{
			name: "empty sign is unsigned",
			src:  "code: a\nsign: \"\"\n",
			want: Manifest{Code: "a", Runtime: "typescript"},
		},
		{
			name: "wasm runtime",
			src:  "code: w\nruntime: wasm\nmain: ./bin/mod.wasm\n",
			want: Manifest{Code: "w", Runtime: "wasm", Main: "bin/mod.wasm"},
		},
		{
			name: "every entry extension",
			src:  "code: a\nmain: src/app.mjs\n",
			want: Manifest{Code: "a", Runtime: "typescript", Main: "src/app.mjs"},
		},
		{
			name: "all limits, YAML integer forms and sizes",
			src: `code: a
limits:
  memory: 4GiB
  fuel: 200_000_000
  timeout: 1m30s
  read_bytes: 1.5MiB
  write_bytes: 65536
  fetch_bytes: 10 MB
  fetch_requests: 0x10
  processes: 4
  output_bytes: 512kb
  store_bytes: 1GB
  store_keys: 100000
`,
			want: Manifest{Code: "a", Runtime: "typescript", Limits: Limits{
				Memory: 4 << 30, Fuel: 200000000, Timeout: 90 * time.Second, ReadBytes: 1572864, WriteBytes: 65536,
				FetchBytes: 10e6, FetchRequests: 16, Processes: 4, OutputBytes: 512000, StoreBytes: 1e9, StoreKeys: 100000,
			}},
		},
		{
			name: "env and extra capabilities",
			src:  "code: a\npermissions:\n  env: [LANG, _X, Path2]\n  http: [\"https://example.com/api\"]\n  queue:\n",
			opt:  Options{Capabilities: []string{"http", "queue"}},
			want: Manifest{Code: "a", Runtime: "typescript", Permissions: Permissions{
				Env:   []string{"LANG", "_X", "Path2"},
				Extra: map[string][]string{"http": {"https://example.com/api"}, "queue": nil},
			}},
		},
		{
			name: "signed",
			src:  "code: a\nsign: '" + strings.Repeat("A", 86) + "=='\n",
			want: Manifest{Code: "a", Runtime: "typescript", Sign: strings.Repeat("A", 86) + "=="},
		},
		{
			name: "flow style, CRLF and a document marker",
			src:  "---\r\n{code: \"x-1_\", permissions: {run: [git]}}\r\n...\r\n",
			want: Manifest{Code: "x-1_", Runtime: "typescript", Permissions: Permissions{Run: []string{"git"}}},
		},
		{
			name: "exclamation marks inside values",
			src:  "code: a\nname: \"hi!\"\nversion: 1!\npermissions: {run: [x!, '!y']}\n",
			want: Manifest{Code: "a", Name: "hi!", Version: "1!", Runtime: "typescript", Permissions: Permissions{Run: []string{"x!", "!y"}}},
		},
		{
			name: "unicode name",
			src:  "code: a\nname: \"Größe ✓\"\n",
			want: Manifest{Code: "a", Name: "Größe ✓", Runtime: "typescript"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(testFile, []byte(tt.src), tt.opt)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if m.File != testFile {
				t.Errorf("File = %q", m.File)
			}
			got := *m
			got.File, got.Lines = "", nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if err := m.Validate(tt.opt); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestLinesAndPos(t *testing.T) {
	t.Parallel()
	m, err := Parse(testFile, []byte(designExample), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"code": 1, "name": 2, "version": 3, "main": 4, "permissions": 5,
		"permissions.read": 6, "permissions.read[0]": 6, "permissions.write": 7, "permissions.write[0]": 7,
		"permissions.net": 8, "permissions.net[0]": 8, "permissions.run": 9, "permissions.run[0]": 9,
		"permissions.store": 10, "permissions.store[0]": 10,
		"limits": 11, "limits.memory": 12, "limits.fuel": 13, "limits.timeout": 14,
	}
	if !reflect.DeepEqual(m.Lines, want) {
		t.Errorf("Lines = %v\nwant %v", m.Lines, want)
	}
	for key, pos := range map[string]string{
		"permissions.net":    testFile + ":8",
		"permissions.read":   testFile + ":6",
		"permissions.env":    testFile,
		"limits.fetch_bytes": testFile,
	} {
		if got := m.Pos(key); got != pos {
			t.Errorf("Pos(%q) = %q, want %q", key, got, pos)
		}
	}
	if got := (&Manifest{}).Pos("code"); got != Path {
		t.Errorf("empty manifest: Pos = %q, want %q", got, Path)
	}
	if got := (*Manifest)(nil).Pos("code"); got != Path {
		t.Errorf("nil manifest: Pos = %q, want %q", got, Path)
	}
	multi, err := Parse(testFile, []byte("code: a\npermissions:\n  read:\n    - a\n    - b\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := multi.Pos("permissions.read[1]"); got != testFile+":5" {
		t.Errorf("Pos(read[1]) = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	const f = testFile + ":"
	long := strings.Repeat("a", 65)
	many := "code: a\npermissions:\n  read:\n" + strings.Repeat("    - x\n", MaxPermissionEntries+1)
	tests := []struct {
		name string
		src  string
		opt  Options
		want []string
	}{
		{"empty", "", Options{}, []string{f + "1:1: code: is required (the manifest is empty)"}},
		{"comments only", "# nothing\n", Options{}, []string{f + "1:1: code: is required (the manifest is empty)"}},
		{"null document", "---\n~\n", Options{}, []string{f + "1:1: code: is required (the manifest is empty)"}},
		{"code missing", "name: x\n", Options{}, []string{f + "1:1: code: is required; give the module's identity, e.g. code: my-module"}},
		{"code null", "code:\n", Options{}, []string{f + "1:6: code: is required; give the module's identity, e.g. code: my-module"}},
		{"code uppercase", "code: My-Mod\n", Options{}, []string{f + `1:7: code: "My-Mod" contains 'M'; use 1 to 64 lowercase letters, digits, '-' and '_', starting with a letter or digit`}},
		{"code reserved", "code: _core\n", Options{}, []string{f + `1:7: code: "_core" starts with '_', which is reserved for the runtime; use 1 to 64 lowercase letters, digits, '-' and '_', starting with a letter or digit`}},
		{"code too long", "code: " + long + "\n", Options{}, []string{f + `1:7: code: "` + long[:64] + `..." is longer than 64 characters`}},
		{"code number", "code: 123\n", Options{}, []string{f + `1:7: code: must be a string; quote it: "123"`}},
		{"version number", "code: a\nversion: 1.0\n", Options{}, []string{f + `2:10: version: must be a string; quote it: "1.0"`}},
		{"version date", "code: a\nversion: 2024-01-02\n", Options{}, []string{f + `2:10: version: must be a string; quote it: "2024-01-02"`}},
		{"name bool", "code: a\nname: true\n", Options{}, []string{f + `2:7: name: must be a string; quote it: "true"`}},
		{"name list", "code: a\nname: [a]\n", Options{}, []string{f + "2:7: name: must be a string, not a list"}},
		{"name control", "code: a\nname: \"a\\u0007\"\n", Options{}, []string{f + `2:7: name: must not contain control characters (found '\a')`}},
		{"unknown top key", "code: a\npermisions: {}\n", Options{}, []string{f + `2:1: permisions: unknown key "permisions" (did you mean "permissions"?); valid keys in a manifest: code, name, version, main, runtime, permissions, limits, bundle, sign`}},
		{"permission at top", "code: a\nread: [x]\n", Options{}, []string{f + `2:1: read: unknown key "read" (it belongs under permissions); valid keys in a manifest: code, name, version, main, runtime, permissions, limits, bundle, sign`}},
		{"duplicate key", "code: a\nname: x\ncode: b\n", Options{}, []string{f + "3:1: code: duplicate key (first at line 1)"}},
		{"duplicate permission", "code: a\npermissions:\n  read: [a]\n  read: [b]\n", Options{}, []string{f + "4:3: permissions.read: duplicate key (first at line 3)"}},
		{"unknown permission", "code: a\npermissions:\n  reed: [a]\n", Options{}, []string{f + `3:3: permissions.reed: unknown key "reed" (did you mean "read"?); valid keys under permissions: read, write, net, run, store, env`}},
		{"capability not enabled", "code: a\npermissions:\n  http: [a]\n", Options{}, []string{f + `3:3: permissions.http: unknown key "http"; valid keys under permissions: read, write, net, run, store, env`}},
		{"unknown limit", "code: a\nlimits:\n  memroy: 64MiB\n", Options{}, []string{f + `3:3: limits.memroy: unknown key "memroy" (did you mean "memory"?); valid keys under limits: memory, fuel, timeout, read_bytes, write_bytes, fetch_bytes, fetch_requests, processes, output_bytes, store_bytes, store_keys`}},
		{"limits misplaced", "code: a\npermissions:\n  memory: 1\n", Options{}, []string{f + `3:3: permissions.memory: unknown key "memory" (it belongs under limits); valid keys under permissions: read, write, net, run, store, env`}},
		{"permissions not a mapping", "code: a\npermissions: [read]\n", Options{}, []string{f + `2:14: permissions: must be a mapping of capabilities to lists (read: ["./data/"]), not a list`}},
		{"limits not a mapping", "code: a\nlimits: 64MiB\n", Options{}, []string{f + "2:9: limits: must be a mapping of limits (memory: 64MiB, ...), not a single value"}},
		{"list item not a string", "code: a\npermissions:\n  read: [\"a\", 1]\n", Options{}, []string{f + `3:15: permissions.read[1]: must be a string; quote it: "1"`}},
		{"list item a mapping", "code: a\npermissions:\n  read:\n    - a\n    - {b: c}\n", Options{}, []string{f + "5:7: permissions.read[1]: must be a string, not a mapping"}},
		{"list is a string", "code: a\npermissions:\n  read: ./data\n", Options{}, []string{f + `3:9: permissions.read: must be a list; write ["./data"]`}},
		{"list is a number", "code: a\npermissions:\n  net: 443\n", Options{}, []string{f + "3:8: permissions.net: must be a list of strings, not a single value"}},
		{"env loader and runtime-set variables", "code: a\npermissions:\n  env: [LANG, LD_PRELOAD, PATH, dyld_insert_libraries, NODE_OPTIONS, Bash_Env]\n", Options{}, []string{
			f + `3:15: permissions.env[1]: "LD_PRELOAD" may not be granted: the dynamic loader reads LD_* (LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT load code)`,
			f + `3:27: permissions.env[2]: "PATH" may not be granted: the runtime sets it; a module-chosen PATH decides which programs a granted program runs`,
			f + `3:33: permissions.env[3]: "dyld_insert_libraries" may not be granted: macOS's dynamic loader reads DYLD_* (DYLD_INSERT_LIBRARIES loads code)`,
			f + `3:56: permissions.env[4]: "NODE_OPTIONS" may not be granted: Node.js reads NODE_* (NODE_OPTIONS --require loads code, NODE_PATH)`,
			f + `3:70: permissions.env[5]: "Bash_Env" may not be granted: bash reads BASH_* (BASH_ENV runs a file at start, BASH_FUNC_* define functions)`,
		}},
		{"empty entries", "code: a\npermissions:\n  run: [\"\", ~]\n", Options{}, []string{
			f + "3:9: permissions.run[0]: must not be empty",
			f + "3:13: permissions.run[1]: must not be empty",
		}},
		{"control character", "code: a\npermissions:\n  read: [\"a\\tb\", \"c\\u0000\"]\n", Options{}, []string{
			f + `3:10: permissions.read[0]: must not contain control characters (found '\t')`,
			f + `3:18: permissions.read[1]: must not contain control characters (found '\x00')`,
		}},
		{"too many entries", many, Options{}, []string{f + "260:7: permissions.read: has more than 256 entries"}},
		{"entry too long", "code: a\npermissions:\n  read: [" + strings.Repeat("x", maxEntryLen+1) + "]\n", Options{}, []string{f + "3:10: permissions.read[0]: is longer than 4096 bytes"}},
		{"env names", "code: a\npermissions:\n  env: [1BAD, A-B, OK]\n", Options{}, []string{
			f + `3:9: permissions.env[0]: "1BAD" is not an environment variable name (letters, digits and '_', not starting with a digit)`,
			f + `3:15: permissions.env[1]: "A-B" is not an environment variable name (letters, digits and '_', not starting with a digit)`,
		}},
		{"main parent", "code: a\nmain: ../x.ts\n", Options{}, []string{f + `2:7: main: "../x.ts" must be a plain path inside the module (no '..', '.' or empty parts)`}},
		{"main inner parent", "code: a\nmain: lib/../../x.ts\n", Options{}, []string{f + `2:7: main: "lib/../../x.ts" must be a plain path inside the module (no '..', '.' or empty parts)`}},
		{"main absolute", "code: a\nmain: /etc/x.ts\n", Options{}, []string{f + `2:7: main: "/etc/x.ts" must be relative to the module directory`}},
		{"main backslash", "code: a\nmain: 'lib\\x.ts'\n", Options{}, []string{f + `2:7: main: "lib\\x.ts" must use forward slashes`}},
		{"main drive", "code: a\nmain: \"C:x.ts\"\n", Options{}, []string{f + `2:7: main: "C:x.ts" must not contain ':' (drive letters and alternate data streams are refused)`}},
		{"main double slash", "code: a\nmain: lib//x.ts\n", Options{}, []string{f + `2:7: main: "lib//x.ts" must be a plain path inside the module (no '..', '.' or empty parts)`}},
		{"main extension", "code: a\nmain: main.py\n", Options{}, []string{f + `2:7: main: "main.py" must end in .ts, .js, .mts, .mjs, .tsx, .jsx, .wasm`}},
		{"main empty", "code: a\nmain: \"\"\n", Options{}, []string{f + "2:7: main: must not be empty; leave it out to use the default entry"}},
		{"main NUL", "code: a\nmain: \"a\\0.ts\"\n", Options{}, []string{f + `2:7: main: must not contain control characters (found '\x00')`}},
		{"wasm main without runtime", "code: a\nmain: main.wasm\n", Options{}, []string{f + `2:7: main: "main.wasm" is a .wasm file; add runtime: wasm`}},
		{"wasm runtime without main", "code: a\nruntime: wasm\n", Options{}, []string{f + "2:10: runtime: wasm needs main to name the module's .wasm file"}},
		{"wasm runtime with ts main", "code: a\nruntime: wasm\nmain: main.ts\n", Options{}, []string{f + `3:7: main: "main.ts" is not a .wasm file, which runtime: wasm needs`}},
		{"unknown runtime", "code: a\nruntime: python\n", Options{}, []string{f + `2:10: runtime: "python" is not a runtime; use "typescript" or "wasm"`}},
		{"memory too small", "code: a\nlimits: {memory: 1MiB}\n", Options{}, []string{f + "2:18: limits.memory: 1MiB is below the minimum of 4MiB"}},
		{"memory too large", "code: a\nlimits: {memory: 5GiB}\n", Options{}, []string{f + "2:18: limits.memory: 5GiB is above the maximum of 4GiB"}},
		{"memory bytes too small", "code: a\nlimits: {memory: 1000}\n", Options{}, []string{f + "2:18: limits.memory: 1000 is below the minimum of 4MiB"}},
		{"memory not a size", "code: a\nlimits: {memory: lots}\n", Options{}, []string{f + `2:18: limits.memory: invalid size "lots": want a number and a unit such as 64MiB, 512KB or 65536`}},
		{"memory float", "code: a\nlimits: {memory: 1e9}\n", Options{}, []string{f + `2:18: limits.memory: "1e9" is not a size; use a whole number of bytes or a number with a unit such as 64MiB or 512KB`}},
		{"memory fraction", "code: a\nlimits: {memory: 0.5B}\n", Options{}, []string{f + `2:18: limits.memory: invalid size "0.5B": not a whole number of bytes`}},
		{"memory list", "code: a\nlimits: {memory: [1]}\n", Options{}, []string{f + "2:18: limits.memory: must be a single value, not a list"}},
		{"fuel zero", "code: a\nlimits: {fuel: 0}\n", Options{}, []string{f + "2:16: limits.fuel: 0 must be more than 0"}},
		{"fuel negative", "code: a\nlimits: {fuel: -5}\n", Options{}, []string{f + "2:16: limits.fuel: -5 must be more than 0"}},
		{"fuel string", "code: a\nlimits: {fuel: \"100\"}\n", Options{}, []string{f + `2:16: limits.fuel: "100" is not a whole number`}},
		{"fuel fraction", "code: a\nlimits: {fuel: 1.5}\n", Options{}, []string{f + `2:16: limits.fuel: "1.5" is not a whole number`}},
		{"fuel overflow", "code: a\nlimits: {fuel: 99999999999999999999}\n", Options{}, []string{f + "2:16: limits.fuel: 99999999999999999999 is too large"}},
		{"fuel uint64", "code: a\nlimits: {fuel: 18446744073709551615}\n", Options{}, []string{f + "2:16: limits.fuel: 18446744073709551615 is too large"}},
		{"processes above int32", "code: a\nlimits: {processes: 3000000000}\n", Options{}, []string{f + "2:21: limits.processes: 3000000000 is above the maximum of 2147483647"}},
		{"timeout without unit", "code: a\nlimits: {timeout: 30}\n", Options{}, []string{f + `2:19: limits.timeout: 30 has no unit; write a duration such as "30s"`}},
		{"timeout zero", "code: a\nlimits: {timeout: 0s}\n", Options{}, []string{f + "2:19: limits.timeout: 0s must be more than 0"}},
		{"timeout negative", "code: a\nlimits: {timeout: -1s}\n", Options{}, []string{f + "2:19: limits.timeout: -1s must be more than 0"}},
		{"timeout too long", "code: a\nlimits: {timeout: 25h}\n", Options{}, []string{f + "2:19: limits.timeout: 25h0m0s is above the maximum of 24h0m0s"}},
		{"timeout garbage", "code: a\nlimits: {timeout: soon}\n", Options{}, []string{f + `2:19: limits.timeout: "soon" is not a duration; use a number with a unit such as "30s", "1m30s" or "500ms"`}},
		{"timeout bool", "code: a\nlimits: {timeout: true}\n", Options{}, []string{f + `2:19: limits.timeout: "true" is not a duration; use a number with a unit such as "30s"`}},
		{"byte limit zero", "code: a\nlimits: {read_bytes: 0}\n", Options{}, []string{f + "2:22: limits.read_bytes: 0 must be more than 0"}},
		{"sign not base64", "code: a\nsign: \"base64 ed25519 signature\"\n", Options{}, []string{f + "2:7: sign: is not standard base64 (as Sign writes it)"}},
		{"sign wrong length", "code: a\nsign: \"AAAA\"\n", Options{}, []string{f + "2:7: sign: decodes to 3 bytes; an ed25519 signature has 64"}},
		{"sign not canonical", "code: a\nsign: \"" + strings.Repeat("A", 85) + "B==\"\n", Options{}, []string{f + "2:7: sign: is not standard base64 (as Sign writes it)"}},
		{"sign block scalar", "code: a\nsign: |\n  AAAA\n", Options{}, []string{f + `2:7: sign: must be written on one line: sign: "<base64>"`}},
		{"sign next line", "code: a\nsign:\n  AAAA\n", Options{}, []string{f + `3:3: sign: must be written on one line: sign: "<base64>"`}},
		{"sign number", "code: a\nsign: 12\n", Options{}, []string{f + `2:7: sign: must be a string; quote it: "12"`}},
		{"anchor and alias", "code: &c a\nname: *c\n", Options{}, []string{
			f + "1:7: code: anchors (&c) are not allowed in a manifest; write the value out",
			f + "2:7: name: aliases (*c) are not allowed in a manifest; write the value out",
		}},
		{"alias in a list", "code: a\npermissions:\n  read: &r [x]\n  write: *r\n", Options{}, []string{
			f + "3:9: permissions.read: anchors (&r) are not allowed in a manifest; write the value out",
			f + "4:10: permissions.write: aliases (*r) are not allowed in a manifest; write the value out",
		}},
		{"merge key", "code: a\nlimits:\n  <<: {fuel: 1}\n", Options{}, []string{f + "3:3: limits: merge keys (<<) are not allowed in a manifest; write the keys out"}},
		{"tag", "code: !!str a\n", Options{}, []string{f + "1:7: code: tags (!!str) are not allowed in a manifest; quote a value to make it a string"}},
		{"custom tag", "code: a\nname: !env HOME\n", Options{}, []string{f + "2:7: name: tags (!env) are not allowed in a manifest; quote a value to make it a string"}},
		{"non-specific tag", "code: ! a\n", Options{}, []string{f + "1:7: code: tags (!) are not allowed in a manifest; quote a value to make it a string"}},
		{"non-specific tag on null", "code: a\nsign: !\n", Options{}, []string{f + "2:7: sign: tags (!) are not allowed in a manifest; quote a value to make it a string"}},
		{"non-specific tag on a list", "code: a\npermissions:\n  read: ! [x]\n", Options{}, []string{f + "3:9: permissions.read: tags (!) are not allowed in a manifest; quote a value to make it a string"}},
		{"columns count characters", "code: a\npermissions:\n  read: [\"ééé\", 1]\n", Options{}, []string{f + `3:17: permissions.read[1]: must be a string; quote it: "1"`}},
		{"two documents", "code: a\n---\ncode: b\n", Options{}, []string{f + `2:1: a manifest is a single YAML document; remove the "---" separator and what follows`}},
		{"trailing separator", "code: a\n---\n", Options{}, []string{f + `2:1: a manifest is a single YAML document; remove the "---" separator and what follows`}},
		{"syntax error", "code: [a\n", Options{}, []string{f + "2: invalid YAML: did not find expected ',' or ']'"}},
		{"syntax error on line 1", "code: a: b\n", Options{}, []string{f + "1: invalid YAML: mapping values are not allowed in this context"}},
		{"bad indentation", "code: a\n  name: b\n", Options{}, []string{f + "2: invalid YAML: mapping values are not allowed in this context"}},
		{"missing colon", "code: a\nname\nversion: \"1\"\n", Options{}, []string{f + "2: invalid YAML: could not find expected ':'"}},
		{"unclosed quote", "code: a\nname: \"x\n", Options{}, []string{f + "2: invalid YAML: found unexpected end of stream"}},
		{"raw control character", "code: a\nname: x\x01y\n", Options{}, []string{f + `2:8: control character '\x01'; a manifest is text`}},
		{"unknown alias", "code: *x\n", Options{}, []string{testFile + ": aliases are not allowed in a manifest (and this one names no anchor): unknown anchor 'x' referenced"}},
		{"syntax error in second document", "code: a\n---\n[b\n", Options{}, []string{f + "3: invalid YAML: did not find expected ',' or ']'"}},
		{"tab indentation", "code: a\npermissions:\n\tread: [a]\n", Options{}, []string{f + "3: invalid YAML: found character that cannot start any token"}},
		{"not a mapping", "- code: a\n", Options{}, []string{f + "1:1: a manifest must be a mapping of keys to values (code: my-module, ...), not a list"}},
		{"scalar document", "hello\n", Options{}, []string{f + "1:1: a manifest must be a mapping of keys to values (code: my-module, ...), not a single value"}},
		{"complex key", "code: a\n? [x]\n: y\n", Options{}, []string{f + "2:3: a key must be a plain word, not a list"}},
		{"invalid UTF-8", "code: a\nname: \"\xff\"\n", Options{}, []string{f + "2:8: is not UTF-8 text"}},
		{"several problems at once", "code: A\nversion: 2\npermissions:\n  read: [1]\nlimits:\n  fuel: 0\nextra: 1\n", Options{}, []string{
			f + `1:7: code: "A" contains 'A'; use 1 to 64 lowercase letters, digits, '-' and '_', starting with a letter or digit`,
			f + `2:10: version: must be a string; quote it: "2"`,
			f + `4:10: permissions.read[0]: must be a string; quote it: "1"`,
			f + "6:9: limits.fuel: 0 must be more than 0",
			f + `7:1: extra: unknown key "extra"; valid keys in a manifest: code, name, version, main, runtime, permissions, limits, bundle, sign`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(testFile, []byte(tt.src), tt.opt)
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", m)
			}
			if m != nil {
				t.Errorf("Parse returned a manifest with an error")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is a %T, not an ErrorList: %v", err, err)
			}
			got := strings.Split(err.Error(), "\n")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(list) != len(tt.want) {
				t.Errorf("%d errors in the list, want %d", len(list), len(tt.want))
			}
			var e *Error
			if !errors.As(err, &e) || e != list[0] {
				t.Errorf("errors.As(*Error) does not find the first error")
			}
		})
	}
}

func TestErrorFields(t *testing.T) {
	t.Parallel()
	_, err := Parse(testFile, []byte("code: a\npermissions:\n  read: [\"ok\", 2]\n"), Options{})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v", err)
	}
	want := Error{File: testFile, Line: 3, Column: 16, Key: "permissions.read[1]", Msg: `must be a string; quote it: "2"`}
	if *list[0] != want {
		t.Errorf("got %+v, want %+v", *list[0], want)
	}
	if got := (&Error{Msg: "x"}).Error(); got != Path+": x" {
		t.Errorf("Error without file = %q", got)
	}
	if got := (&Error{File: "f", Line: 3, Key: "k", Msg: "x"}).Error(); got != "f:3: k: x" {
		t.Errorf("Error without column = %q", got)
	}
}

func TestTooManyErrors(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("code: a\n")
	for i := range 200 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	_, err := Parse(testFile, []byte(b.String()), Options{})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	if len(list) != maxErrors+1 {
		t.Fatalf("%d errors, want %d", len(list), maxErrors+1)
	}
	if last := list[len(list)-1]; last.Msg != "too many errors; stopping here" {
		t.Errorf("last error = %v", last)
	}
}

func TestOptionsCapabilities(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"read", "", "Http", "1x", "a.b", strings.Repeat("a", 65)} {
		_, err := Parse(testFile, []byte("code: a\n"), Options{Capabilities: []string{bad}})
		if err == nil || !strings.Contains(err.Error(), "Options.Capabilities") {
			t.Errorf("capability %q: err = %v", bad, err)
		}
	}
	m, err := Parse(testFile, []byte("code: a\npermissions:\n  mail-send: [\"ops@example.com\"]\n"), Options{Capabilities: []string{"mail-send", "sms"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Permissions.List("mail-send"); !reflect.DeepEqual(got, []string{"ops@example.com"}) {
		t.Errorf("List(mail-send) = %q", got)
	}
	if _, ok := m.Permissions.Extra["sms"]; ok {
		t.Errorf("Extra has a key the manifest does not")
	}
	if m.Lines["permissions.mail-send[0]"] != 3 {
		t.Errorf("Lines = %v", m.Lines)
	}
	// Validate against options that lack the capability.
	if err := m.Validate(Options{}); err == nil || !strings.Contains(err.Error(), "permissions.mail-send: is not a capability this embedder knows") {
		t.Errorf("Validate without the capability: %v", err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	good := &Manifest{Code: "a", Runtime: RuntimeTypeScript, Main: "main.ts"}
	if err := good.Validate(Options{}); err != nil {
		t.Fatalf("good: %v", err)
	}
	bad := &Manifest{
		Code: "A", Runtime: "lua", Main: "./x.ts", File: "f", Lines: map[string]int{"code": 1},
		Permissions: Permissions{Read: []string{""}, Env: []string{"A B"}},
		Limits:      Limits{Memory: 1, Timeout: -1},
		Sign:        "x",
	}
	err := bad.Validate(Options{})
	want := []string{
		`f:1: code: "A" contains 'A'; use 1 to 64 lowercase letters, digits, '-' and '_', starting with a letter or digit`,
		`f: main: "./x.ts" is not in clean form ("x.ts")`,
		`f: runtime: "lua" is not a runtime; use "typescript" or "wasm"`,
		`f: permissions.read[0]: must not be empty`,
		`f: permissions.env[0]: "A B" is not an environment variable name (letters, digits and '_', not starting with a digit)`,
		`f: limits.memory: 1 is below the minimum of 4MiB`,
		`f: limits.timeout: -1ns must be more than 0`,
		`f: sign: is not standard base64 (as Sign writes it)`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

func TestValidCode(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		code string
		ok   bool
	}{
		{"a", true}, {"my-module", true}, {"m_2", true}, {"0day", true}, {strings.Repeat("a", 64), true},
		{"", false}, {"_runtime", false}, {"-x", false}, {"A", false}, {"a b", false}, {"a.b", false},
		{"a/b", false}, {"é", false}, {strings.Repeat("a", 65), false}, {"a\x00", false},
	} {
		if err := ValidCode(tt.code); (err == nil) != tt.ok {
			t.Errorf("ValidCode(%q) = %v, want ok=%v", tt.code, err, tt.ok)
		}
	}
}

func TestAliasBomb(t *testing.T) {
	t.Parallel()
	// "Billion laughs": expanded, this would be 10^9 strings. Aliases are
	// refused, never expanded.
	bomb := `code: a
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`
	done := make(chan error, 1)
	go func() {
		_, err := Parse(testFile, []byte(bomb), Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "2:4: a: anchors (&a) are not allowed") ||
			!strings.Contains(err.Error(), "3:8: b[0]: aliases (*a) are not allowed") {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(30 * time.Second):
		// Not a timing assertion: a hang guard. The parse takes microseconds.
		t.Fatal("the alias bomb was expanded")
	}
}

func TestHostileSizes(t *testing.T) {
	t.Parallel()
	big := "code: a\nname: \"" + strings.Repeat("x", MaxFileSize) + "\"\n"
	_, err := Parse(testFile, []byte(big), Options{})
	if err == nil || !strings.Contains(err.Error(), "a manifest may be at most 65536 bytes") {
		t.Errorf("oversized: %v", err)
	}
	deep := "code: a\nname: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
	if _, err := Parse(testFile, []byte(deep), Options{}); err == nil || !strings.Contains(err.Error(), "max depth") {
		t.Errorf("deep nesting: %v", err)
	}
	// Many anchors: the error list stays bounded.
	var b strings.Builder
	b.WriteString("code: a\nname: [")
	for i := range 3000 {
		fmt.Fprintf(&b, "&a%d x,", i)
	}
	b.WriteString("]\n")
	_, err = Parse(testFile, []byte(b.String()), Options{})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != maxErrors+1 {
		t.Errorf("many anchors: %d errors: %.200v", len(list), err)
	}
}

// writeModule makes a module directory with the given files (slash paths).
func writeModule(t *testing.T, files map[string]string) string {
	return testutil.WriteTree(t, t.TempDir(), files)
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{Path: designExample, "main.ts": "export {}\n"})
	m, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, ".core", "view.yml"); m.File != want {
		t.Errorf("File = %q, want %q", m.File, want)
	}
	if m.Code != "my-module" || m.Pos("limits.memory") != m.File+":12" {
		t.Errorf("m = %+v", m)
	}

	// Errors name the file.
	bad := writeModule(t, map[string]string{Path: "code: a\nversion: 1\n"})
	_, err = Load(bad, Options{})
	if want := filepath.Join(bad, ".core", "view.yml") + `:2:10: version: must be a string; quote it: "1"`; err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

func TestLoadMissing(t *testing.T) {
	t.Parallel()
	for name, files := range map[string]map[string]string{
		"no .core":       {"main.ts": "x"},
		"empty .core":    {".core/other": "x"},
		"nothing at all": {},
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeModule(t, files)
			_, err := Load(dir, Options{})
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
			if !strings.Contains(err.Error(), filepath.Join(dir, ".core", "view.yml")) {
				t.Errorf("error does not name the path: %v", err)
			}
			m, err := Load(dir, Options{AllowMissing: true})
			if err != nil {
				t.Fatal(err)
			}
			want := &Manifest{Runtime: RuntimeTypeScript, Lines: map[string]int{}}
			if !reflect.DeepEqual(m, want) {
				t.Errorf("got %+v", m)
			}
		})
	}
	_, err := Load(filepath.Join(t.TempDir(), "absent"), Options{AllowMissing: true})
	if err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("missing module directory: err = %v", err)
	}
}

func TestLoadRefuses(t *testing.T) {
	t.Parallel()
	t.Run("oversized", func(t *testing.T) {
		dir := writeModule(t, map[string]string{Path: "code: a\n#" + strings.Repeat("x", MaxFileSize) + "\n"})
		_, err := Load(dir, Options{})
		var list ErrorList
		if !errors.As(err, &list) || !strings.Contains(err.Error(), "a manifest may be at most 65536 bytes") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("exactly the maximum", func(t *testing.T) {
		src := "code: a\n#"
		src += strings.Repeat("x", MaxFileSize-len(src)-1) + "\n"
		dir := writeModule(t, map[string]string{Path: src})
		if _, err := Load(dir, Options{}); err != nil {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		dir := writeModule(t, map[string]string{Path + "/x": ""})
		if _, err := Load(dir, Options{AllowMissing: true}); err == nil || !strings.Contains(err.Error(), "is not a regular file") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run(".core is a file", func(t *testing.T) {
		dir := writeModule(t, map[string]string{".core": "code: a\n"})
		if _, err := Load(dir, Options{AllowMissing: true}); err == nil || !strings.Contains(err.Error(), ".core is not a directory") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("symlinked manifest", func(t *testing.T) {
		outside := writeModule(t, map[string]string{"view.yml": "code: evil\n"})
		dir := writeModule(t, map[string]string{".core/keep": ""})
		symlink(t, filepath.Join(outside, "view.yml"), filepath.Join(dir, ".core", "view.yml"))
		if _, err := Load(dir, Options{}); err == nil || !strings.Contains(err.Error(), "is a symbolic link") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("symlinked .core", func(t *testing.T) {
		outside := writeModule(t, map[string]string{"view.yml": "code: evil\n"})
		dir := writeModule(t, nil)
		symlink(t, outside, filepath.Join(dir, ".core"))
		if _, err := Load(dir, Options{}); err == nil || !strings.Contains(err.Error(), ".core is a symbolic link") {
			t.Errorf("err = %v", err)
		}
	})
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		// Links on Windows are reparse points that os.Root resolves itself;
		// wine, where these tests run, emulates them with host links that
		// read as missing files, which is not Windows' behaviour.
		t.Skip("symbolic links are tested on Unix")
	}
	if err := os.Symlink(target, link); err != nil {
		if runtime.GOOS == "windows" {
			t.Skipf("symlinks need privileges here: %v", err)
		}
		t.Fatal(err)
	}
}

func TestLimitsOr(t *testing.T) {
	t.Parallel()
	def := Limits{
		Memory: 64 << 20, Fuel: 1e9, Timeout: time.Minute, ReadBytes: 1, WriteBytes: 2, FetchBytes: 3,
		FetchRequests: 4, Processes: 5, OutputBytes: 6, StoreBytes: 7, StoreKeys: 8,
	}
	if got := (Limits{}).Or(def); got != def {
		t.Errorf("empty.Or(def) = %+v", got)
	}
	own := Limits{Memory: 8 << 20, Timeout: time.Second, Processes: 1, StoreKeys: 99}
	want := def
	want.Memory, want.Timeout, want.Processes, want.StoreKeys = 8<<20, time.Second, 1, 99
	if got := own.Or(def); got != want {
		t.Errorf("own.Or(def) = %+v\nwant %+v", got, want)
	}
	if got := own.Or(Limits{}); got != own {
		t.Errorf("own.Or(zero) = %+v", got)
	}
	// Every field takes part: a Limits with all fields set is unchanged.
	if got := def.Or(Limits{Memory: 1}); got != def {
		t.Errorf("full.Or = %+v", got)
	}
	if len(limitSpecs) != reflect.TypeFor[Limits]().NumField() {
		t.Errorf("limitSpecs has %d entries for %d fields", len(limitSpecs), reflect.TypeFor[Limits]().NumField())
	}
}

func TestParseSize(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want int64
		err  string
	}{
		{"0", 0, ""},
		{"65536", 65536, ""},
		{"64MiB", 64 << 20, ""},
		{"64mib", 64 << 20, ""},
		{"64MIB", 64 << 20, ""},
		{"64MB", 64e6, ""},
		{"4 KiB", 4096, ""},
		{"  4\tKiB  ", 4096, ""},
		{"512KB", 512000, ""},
		{"512kb", 512000, ""},
		{"1GiB", 1 << 30, ""},
		{"1GB", 1e9, ""},
		{"2TiB", 2 << 40, ""},
		{"1TB", 1e12, ""},
		{"12B", 12, ""},
		{"1.5MiB", 1572864, ""},
		{"1.5KB", 1500, ""},
		{"0.5KiB", 512, ""},
		{"007", 7, ""},
		{"9223372036854775807", 9223372036854775807, ""},
		{"9223372036854775807B", 9223372036854775807, ""},
		{"8388607TiB", 8388607 << 40, ""},
		{"", 0, `invalid size "": empty; want a number and a unit such as 64MiB`},
		{"   ", 0, `invalid size "   ": empty; want a number and a unit such as 64MiB`},
		{"MiB", 0, `invalid size "MiB": want a number and a unit such as 64MiB, 512KB or 65536`},
		{"-1", 0, `invalid size "-1": must not be negative`},
		{"-1MiB", 0, `invalid size "-1MiB": must not be negative`},
		{"+1", 0, `invalid size "+1": want a number and a unit such as 64MiB, 512KB or 65536`},
		{"1.5B", 0, `invalid size "1.5B": not a whole number of bytes`},
		{"1.1", 0, `invalid size "1.1": not a whole number of bytes`},
		{"1.", 0, `invalid size "1.": want a number and a unit such as 64MiB, 512KB or 65536`},
		{".5MiB", 0, `invalid size ".5MiB": want a number and a unit such as 64MiB, 512KB or 65536`},
		{"1.2.3", 0, `invalid size "1.2.3": want a number and a unit such as 64MiB, 512KB or 65536`},
		{"9223372036854775808", 0, `invalid size "9223372036854775808": too large`},
		{"8388608TiB", 0, `invalid size "8388608TiB": too large`},
		{"99999999999999999999999GiB", 0, `invalid size "99999999999999999999999GiB": too large`},
		{"64M", 0, `invalid size "64M": unknown unit "M"; use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB`},
		{"64 MiB extra", 0, `invalid size "64 MiB extra": unknown unit "MiB extra"; use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB`},
		{"1e9", 0, `invalid size "1e9": unknown unit "e9"; use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB`},
		{"1_000", 0, `invalid size "1_000": unknown unit "_000"; use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB`},
		{"0x10", 0, `invalid size "0x10": unknown unit "x10"; use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB`},
		{"１MiB", 0, `invalid size "１MiB": want a number and a unit such as 64MiB, 512KB or 65536`},
		{strings.Repeat("1", 65), 0, `invalid size "` + strings.Repeat("1", 64) + `...": too long`},
	} {
		got, err := ParseSize(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("ParseSize(%q) = %d, %v; want error %q", tt.in, got, err, tt.err)
		}
	}
}

func TestFormatSize(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{
		0: "0", 1: "1", 1023: "1023", 1024: "1KiB", 1536: "1536", 64 << 20: "64MiB", 4 << 30: "4GiB",
		3 << 40: "3TiB", 1e9: "1000000000", -5: "-5",
	} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestRefusedEnv(t *testing.T) {
	t.Parallel()
	for name, refused := range map[string]bool{
		"LANG": false, "LC_ALL": false, "TERM": false, "MY_TOKEN": false, "ENVIRONMENT": false, "PATH2": false,
		"LD_PRELOAD": true, "ld_library_path": true, "LD_AUDIT": true, "DYLD_INSERT_LIBRARIES": true,
		"PATH": true, "Path": true, "HOME": true, "TMPDIR": true, "SystemRoot": true,
		"GCONV_PATH": true, "GLIBC_TUNABLES": true, "MALLOC_CHECK_": true, "MallocLogFile": true,
		"BASH_ENV": true, "ENV": true, "SHELLOPTS": true, "PS4": true, "IFS": true,
		"PYTHONPATH": true, "PYTHONSTARTUP": true, "PERL5OPT": true, "RUBYOPT": true, "NODE_OPTIONS": true,
		"JAVA_TOOL_OPTIONS": true, "_JAVA_OPTIONS": true, "CLASSPATH": true, "LUA_INIT_5_4": true,
		"GIT_CONFIG_GLOBAL": true, "GIT_SSH_COMMAND": true, "SSL_CERT_FILE": true, "OPENSSL_CONF": true,
	} {
		if got := RefusedEnv(name) != ""; got != refused {
			t.Errorf("RefusedEnv(%q) refuses = %v, want %v", name, got, refused)
		}
	}
}
