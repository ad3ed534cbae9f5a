package bundle

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/testutil"
)

// A package linked in from outside the module is refused with the link
// named and the fix; esbuild's "mark it as external" becomes advice a
// module can follow.
func TestAdviceForImports(t *testing.T) {
	outside := testutil.WriteTree(t, filepath.Join(t.TempDir(), "elsewhere"), map[string]string{
		"package.json": `{"name":"pkg","main":"index.js"}`,
		"index.js":     "export const v = 1;",
	})
	outside2 := testutil.WriteTree(t, filepath.Join(t.TempDir(), "other"), map[string]string{
		"package.json": `{"name":"@me/other","main":"index.js"}`,
		"index.js":     "export const w = 2;",
	})
	dir := testutil.WriteTree(t, filepath.Join(t.TempDir(), "mod"), map[string]string{
		"main.ts":             `import { v } from "pkg"; import { w } from "@me/other"; export const x = v + w;`,
		"node_modules/.keep":  "",
		"node_modules/@me/.k": "",
	})
	bundleSymlink(t, outside, filepath.Join(dir, "node_modules", "pkg"))
	bundleSymlink(t, outside2, filepath.Join(dir, "node_modules", "@me", "other"))
	_, err := Build(dir, Options{})
	var be *Error
	if !errors.As(err, &be) || !errors.Is(err, ErrImportRefused) || len(be.Messages) != 2 {
		t.Fatalf("%T %v", err, err)
	}
	for i, name := range []string{"pkg", "@me/other"} {
		m := be.Messages[i]
		if len(m.Notes) != 1 || !strings.HasPrefix(m.Notes[0], "node_modules/"+name+" is a symlink to ") ||
			!strings.Contains(m.Notes[0], "install the package inside the module") || !strings.Contains(m.Notes[0], "no setting allows") {
			t.Errorf("%s: %+v", name, m)
		}
	}

	// a file of the module's own that links out has no such note
	if err := os.Remove(filepath.Join(dir, "node_modules", "pkg")); err != nil {
		t.Fatal(err)
	}
	bundleSymlink(t, filepath.Join(outside, "index.js"), filepath.Join(dir, "lib.js"))
	os.WriteFile(filepath.Join(dir, "main.ts"), []byte(`import { v } from "./lib.js"; export const x = v;`), 0o644)
	_, err = Build(dir, Options{})
	if !errors.As(err, &be) || len(be.Messages) != 1 || len(be.Messages[0].Notes) != 0 {
		t.Errorf("%v", err)
	}

	// a package that is not installed
	missing := testutil.WriteTree(t, filepath.Join(t.TempDir(), "mod"), map[string]string{
		"main.ts": `import pad from "left-pad/sub"; export const x = pad;`,
	})
	_, err = Build(missing, Options{})
	if !errors.As(err, &be) || len(be.Messages) != 1 {
		t.Fatalf("%v", err)
	}
	text := be.Error()
	if strings.Contains(text, "external") && !strings.Contains(text, "cannot stay external") ||
		!strings.Contains(text, "npm install left-pad,") || !strings.Contains(text, "core.* capability") {
		t.Errorf("%s", text)
	}
}

func TestAdviseNote(t *testing.T) {
	for in, want := range map[string]string{
		`You can mark the path "@a/b/c" as external to exclude it from the bundle, which will remove this error.`: "npm install @a/b,",
		`You can mark the path "./x" as external to exclude it from the bundle`:                                   `"./x" must be a file inside the module directory`,
		`Some other note`: `Some other note`,
	} {
		if got := adviseNote(in); !strings.Contains(got, want) {
			t.Errorf("%q: %q", in, got)
		}
	}
}
