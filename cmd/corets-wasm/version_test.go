package main

import (
	"runtime"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := corets(t, args...).ok(t)
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		if len(lines) != 4 || !strings.HasPrefix(lines[0], "corets-wasm ") ||
			!strings.Contains(lines[1], runtime.Version()) ||
			!strings.Contains(lines[2], runtime.GOOS+"/"+runtime.GOARCH) ||
			!strings.Contains(lines[3], "QuickJS 2025-04-26") {
			t.Errorf("%q:\n%s", args, r.stdout)
		}
	}
}
