package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// The npm-backed rows (deno, the big bundle, pako) use packages installed
// with npm once into a cache directory outside the repository, pinned to
// the versions below. A changed list reinstalls; a missing npm or a failed
// install makes those rows "not available" and the run goes on.

// npmPackages are the packages and versions the harness installs.
const npmPackageJSON = `{
  "name": "corets-wasm-bench",
  "private": true,
  "dependencies": {
    "date-fns": "4.4.0",
    "deno": "2.9.6",
    "lodash-es": "4.18.1",
    "marked": "18.3.0",
    "pako": "3.0.3",
    "preact": "11.2.0",
    "preact-render-to-string": "6.8.2",
    "yaml": "2.9.1",
    "zod": "4.6.7"
  }
}
`

// npmDir is where the packages go: <user cache>/corets-wasm/bench/npm.
func npmDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "corets-wasm", "bench", "npm"), nil
}

// ensureNPM returns the directory whose node_modules holds npmPackageJSON's
// packages, installing them when they are missing or the list changed.
func ensureNPM() (string, error) {
	dir, err := npmDir()
	if err != nil {
		return "", err
	}
	stamp := filepath.Join(dir, "node_modules", ".corets-bench-installed")
	if b, err := os.ReadFile(stamp); err == nil && string(b) == npmPackageJSON {
		return dir, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("npm not found")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(npmPackageJSON), 0o644); err != nil {
		return "", err
	}
	progress("npm: installing the bench's packages into %s ...", dir)
	// --ignore-scripts: deno's postinstall only copies the binary that its
	// platform package already holds (see denoPath).
	cmd := exec.Command(npm, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error")
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm install: %v: %s", err, bytes.TrimSpace(out.Bytes()))
	}
	return dir, os.WriteFile(stamp, []byte(npmPackageJSON), 0o644)
}

// denoPath is the deno binary of the platform package npm installed (the
// deno package's own bin is a node script that spawns it, which would add
// node's start-up to every run).
func denoPath(npmDir string) (string, error) {
	name := "deno"
	if runtime.GOOS == "windows" {
		name = "deno.exe"
	}
	matches, _ := filepath.Glob(filepath.Join(npmDir, "node_modules", "@deno", "*", name))
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() {
			return m, nil
		}
	}
	return "", fmt.Errorf("no deno binary for %s/%s in %s", runtime.GOOS, runtime.GOARCH, filepath.Join(npmDir, "node_modules", "@deno"))
}
