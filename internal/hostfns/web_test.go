package hostfns_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/testutil"
)

// TestNodeParityWeb runs each snippet of testdata/node (the web APIs
// core.js defines: Request, Response, bodies) in a module and compares what
// it prints with node's own output for the same file (NAME.out, recorded
// with `node NAME.js > NAME.out`). A snippet ends with
// `const done = main();`, which the module awaits.
func TestNodeParityWeb(t *testing.T) {
	outs, err := filepath.Glob("testdata/node/*.out")
	if err != nil || len(outs) == 0 {
		t.Fatalf("no recorded snippets: %v", err)
	}
	for _, outFile := range outs {
		name := strings.TrimSuffix(filepath.Base(outFile), ".out")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(strings.TrimSuffix(outFile, ".out") + ".js")
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(outFile)
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var stdout strings.Builder
			e := newEnv(t, hostfns.Config{})
			tm := e.module("code: web\n", func(c *jsengine.InstanceConfig) {
				c.Output = func(level, text string) {
					if level == "log" {
						mu.Lock()
						stdout.WriteString(text + "\n")
						mu.Unlock()
					}
				}
			})
			if _, err := tm.runCtx(context.Background(), string(src)+"\nawait done;"); err != nil {
				t.Fatalf("%s.js: %v", name, err)
			}
			mu.Lock()
			got := stdout.String()
			mu.Unlock()
			testutil.SameAsNode(t, name+".js", got, string(want))
		})
	}
}

// fetch sends a Request's body, and a FormData body as multipart/form-data
// that Go's own parser reads back.
func TestFetchRequestAndFormData(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := map[string]string{"method": r.Method, "ct": r.Header.Get("Content-Type"), "x": r.Header.Get("X-Test")}
		if strings.HasPrefix(out["ct"], "multipart/form-data") {
			if err := r.ParseMultipartForm(1 << 20); err != nil {
				out["err"] = err.Error()
			} else {
				out["a"] = r.FormValue("a")
				if f, h, err := r.FormFile("f"); err == nil {
					b, _ := io.ReadAll(f)
					out["f"] = h.Filename + ":" + h.Header.Get("Content-Type") + ":" + string(b)
				}
			}
		} else {
			b, _ := io.ReadAll(r.Body)
			out["body"] = string(b)
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
	}))
	defer srv.Close()
	hostport := strings.TrimPrefix(srv.URL, "http://")
	e := newEnv(t, hostfns.Config{Resolver: loopbackResolver{}})
	m := e.module(fmt.Sprintf("code: net\npermissions:\n  net: [\"%s\"]\n", hostport))

	got := m.mustRun(fmt.Sprintf(`
		const fd = new FormData();
		fd.append("a", "h\u00e9");
		fd.append("f", new Blob(["file\r\nbytes"], { type: "text/x-thing" }), "n.txt");
		const r = await fetch("%s/", { method: "POST", body: fd });
		const j = await r.json();
		return [j.ct.startsWith("multipart/form-data; boundary="), j.a, j.f, j.err || ""]`, srv.URL))
	if got != `[true,"hé","n.txt:text/x-thing:file\r\nbytes",""]` {
		t.Fatalf("FormData body = %s", got)
	}
	got = m.mustRun(fmt.Sprintf(`
		const req = new Request("%s/", { method: "PUT", body: "hi", headers: { "X-Test": "yes" } });
		const j = await (await fetch(req)).json();
		let again;
		try { await fetch(req); } catch (e) { again = e.name + ": " + e.message; }
		return [j.method, j.body, j.x, j.ct, req.bodyUsed, again]`, srv.URL))
	if got != `["PUT","hi","yes","text/plain;charset=UTF-8",true,"TypeError: Body is unusable: Body has already been read"]` {
		t.Fatalf("fetch(Request) = %s", got)
	}
}
