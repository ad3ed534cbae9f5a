//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || windows)

package install

import "os"

// Elsewhere the app root's locks hold within a process only: installs and
// removals from two processes at once are the caller's to prevent.
func tryLock(*os.File, bool) (bool, error) { return true, nil }

func unlockFile(*os.File) error { return nil }
