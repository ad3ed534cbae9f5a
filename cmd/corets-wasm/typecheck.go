package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/corets/corets-wasm/modules"
)

const typesHelp = `Types: a TypeScript module is also type-checked by tsc when one is found,
with the module's tsconfig.json or, without one, the one init writes (and
core.d.ts); its errors are listed as FILE:LINE:COL. --types auto (the
default) uses the tsc on PATH; --types module uses the module's own
node_modules/.bin/tsc first (that is code from the module: do not use it on
a module you do not trust); --tsc FILE names the compiler; --types off does
not type-check. When nothing type-checks, check says so on stderr.`

// typeFlags are --types and --tsc.
type typeFlags struct {
	mode string
	tsc  string
}

func (tf *typeFlags) check() error {
	switch tf.mode {
	case "auto", "module", "off":
		return nil
	}
	return usagef("--types %q: use auto, module or off", tf.mode)
}

// compiler finds tsc for the module in dir; "" and why not when none.
func (tf *typeFlags) compiler(dir string) (string, string) {
	if tf.tsc != "" {
		p, err := exec.LookPath(tf.tsc)
		if err != nil {
			return "", fmt.Sprintf("--tsc: %v", err)
		}
		if abs, err := filepath.Abs(p); err == nil && strings.ContainsAny(tf.tsc, `/\`) {
			p = abs
		}
		return p, ""
	}
	local := filepath.Join(dir, "node_modules", ".bin", "tsc")
	if abs, err := filepath.Abs(local); err == nil {
		local = abs
	}
	if runtime.GOOS == "windows" {
		local += ".cmd"
	}
	_, localErr := os.Stat(local)
	if tf.mode == "module" && localErr == nil {
		return local, ""
	}
	if p, err := exec.LookPath("tsc"); err == nil {
		return p, ""
	}
	why := "no tsc on PATH"
	if tf.mode == "module" {
		why += " or in " + filepath.Join(dir, "node_modules", ".bin")
	} else if localErr == nil {
		why += fmt.Sprintf(" (the module has its own %s: --types module runs it)", local)
	}
	return "", why
}

// typeErrors are tsc's errors, one "file:line:col: error TSn: text" each.
type typeErrors []string

func (e typeErrors) Error() string { return strings.Join(e, "\n") }

var tscLine = regexp.MustCompile(`^(.+)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$`)

// typeCheck runs tsc on the module src; it returns the compiler it ran
// ("" when none) and the module's type errors.
func (tf *typeFlags) typeCheck(ctx context.Context, src *source) (string, error) {
	tsc, why := tf.compiler(src.dir)
	if tsc == "" && tf.tsc != "" {
		return tf.tsc, errors.New(why) // named, so not skipped
	}
	if tsc == "" {
		return "", errors.New(why)
	}
	args := []string{"--noEmit", "--pretty", "false"}
	config := filepath.Join(src.dir, "tsconfig.json")
	if _, err := os.Stat(config); err == nil && src.man != nil {
		if config, err = filepath.Abs(config); err != nil {
			return tsc, err
		}
		args = append(args, "-p", config)
	} else {
		tmp, err := os.MkdirTemp("", "corets-tsc-")
		if err != nil {
			return tsc, err
		}
		defer os.RemoveAll(tmp)
		if config, err = generatedTSConfig(tmp, src); err != nil {
			return tsc, err
		}
		args = append(args, "-p", config)
	}
	cmd := exec.CommandContext(ctx, tsc, args...)
	cmd.Dir = src.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		return tsc, ctx.Err()
	}
	var errs typeErrors
	for _, line := range strings.Split(strings.ReplaceAll(out.String(), "\r\n", "\n"), "\n") {
		m := tscLine.FindStringSubmatch(line)
		switch {
		case m != nil:
			file := m[1]
			if !filepath.IsAbs(file) {
				file = filepath.Join(src.dir, file)
			}
			errs = append(errs, fmt.Sprintf("%s:%s:%s: %s %s: %s", shownPaths([]string{file})[0], m[2], m[3], m[4], m[5], m[6]))
		case strings.HasPrefix(line, " ") && len(errs) > 0 && strings.TrimSpace(line) != "":
			errs[len(errs)-1] += "\n  " + strings.TrimSpace(line)
		}
	}
	if len(errs) > 0 {
		return tsc, errs
	}
	if err != nil {
		text := strings.TrimSpace(out.String())
		if len(text) > 2000 {
			text = text[:2000] + "..."
		}
		return tsc, fmt.Errorf("%s failed (%v): %s", tsc, err, text)
	}
	return tsc, nil
}

// generatedTSConfig writes into tmp the tsconfig init writes, for the
// module's entry, with core.d.ts beside it.
func generatedTSConfig(tmp string, src *source) (string, error) {
	decl := filepath.Join(tmp, "core.d.ts")
	if err := os.WriteFile(decl, []byte(modules.Declarations()), 0o644); err != nil {
		return "", err
	}
	var cfg map[string]any
	if err := json.Unmarshal([]byte(skeletonTSConfig), &cfg); err != nil {
		return "", err
	}
	delete(cfg, "include")
	opts, _ := cfg["compilerOptions"].(map[string]any)
	if opts == nil {
		opts = map[string]any{}
		cfg["compilerOptions"] = opts
	}
	opts["skipLibCheck"] = true
	opts["allowImportingTsExtensions"] = true
	entry := src.entry
	if entry == "" {
		entry = "main.ts"
	}
	abs, err := filepath.Abs(filepath.Join(src.dir, filepath.FromSlash(entry)))
	if err != nil {
		return "", err
	}
	cfg["files"] = []string{filepath.ToSlash(abs), filepath.ToSlash(decl)}
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return "", err
	}
	p := filepath.Join(tmp, "tsconfig.json")
	return p, os.WriteFile(p, b, 0o644)
}

// isTypeScript says whether the module's entry is TypeScript.
func isTypeScript(entry string) bool {
	if entry == "" {
		return true // the default entry, main.ts
	}
	switch strings.ToLower(filepath.Ext(entry)) {
	case ".ts", ".mts", ".tsx", ".cts":
		return true
	}
	return false
}
