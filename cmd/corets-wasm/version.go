package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with
//
//	go build -ldflags "-X main.version=1.2.3" ./cmd/corets-wasm
//
// and otherwise comes from the module version Go recorded in the binary.
var version = "dev"

// engineVersion is the JavaScript engine embedded in jsengine.
const engineVersion = "QuickJS 2025-04-26"

var versionCommand = &command{
	name:    "version",
	args:    "",
	summary: "print the version of corets-wasm, Go and the engine",
	help: `Prints corets-wasm's version, the Go version it was built with, the
platform and the JavaScript engine.`,
	setup: setupVersion,
}

func setupVersion(fs *flag.FlagSet) runFunc {
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 0, 0, "no arguments"); err != nil {
			return err
		}
		wazero := ""
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, d := range bi.Deps {
				if d.Path == "github.com/tetratelabs/wazero" {
					wazero = ", wazero " + d.Version
				}
			}
		}
		fmt.Fprintf(c.stdout, "corets-wasm %s\n", buildVersion())
		fmt.Fprintf(c.stdout, "go:       %s\n", runtime.Version())
		fmt.Fprintf(c.stdout, "platform: %s/%s\n", runtime.GOOS, runtime.GOARCH)
		fmt.Fprintf(c.stdout, "engine:   %s (WebAssembly%s)\n", engineVersion, wazero)
		return nil
	}
}

// buildVersion is version, or when that was not set, the module version in
// the binary's build information ("(devel)" in a source checkout).
func buildVersion() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}
