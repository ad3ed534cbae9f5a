package modules

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The runtime's own files (store, .corets/, modules/, caches) are reserved
// by identity: these tests reach them through spellings a name check
// misses, each with a runtime configured the way that exposes it. The
// corpus cases files-reserved-links and files-reserved-grant cover links
// with the corpus's default runtime.

// reservedProbe tries every file operation on one path and reports each
// outcome as text, so a test sees them all at once.
const reservedProbe = `
const dec = new TextDecoder();
async function attempt(f: () => Promise<any>): Promise<string> {
  try {
    const v = await f();
    return "ok " + (v instanceof Uint8Array ? dec.decode(v.slice(0, 24)) : JSON.stringify(v ?? null).slice(0, 80));
  } catch (e: any) {
    return e.name + ": " + e.message;
  }
}
export async function probe(p: string) {
  return {
    read: await attempt(() => core.fileReadBytes(p)),
    stat: await attempt(() => core.fileStat(p)),
    list: await attempt(() => core.fileList(p)),
    write: await attempt(() => core.fileWrite(p, "pwned")),
    mkdir: await attempt(() => core.fileMkdir(p + "/planted")),
    delete: await attempt(() => core.fileDelete(p)),
  };
}
// race reads and writes below data/sub n times while the test swaps
// data/sub for a link to .corets/ and back.
export async function race(n: number) {
  const seen: Record<string, number> = {};
  const count = (k: string) => { seen[k] = (seen[k] ?? 0) + 1; };
  for (let i = 0; i < n; i++) {
    try {
      count((await core.fileRead("data/sub/store.db")) === "decoy" ? "read decoy" : "read LEAK");
    } catch (e: any) { count("read " + e.name); }
    try {
      await core.fileWrite("data/sub/w.txt", "w");
      count("wrote");
    } catch (e: any) { count("write " + e.name); }
  }
  return seen;
}
export const list = async (p: string) => (await core.fileList(p)).map((f) => f.name);
export const read = (p: string) => core.fileRead(p);
export async function write(p: string) { await core.fileWrite(p, "ok"); return "written"; }
`

// writeProbe writes the probe module, granted read and write on grants,
// into a directory of its own outside every app root, and returns it.
func writeProbe(t *testing.T, code string, grants ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), code)
	must(t, os.MkdirAll(filepath.Join(dir, ".core"), 0o755))
	q, _ := json.Marshal(grants)
	man := "code: " + code + "\npermissions:\n  read: " + string(q) + "\n  write: " + string(q) + "\n"
	must(t, os.WriteFile(filepath.Join(dir, ".core", "view.yml"), []byte(man), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "main.ts"), []byte(reservedProbe), 0o644))
	return dir
}

// openReserved opens a runtime with opts (disk store unless opts says
// otherwise) and loads the probe granted grants.
func openReserved(t *testing.T, opts Options, grants ...string) (*Runtime, string) {
	t.Helper()
	opts.SkipInstalled = true
	logs := &logLines{}
	opts.Output = logs.Add
	r, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	code, err := r.Load(context.Background(), writeProbe(t, "probe", grants...))
	if err != nil {
		t.Fatalf("load: %v\n%s", err, logs)
	}
	return r, code
}

// probeRefused runs the probe on each path and wants every operation
// refused as reserved for the runtime, and the host file unchanged.
func probeRefused(t *testing.T, r *Runtime, code, host string, paths ...string) {
	t.Helper()
	before := hostState(host)
	for _, p := range paths {
		out, err := r.Call(context.Background(), code, "probe", p)
		if err != nil {
			t.Fatalf("probe %q: %v", p, err)
		}
		var got map[string]string
		must(t, json.Unmarshal(out, &got))
		for _, op := range []string{"read", "stat", "list", "write", "mkdir", "delete"} {
			if !strings.HasPrefix(got[op], "PermissionDenied") || !strings.Contains(got[op], "reserved for the runtime") {
				t.Errorf("%s %q: %s (want PermissionDenied: reserved for the runtime)", op, p, got[op])
			}
		}
	}
	if after := hostState(host); after != before {
		t.Errorf("%s changed: %s, was %s", host, after, before)
	}
}

// hostState describes a file or a directory's listing, to see changes.
func hostState(p string) string {
	fi, err := os.Stat(p)
	if err != nil {
		return err.Error()
	}
	if !fi.IsDir() {
		b, _ := os.ReadFile(p)
		return fi.Mode().String() + " " + string(bytes.ToValidUTF8(b[:min(len(b), 64)], nil))
	}
	entries, _ := os.ReadDir(p)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return "dir [" + strings.Join(names, " ") + "]"
}

func reservedSymlink(t *testing.T, target, link string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links are tested on Unix")
	}
	must(t, os.Symlink(target, link))
}

// `run --root . --store store.db` with a module granted ./: the store file
// is named relative to the working directory, which is the app root.
func TestReservedRelativeStore(t *testing.T) {
	// Not parallel: changes the working directory (process-wide).
	root := t.TempDir()
	t.Chdir(root)
	r, code := openReserved(t, Options{AppRoot: ".", StorePath: "store.db", NoDiskCache: true}, "./")
	if _, err := r.Store().System().Set("_probe", "secret", []byte("every module data")); err != nil {
		t.Fatal(err)
	}
	probeRefused(t, r, code, filepath.Join(root, "store.db"), "store.db", "./store.db", "x/../store.db")
	// The app root itself is still the module's: it lists it and writes
	// beside the store.
	out, err := r.Call(context.Background(), code, "write", "beside.txt")
	if err != nil || string(out) != `"written"` {
		t.Fatalf("write beside the store = %s, %v", out, err)
	}
	out, err = r.Call(context.Background(), code, "list", ".")
	if err != nil || !strings.Contains(string(out), `"beside.txt"`) {
		t.Fatalf("list . = %s, %v", out, err)
	}
}

// The app root given through a symbolic link, the store by its real,
// absolute path, in a directory of its own inside the root.
func TestReservedRootThroughLink(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	real := filepath.Join(tmp, "real")
	must(t, os.MkdirAll(filepath.Join(real, "state"), 0o755))
	link := filepath.Join(tmp, "link")
	reservedSymlink(t, real, link)
	store := filepath.Join(real, "state", "store.db")
	r, code := openReserved(t, Options{AppRoot: link, StorePath: store, NoDiskCache: true}, "./")
	probeRefused(t, r, code, store, "state/store.db")
	probeRefused(t, r, code, filepath.Join(real, "state"), "state")
}

// CacheDir inside the app root: its bundles and wazero directories hold
// code the runtime runs, so no grant reaches them, also through a grant
// that is a link to one of them.
func TestReservedCacheInsideRoot(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	grants := []string{"./"}
	if runtime.GOOS != "windows" {
		must(t, os.Symlink(filepath.Join("cache", "bundles"), filepath.Join(root, "bundles-link")))
		grants = append(grants, "./bundles-link/")
	}
	r, code := openReserved(t, Options{AppRoot: root, MemoryStore: true, CacheDir: filepath.Join(root, "cache")}, grants...)
	probeRefused(t, r, code, filepath.Join(root, "cache", "bundles"), "cache/bundles", "cache/bundles/x")
	probeRefused(t, r, code, filepath.Join(root, "cache", "wazero"), "cache/wazero")
	if runtime.GOOS != "windows" {
		probeRefused(t, r, code, filepath.Join(root, "cache", "bundles"), "bundles-link", "bundles-link/x")
	}
}

// The default cache (the user's cache directory) inside the app root, as
// when the CLI runs from $HOME.
func TestReservedDefaultCacheInsideRoot(t *testing.T) {
	// Not parallel: sets environment variables (process-wide).
	root := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(root, ".cache"))
	t.Setenv("HOME", root)
	t.Setenv("LocalAppData", filepath.Join(root, "AppData"))
	base, err := os.UserCacheDir()
	if err != nil || !strings.HasPrefix(base, root) {
		t.Skipf("the user's cache directory %q cannot be moved into the app root here", base)
	}
	rel, _ := filepath.Rel(root, filepath.Join(base, "corets-wasm"))
	rel = filepath.ToSlash(rel)
	r, code := openReserved(t, Options{AppRoot: root, MemoryStore: true}, "./")
	probeRefused(t, r, code, filepath.Join(base, "corets-wasm", "bundles"), rel+"/bundles", rel+"/bundles/x")
	probeRefused(t, r, code, filepath.Join(base, "corets-wasm", "wazero"), rel+"/wazero")
}

// A granted directory swapped for a link to .corets/ by another goroutine
// (another process, in life) while modules read and write below it: one
// granted ./ (the link stays inside its tree) and one granted the swapped
// directory itself. No read returns the store, no write lands in .corets/.
func TestReservedSwappedForLink(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links are tested on Unix")
	}
	root := t.TempDir()
	sub := filepath.Join(root, "data", "sub")
	must(t, os.MkdirAll(sub, 0o755))
	must(t, os.WriteFile(filepath.Join(sub, "store.db"), []byte("decoy"), 0o644))
	r, code := openReserved(t, Options{AppRoot: root, NoDiskCache: true}, "./")
	code2, err := r.Load(context.Background(), writeProbe(t, "probe-sub", "./data/sub/"))
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(root, ".corets")
	before := hostState(state)

	stop := make(chan struct{})
	done := make(chan int)
	go func() {
		swaps := 0
		defer func() { done <- swaps }()
		aside := sub + ".real"
		for {
			select {
			case <-stop:
				return
			default:
			}
			if os.Rename(sub, aside) != nil || os.Symlink(filepath.Join("..", ".corets"), sub) != nil {
				t.Error("swap failed")
				return
			}
			runtime.Gosched()
			if os.Remove(sub) != nil || os.Rename(aside, sub) != nil {
				t.Error("swap back failed")
				return
			}
			swaps++
			runtime.Gosched()
		}
	}()
	var seen []map[string]int
	for _, c := range []string{code, code2} {
		out, err := r.Call(context.Background(), c, "race", 400)
		if err != nil {
			close(stop)
			<-done
			t.Fatal(err)
		}
		var m map[string]int
		must(t, json.Unmarshal(out, &m))
		seen = append(seen, m)
	}
	close(stop)
	swaps := <-done
	t.Logf("%d swaps; granted ./: %v; granted ./data/sub/: %v", swaps, seen[0], seen[1])
	for i, m := range seen {
		if m["read LEAK"] > 0 {
			t.Errorf("module %d read the store %d times", i, m["read LEAK"])
		}
	}
	if after := hostState(state); after != before {
		t.Errorf(".corets changed: %s, was %s", after, before)
	}
}
