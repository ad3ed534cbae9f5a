//go:build !(aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris || zos || windows)

package main

// isTerminalFd: no terminal is recognised here (wasip1, js, plan9), so
// output goes out as it is.
func isTerminalFd(fd uintptr) bool { return false }
