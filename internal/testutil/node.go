package testutil

import (
	"strings"
	"testing"
)

// SameAsNode fails t unless got is what node printed (want) for the
// snippet name, naming the first line that differs.
func SameAsNode(t testing.TB, name, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if gl[i] != wl[i] {
			t.Fatalf("%s differs from node at line %d:\n got: %q\nwant: %q", name, i+1, gl[i], wl[i])
		}
	}
	t.Fatalf("%s printed %d lines, node %d:\n%s", name, len(gl), len(wl), got)
}
