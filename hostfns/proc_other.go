//go:build !unix

package hostfns

import "os/exec"

// baseEnv are the host variables every program gets; Windows programs
// need SystemRoot to start at all.
var baseEnv = []string{"PATH", "HOME", "TMPDIR", "TEMP", "TMP", "LANG", "SystemRoot", "USERPROFILE"}

// configureKill kills the program itself; exec's default.
func configureKill(cmd *exec.Cmd) {}
