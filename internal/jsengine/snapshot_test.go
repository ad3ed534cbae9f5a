package jsengine

import (
	"bytes"
	"context"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/internal/wasmhost"
)

// logBuffer collects an engine's records.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

var snapshotExt = Extension{Name: "snap.js", Source: `(host) => { globalThis.snap = () => "ext:" + typeof host.lookup }`}

// diskEngine makes an engine whose caches are in dir.
func diskEngine(t *testing.T, dir string, exts ...Extension) (*Engine, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	if exts == nil {
		exts = []Extension{snapshotExt}
	}
	e, err := New(context.Background(), Config{
		Wasm:       wasmhost.Config{CacheDir: dir},
		Logger:     slog.New(slog.NewTextHandler(logs, nil)),
		Extensions: exts,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close(context.Background()) })
	return e, logs
}

// snapshotProbe is what an instance must answer alike, whether its engine
// booted or read the snapshot: the prelude, the extension, fresh time
// origins and a heap that works.
const snapshotProbe = `[snap(), typeof TextEncoder, new URL("http://a/b?c=1").searchParams.get("c"),
	Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 60000,
	performance.now() < 60000, JSON.stringify(structuredClone({a: [1, 2]})),
	Array.from({length: 1000}, (_, i) => "x" + i).join("").length]`

func probe(t *testing.T, e *Engine) string {
	t.Helper()
	in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "probe"})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	res, err := in.Eval(context.Background(), snapshotProbe)
	if err != nil {
		t.Fatal(err)
	}
	return string(res.Value)
}

func snapshotFile(e *Engine) string {
	id := e.snapshotIdentity()
	return filepath.Join(e.snapshots.dir, hex.EncodeToString(id[:]))
}

// A new engine on the same directory starts from the snapshot the first
// one wrote, and its instances behave as a booted engine's.
func TestSnapshotReused(t *testing.T) {
	dir := t.TempDir()
	booted, _ := diskEngine(t, dir)
	if booted.restored {
		t.Fatal("an empty cache directory gave a snapshot")
	}
	want := probe(t, booted)
	if !strings.HasPrefix(want, `["ext:function","function","1",true,true,`) {
		t.Fatalf("probe: %s", want)
	}
	again, logs := diskEngine(t, dir)
	if !again.restored {
		t.Fatalf("the second engine booted again; log: %s", logs)
	}
	if got := probe(t, again); got != want {
		t.Errorf("from the snapshot: %s, booted: %s", got, want)
	}
	// other extensions are another image
	other, _ := diskEngine(t, dir, Extension{Name: "other.js", Source: `(host) => {}`})
	if other.restored {
		t.Error("an engine with other extensions used the snapshot")
	}
}

// A snapshot record that was tampered with is refused, removed and made
// again, and the engine boots and works as if there had been none.
func TestSnapshotTampered(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(t *testing.T, file string, dir string)
	}{
		{"flipped byte", func(t *testing.T, file, _ string) {
			b, _ := os.ReadFile(file)
			b[len(b)/2] ^= 1
			os.WriteFile(file, b, 0o600)
		}},
		{"flipped seal", func(t *testing.T, file, _ string) {
			b, _ := os.ReadFile(file)
			b[len(b)-1] ^= 1
			os.WriteFile(file, b, 0o600)
		}},
		{"truncated", func(t *testing.T, file, _ string) {
			b, _ := os.ReadFile(file)
			os.WriteFile(file, b[:len(b)-100], 0o600)
		}},
		{"shorter than a seal", func(t *testing.T, file, _ string) {
			os.WriteFile(file, []byte("x"), 0o600)
		}},
		{"another key's record", func(t *testing.T, file, dir string) {
			// an engine with other extensions seals its own, valid record
			other, _ := diskEngine(t, dir, Extension{Name: "other.js", Source: `(host) => {}`})
			b, err := os.ReadFile(snapshotFile(other))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(file, b, 0o600)
		}},
		{"sealed with another directory's key", func(t *testing.T, file, _ string) {
			elsewhere, _ := diskEngine(t, t.TempDir())
			b, err := os.ReadFile(snapshotFile(elsewhere))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(file, b, 0o600)
		}},
		{"a directory", func(t *testing.T, file, _ string) {
			os.Remove(file)
			os.Mkdir(file, 0o700)
		}},
	}
	// one directory for all cases (each compiles the engine once), as every
	// case ends with the snapshot made again
	dir := t.TempDir()
	first, _ := diskEngine(t, dir)
	want := probe(t, first)
	file := snapshotFile(first)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.tamper(t, file, dir)

			e, logs := diskEngine(t, dir)
			if e.restored {
				t.Fatal("a tampered snapshot was used")
			}
			if got := probe(t, e); got != want {
				t.Errorf("after refusing the snapshot: %s, want %s", got, want)
			}
			if !strings.Contains(logs.String(), "failed verification") {
				t.Errorf("the refusal was not logged: %s", logs)
			}
			// removed and written again: the next engine uses it
			if next, logs := diskEngine(t, dir); !next.restored {
				t.Errorf("the snapshot was not made again; log: %s", logs)
			}
		})
	}
}

// A cache directory the engine cannot write to costs the snapshot, not
// the engine.
func TestSnapshotUnwritable(t *testing.T) {
	dir := t.TempDir()
	// a file where the store's directory should be: every write fails, even
	// for root
	if err := os.WriteFile(filepath.Join(dir, snapshotDir), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, bytecodeDir), nil, 0o600)
	e, logs := diskEngine(t, dir)
	if !strings.HasPrefix(probe(t, e), `["ext:function"`) {
		t.Error("the engine does not work")
	}
	in, err := e.NewInstance(context.Background(), InstanceConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := in.Load(context.Background(), Bundle{Name: "m.js", Code: `var __corets_exports = {}`}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(logs.String(), "cannot write the engine's disk cache"); n != 2 {
		t.Errorf("%d warnings for two unwritable stores, want 2 (once each): %s", n, logs)
	}
	if again, _ := diskEngine(t, dir); again.restored {
		t.Error("a snapshot appeared")
	}
}

// Without a disk cache there is no snapshot and no bytecode on disk.
func TestSnapshotNoDiskCache(t *testing.T) {
	e, err := New(context.Background(), Config{Wasm: wasmhost.Config{NoDiskCache: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	if e.snapshots != nil || e.bytecodeDisk != nil || e.restored {
		t.Error("NoDiskCache left the engine's disk caches on")
	}
}
