package modules

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/testutil"
)

// copyExample copies testdata/<name> into a new temporary app root, so a
// test never writes into the repository, and returns the module's path.
func copyExample(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "testdata", filepath.FromSlash(name))
	return testutil.CopyTree(t, filepath.Join(t.TempDir(), filepath.Base(name)), os.DirFS(src))
}

// runExample loads an example with its own directory as the app root and
// calls name with args.
func runExample(t *testing.T, example, name string, args ...any) (json.RawMessage, *Runtime, *logLines) {
	t.Helper()
	dir := copyExample(t, example)
	r, logs := openTest(t, Options{AppRoot: dir})
	ctx := context.Background()
	code, err := r.Load(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Call(ctx, code, name, args...)
	if err != nil {
		t.Fatalf("%s.%s: %v\n%s", example, name, err, logs)
	}
	return out, r, logs
}

func TestExampleHello(t *testing.T) {
	t.Parallel()
	out, _, logs := runExample(t, "hello", "hello", map[string]string{"name": "ada"})
	if string(out) != `{"greeting":"hi ada","greeted":1}` {
		t.Fatalf("hello = %s", out)
	}
	if logs.String() != "hello log: hello 1.0.0 ready" {
		t.Fatalf("console = %q", logs)
	}
}

func TestExampleFiles(t *testing.T) {
	t.Parallel()
	out, r, _ := runExample(t, "files", "copy")
	want := `{"copied":24,"listed":["copy.txt"],"refused":"PermissionDenied: write \"data/in.txt\" is not granted (add it to permissions.write in .core/view.yml)"}`
	if string(out) != want {
		t.Fatalf("copy = %s\nwant %s", out, want)
	}
	b, err := os.ReadFile(filepath.Join(r.AppRoot(), "data", "out", "copy.txt"))
	if err != nil || string(b) != "A LINE FROM DATA/IN.TXT\n" {
		t.Fatalf("copy.txt = %q, %v", b, err)
	}
}

func TestExampleStore(t *testing.T) {
	t.Parallel()
	dir := copyExample(t, "store")
	r, _ := openTest(t, Options{AppRoot: dir})
	ctx := context.Background()
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{`{"calls":1,"theme":"light"}`, `{"calls":2,"theme":"light"}`} {
		if out, err := r.Call(ctx, "store", "count"); err != nil || string(out) != want {
			t.Fatalf("count #%d = %s, %v", i+1, out, err)
		}
	}
	r.Call(ctx, "store", "setTheme", "dark")
	if out, _ := r.Call(ctx, "store", "count"); string(out) != `{"calls":3,"theme":"dark"}` {
		t.Fatalf("count after setTheme = %s", out)
	}
}

func TestExampleNet(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:8765")
	if err != nil {
		t.Skipf("port 8765 is taken: %v", err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true}`))
	})}
	go srv.Serve(ln)
	defer srv.Close()
	out, r, _ := runExample(t, "net", "get", "http://127.0.0.1:8765/status")
	if string(out) != `{"status":200,"body":{"ok":true}}` {
		t.Fatalf("get = %s", out)
	}
	out, err = r.Call(context.Background(), "net", "refused")
	if err != nil || !strings.HasPrefix(string(out), `"PermissionDenied: net \"http://169.254.169.254/latest/meta-data/\" is refused`) {
		t.Fatalf("refused = %s, %v", out, err)
	}
}

func TestExampleRun(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("echo"); err != nil || runtime.GOOS == "windows" {
		t.Skip("no echo program")
	}
	out, _, _ := runExample(t, "run", "echo", "a b; c $HOME")
	if string(out) != `{"code":0,"stdout":"a b; c $HOME"}` {
		t.Fatalf("echo = %s", out)
	}
}

// The CoreTS-style example end to end: init(core), the store, a file and
// a process.
func TestExampleNotes(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("wc"); err != nil || runtime.GOOS == "windows" {
		t.Skip("no wc program")
	}
	dir := copyExample(t, "notes")
	r, logs := openTest(t, Options{AppRoot: dir})
	ctx := context.Background()
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{"buy milk", "call ada"} {
		out, err := r.Call(ctx, "notes", "add", text)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Added       struct{ ID int }
			Stored      int
			LinesInFile int
		}
		if json.Unmarshal(out, &got) != nil || got.Added.ID != i+1 || got.Stored != i+1 || got.LinesInFile != i+1 {
			t.Fatalf("add #%d = %s", i+1, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "data", "notes.txt"))
	if err != nil || string(b) != "#1 buy milk\n#2 call ada\n" {
		t.Fatalf("notes.txt = %q, %v", b, err)
	}
	if out, _ := r.Call(ctx, "notes", "list"); string(out) != `[{"id":1,"text":"buy milk"},{"id":2,"text":"call ada"}]` {
		t.Fatalf("list = %s", out)
	}
	if !strings.Contains(logs.String(), "notes log: notes ready") {
		t.Fatalf("init did not run: %q", logs)
	}
}

func TestHostileModules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("loop", func(t *testing.T) {
		dir := copyExample(t, "hostile/loop")
		r, _ := openTest(t, Options{AppRoot: dir})
		r.Load(ctx, dir)
		if _, err := r.Call(ctx, "loop", "spin"); !errors.Is(err, jsengine.ErrTimeout) {
			t.Fatalf("spin: %v", err)
		}
	})
	t.Run("membomb", func(t *testing.T) {
		dir := copyExample(t, "hostile/membomb")
		r, _ := openTest(t, Options{AppRoot: dir})
		r.Load(ctx, dir)
		if _, err := r.Call(ctx, "membomb", "bomb"); !errors.Is(err, jsengine.ErrMemory) {
			t.Fatalf("bomb: %v", err)
		}
	})
	t.Run("escape", func(t *testing.T) {
		dir := copyExample(t, "hostile/escape")
		r, _ := openTest(t, Options{AppRoot: dir})
		if _, err := r.Load(ctx, dir); err != nil {
			t.Fatal(err)
		}
		out, err := r.Call(ctx, "escape", "tryAll")
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]string
		json.Unmarshal(out, &got)
		if len(got) < 16 {
			t.Fatalf("tryAll = %s", out)
		}
		for k, v := range got {
			if v != "PermissionDenied" {
				t.Errorf("%s: %s", k, v)
			}
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "main.ts")); string(b) == "pwned" {
			t.Fatal("main.ts was overwritten")
		}
	})
}
