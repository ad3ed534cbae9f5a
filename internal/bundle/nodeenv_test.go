package bundle

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// nodeEnvPackage reads NODE_ENV the ways packages do (immer, react):
// process.env.NODE_ENV !== "production" picks the development path.
var nodeEnvPackage = map[string]string{
	"node_modules/devprod/package.json": `{"name":"devprod","main":"index.js"}`,
	"node_modules/devprod/index.js": `module.exports = function () {
  return [String(process.env.NODE_ENV), process.env.NODE_ENV !== "production" ? "full message" : "minified error nr: 4"].join("|");
};`,
	"main.ts": `import devprod from "devprod";
export function env() { return devprod(); }
`,
}

// Without NodeEnv, process.env.NODE_ENV is undefined, as under node with
// the variable unset (compared with node when it is present); NodeEnv sets
// it, minified or not, and a bundle made with one is not served for another.
func TestBundleNodeEnv(t *testing.T) {
	dir := writeBundleModule(t, nodeEnvPackage)
	cache := NewCache("", nil)
	e := bundleTestEngine(t)
	tests := []struct {
		opt  Options
		want string
	}{
		{Options{}, `"undefined|full message"`},
		{Options{Minify: true}, `"undefined|full message"`},
		{Options{NodeEnv: "production"}, `"production|minified error nr: 4"`},
		{Options{NodeEnv: "production", Minify: true}, `"production|minified error nr: 4"`},
		{Options{NodeEnv: "development"}, `"development|full message"`},
		{Options{NodeEnv: "it's \"quoted\"\u2028"}, "\"it's \\\"quoted\\\"\u2028|full message\""},
		{Options{}, `"undefined|full message"`},
	}
	for _, tt := range tests {
		opt := tt.opt
		opt.Cache = cache
		b, err := Build(dir, opt)
		if err != nil {
			t.Fatalf("%+v: %v", tt.opt, err)
		}
		in := bundleTestInstance(t, e, b, "bundle.js")
		res, err := in.Call(context.Background(), "env", json.RawMessage(`[]`))
		if err != nil {
			t.Fatalf("%+v: %v", tt.opt, err)
		}
		if string(res.Value) != tt.want {
			t.Errorf("%+v: env() = %s, want %s", tt.opt, res.Value, tt.want)
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("node not found: compared with the recorded output only")
		return
	}
	script := filepath.Join(dir, "run.cjs")
	if err := os.WriteFile(script, []byte(`process.stdout.write(JSON.stringify(require("devprod")()))`), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script)
	cmd.Env = []string{} // NODE_ENV unset
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	if string(out) != tests[0].want {
		t.Errorf("node prints %s, the bundle %s", out, tests[0].want)
	}
}
