package modules

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A call to an export the module lacks is an *ExportError naming it and
// listing the exports the host can call; the module stays running.
func TestExportError(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{})
	ctx := context.Background()
	for _, tc := range []struct {
		name, file, main string
		want             []string // Available; nil: not known
	}{
		{"esm", "main.ts", `export function b() { return 1 }
export const a = () => 2;
export function init() {}
export function __hidden() {}
export let notAFunction = 3;
export default function () {}`, []string{"a", "b", "default", "notAFunction"}},
		{"none", "main.ts", `console.log("no exports")`, []string{}},
		{"cjs", "main.js", `module.exports = { f() { return 1 } }`, nil},
	} {
		dir := writeModule(t, filepath.Join(r.AppRoot(), tc.name), map[string]string{
			".core/view.yml": "code: " + tc.name + "\n",
			tc.file:          tc.main,
		})
		code, err := r.Load(ctx, dir)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		_, err = r.Call(ctx, code, "missing")
		var ee *ExportError
		if !errors.As(err, &ee) || !errors.Is(err, ErrNoExport) {
			t.Fatalf("%s: %T %v", tc.name, err, err)
		}
		if ee.Module != code || ee.Name != "missing" || !reflect.DeepEqual(ee.Available, tc.want) {
			t.Errorf("%s: %+v", tc.name, ee)
		}
		if !strings.Contains(err.Error(), `no export "missing"`) {
			t.Errorf("%s: %v", tc.name, err)
		}
		if st, _ := r.Status(code); st.State != StateRunning {
			t.Errorf("%s: state %s after a missing export", tc.name, st.State)
		}
	}
	// an export that exists but is no function is another error
	if _, err := r.Call(ctx, "esm", "notAFunction"); err == nil || errors.Is(err, ErrNoExport) {
		t.Errorf("not a function: %v", err)
	}
	if _, err := r.Call(ctx, "esm", "b"); err != nil {
		t.Errorf("b: %v", err)
	}
}
