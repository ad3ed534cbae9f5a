package main

import (
	"os"
	"path/filepath"
	"testing"
)

const grantsMain = `export async function read(path: string) { return await core.fileRead(path); }
export async function write(path: string) { await core.fileWrite(path, "w"); return "written"; }
`

// --allow-* flags grant a single file or a module what its manifest could,
// for one run, and never widen an installed module.
func TestRunGrantFlags(t *testing.T) {
	t.Parallel()
	root := writeFiles(t, t.TempDir(), map[string]string{
		"data/in.txt":        "secret",
		"other/in.txt":       "other",
		"script.ts":          grantsMain,
		"mod/.core/view.yml": "code: mod\npermissions:\n  read: [\"./other/\"]\n",
		"mod/main.ts":        grantsMain,
	})
	script, mod := filepath.Join(root, "script.ts"), filepath.Join(root, "mod")
	corets(t, "run", "--root", root, script, "--call", "read", "--input", `"data/in.txt"`).failsWithStack(t, "PermissionDenied", "(for this run only: --allow-read=data/in.txt)")
	corets(t, "run", "--root", root, script, "--call", "read", "--input", `"data/it's here"`).failsWithStack(t, "PermissionDenied", `(for this run only: '--allow-read=data/it'\''s here')`)
	if r := corets(t, "run", "--root", root, "--allow-read=./data/", script, "--call", "read", "--input", `"data/in.txt"`).ok(t); r.stdout != "\"secret\"\n" {
		t.Errorf("single file: %q", r.stdout)
	}
	// a grant to read is not one to write; lists are comma-separated
	corets(t, "run", "--root", root, "--allow-read=./data/", script, "--call", "write", "--input", `"data/x"`).failsWithStack(t, "PermissionDenied")
	corets(t, "run", "--root", root, "--allow-write=./out/,./data/", script, "--call", "write", "--input", `"data/x"`).ok(t)
	// added to the manifest's own grants
	corets(t, "run", "--root", root, "--grant", "read=./data/", mod, "--call", "read", "--input", `"data/in.txt"`).ok(t)
	corets(t, "run", "--root", root, "--allow-read=./data/", mod, "--call", "read", "--input", `"other/in.txt"`).ok(t)

	// installed: the approved grants only, and the flags are refused
	corets(t, "install", "--root", root, mod).ok(t)
	inst := filepath.Join(root, "modules", "mod")
	corets(t, "run", "--root", root, "--allow-read=./data/", inst, "--call", "read", "--input", `"data/in.txt"`).fails(t, exitFailed, "installed in the app root", "do not widen", "install it again")
	corets(t, "run", "--root", root, inst, "--call", "read", "--input", `"other/in.txt"`).ok(t)
	if _, err := os.Stat(filepath.Join(root, "data", "x")); err != nil {
		t.Errorf("the granted write did not happen: %v", err)
	}
}

func TestRunGrantFlagsRefused(t *testing.T) {
	t.Parallel()
	root := writeFiles(t, t.TempDir(), map[string]string{"s.ts": grantsMain})
	s := filepath.Join(root, "s.ts")
	for _, tc := range []struct {
		flag string
		want []string
	}{
		{"--allow-read=../", []string{"--allow-read=../: ", "leaves the app root"}},
		{"--allow-read=" + filepath.Join(filepath.Dir(root), "x"), []string{"--allow-read="}},
		{"--allow-write=a,,b", []string{"--allow-write: an empty entry"}},
		{"--allow-net=example.com:70000", []string{"--allow-net=example.com:70000: ", "port"}},
		{"--allow-env=LD_PRELOAD", []string{"--allow-env=LD_PRELOAD: "}},
		{"--allow-store=_runtime", []string{"--allow-store=_runtime: ", "reserved"}},
		{"--grant=email=x", []string{"--grant email=x: ", "not a declared capability", "--capability email"}},
		{"--grant=nothing", []string{"--grant \"nothing\": write NAME=ENTRY"}},
		{"--grant=Bad=x", []string{"--grant Bad: "}},
	} {
		corets(t, "run", "--root", root, tc.flag, s).fails(t, exitUsage, tc.want...)
	}
	// a declared capability may be granted by flag
	corets(t, "run", "--root", root, "--capability", "email", "--grant", "email=*@example.com", s).ok(t)
}
