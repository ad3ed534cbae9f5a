package modules

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// consoleScript is run both by a module and by node; each line of output
// is compared (as a CLI prints it: the text, then a newline).
const consoleScript = `console.log("a\n");
console.log("b\n\n");
console.log("\n");
console.log("");
console.log("x", "y\n");
console.error("e\n");
console.group("g");
console.log("in\n");
console.groupEnd();
console.log("end");
`

// The console keeps the module's newlines, as node's does: console.log("a\n")
// is "a" and an empty line. Node's output is compared when node is present.
func TestConsoleKeepsNewlines(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "app")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var out strings.Builder
	r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, NoDiskCache: true, SkipInstalled: true,
		Output: func(module, level, text string) {
			mu.Lock()
			defer mu.Unlock()
			out.WriteString(text + "\n")
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	dir := writeModule(t, filepath.Join(root, "talker"), map[string]string{
		".core/view.yml": "code: talker\n",
		"main.ts":        "export function talk() {\n" + consoleScript + "return 1 }\n",
	})
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Call(ctx, "talker", "talk"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	got := out.String()
	mu.Unlock()
	want := "a\n\nb\n\n\n\n\n\nx y\n\ne\n\ng\n  in\n  \nend\n"
	if got != want {
		t.Errorf("output = %q, want %q", got, want)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("node not found: compared with the recorded output only")
		return
	}
	script := filepath.Join(t.TempDir(), "console.js")
	if err := os.WriteFile(script, []byte(consoleScript), 0o644); err != nil {
		t.Fatal(err)
	}
	nodeOut, err := exec.Command(node, script).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, nodeOut)
	}
	if string(nodeOut) != want {
		t.Errorf("node's output = %q, the recorded one %q", nodeOut, want)
	}
}

// What the engine reports (an uncaught error and its stack) ends without a
// newline: a CLI adds one line end, not an empty line.
func TestUncaughtOutputHasNoTrailingNewline(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "app")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var texts []string
	r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, NoDiskCache: true, SkipInstalled: true,
		Output: func(module, level, text string) {
			mu.Lock()
			defer mu.Unlock()
			texts = append(texts, level+": "+text)
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	dir := writeModule(t, filepath.Join(root, "late"), map[string]string{
		".core/view.yml": "code: late\n",
		"main.ts": "export function arm() {\n  setTimeout(() => { throw new Error(\"late\"); }, 1);\n" +
			"  Promise.reject(new TypeError(\"nobody\"));\n}\n",
	})
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Call(ctx, "late", "arm"); err != nil {
		t.Fatal(err)
	}
	if err := r.Wait(ctx, "late"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(texts) == 0 {
		t.Fatal("nothing reported")
	}
	for _, s := range texts {
		if !strings.HasPrefix(s, "error: Uncaught") || strings.HasSuffix(s, "\n") {
			t.Errorf("reported %q", s)
		}
	}
}
