package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/corets/corets-wasm/modules"
)

// Strings across the boundary, in ms per MiB: TextEncoder.encode and
// TextDecoder.decode inside the guest, and a host round trip (core.fileWrite
// then core.fileRead of the same text through a modules.Runtime, in process,
// with a file grant). node does the same with TextEncoder/TextDecoder and
// fs.writeFileSync/readFileSync.

//go:embed testdata/strings.js
var stringsJS string

// stringFigures are the four figures, each in ms per MiB.
type stringFigures struct {
	encode, decode, write, read float64
	errEnc, errHost             error
}

func perMiB(d time.Duration, bytes int) float64 {
	return float64(d) / float64(time.Millisecond) * float64(1<<20) / float64(bytes)
}

// oursStrings measures TextEncoder/TextDecoder in one instance of ours and
// the host round trip through a modules.Runtime.
func oursStrings(ctx context.Context, o *ours, kib, warm, runs int) (f stringFigures) {
	f.errEnc = func() error {
		s, err := o.scriptVM(ctx)
		if err != nil {
			return err
		}
		defer s.close()
		if _, err := s.eval(stringsJS); err != nil {
			return err
		}
		nb, err := s.eval(fmt.Sprintf("strBench.prep(%d)", kib))
		if err != nil {
			return err
		}
		n, _ := strconv.Atoi(nb)
		dEnc, _, err := timeEval(s, "strBench.encode()", nb, warm, runs)
		if err != nil {
			return err
		}
		dDec, _, err := timeEval(s, "strBench.decode()", "", warm, runs)
		if err != nil {
			return err
		}
		f.encode, f.decode = perMiB(dEnc, n), perMiB(dDec, n)
		return nil
	}()
	f.errHost = oursHostStrings(ctx, kib, warm, runs, &f)
	return f
}

// hostManifest grants the module its data/ folder; file paths and grants
// are relative to the app root, which is the module directory here.
const hostManifest = `code: benchstr
name: Bench strings
version: "1.0.0"
permissions:
  read: ["./data/"]
  write: ["./data/"]
`

const hostMain = `let text = "";
export function prep(kib: number): number {
  const unit = "The naïve café owner said “déjà vu” — twice ✓. Lorem ipsum dolor sit amet, 0123456789.\n";
  const n = new TextEncoder().encode(unit).length;
  text = unit.repeat(Math.ceil(kib * 1024 / n));
  return n * Math.ceil(kib * 1024 / n);
}
export async function write(): Promise<number> { await core.fileWrite("data/text.txt", text); return text.length; }
export async function read(): Promise<number> { return (await core.fileRead("data/text.txt")).length; }
`

func oursHostStrings(ctx context.Context, kib, warm, runs int, f *stringFigures) error {
	dir, err := os.MkdirTemp("", "corets-bench-strings-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	mod := filepath.Join(dir, "benchstr")
	for name, body := range map[string]string{".core/view.yml": hostManifest, "main.ts": hostMain, "data/.keep": ""} {
		p := filepath.Join(mod, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	r, err := modules.Open(ctx, modules.Options{AppRoot: mod, MemoryStore: true, SkipInstalled: true,
		CacheDir: filepath.Join(dir, "cache"), Output: func(string, string, string) {}})
	if err != nil {
		return err
	}
	defer r.Close(context.Background())
	code, err := r.Load(ctx, mod)
	if err != nil {
		return err
	}
	nb, err := r.CallJSON(ctx, code, "prep", json.RawMessage(fmt.Sprintf("[%d]", kib)))
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(string(nb))
	call := func(name string) (time.Duration, error) {
		var ds []time.Duration
		var first string
		for i := -warm; i < runs; i++ {
			start := time.Now()
			res, err := r.CallJSON(ctx, code, name, nil)
			d := time.Since(start)
			if err != nil {
				return 0, fmt.Errorf("%s: %w", name, err)
			}
			if i == -warm {
				first = string(res)
			} else if string(res) != first {
				return 0, fmt.Errorf("%s returned %s, then %s", name, first, res)
			}
			if i >= 0 {
				ds = append(ds, d)
			}
		}
		return median(ds), nil
	}
	dw, err := call("write")
	if err != nil {
		return err
	}
	if st, err := os.Stat(filepath.Join(mod, "data", "text.txt")); err != nil || st.Size() != int64(n) {
		return fmt.Errorf("core.fileWrite wrote %v bytes, want %d (%v)", st.Size(), n, err)
	}
	dr, err := call("read")
	if err != nil {
		return err
	}
	f.write, f.read = perMiB(dw, n), perMiB(dr, n)
	return nil
}

// nodeStrings measures the same four figures in node.
func nodeStrings(node string, kib, warm, runs int) (f stringFigures) {
	dir, err := os.MkdirTemp("", "corets-bench-node-strings-")
	if err != nil {
		f.errEnc, f.errHost = err, err
		return f
	}
	defer os.RemoveAll(dir)
	script := stringsJS + fmt.Sprintf(`
const fs = require("fs"), path = require("path");
const n = strBench.prep(%d), s = strBench.text(), file = path.join(%s, "text.txt");
function time(f) {
  let ds = [];
  for (let i = -%d; i < %d; i++) { const t = performance.now(); f(); if (i >= 0) ds.push(performance.now() - t); }
  ds.sort((a, b) => a - b); return ds[ds.length >> 1] * 1048576 / n;
}
console.log(JSON.stringify({
  encode: time(() => strBench.encode()), decode: time(() => strBench.decode()),
  write: time(() => fs.writeFileSync(file, s)), read: time(() => fs.readFileSync(file, "utf8").length),
}));
`, kib, jsString(dir), warm, runs)
	p := filepath.Join(dir, "strings.js")
	if err := os.WriteFile(p, []byte(script), 0o644); err != nil {
		f.errEnc, f.errHost = err, err
		return f
	}
	ctx, cancel := context.WithTimeout(context.Background(), procTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, p).Output()
	var r struct{ Encode, Decode, Write, Read float64 }
	if err == nil {
		err = json.Unmarshal(out, &r)
	}
	if err != nil {
		err = fmt.Errorf("node: %v: %s", err, firstLine(strings.TrimSpace(string(out))))
		f.errEnc, f.errHost = err, err
		return f
	}
	f.encode, f.decode, f.write, f.read = r.Encode, r.Decode, r.Write, r.Read
	return f
}
