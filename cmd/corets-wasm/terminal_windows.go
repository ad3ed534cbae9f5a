//go:build windows

package main

import "golang.org/x/sys/windows"

// isTerminalFd: a handle is a console when it has a console mode. (A
// terminal emulator that talks through pipes, such as mintty, is not
// recognised and gets the raw bytes, as other Windows programs give it.)
func isTerminalFd(fd uintptr) bool {
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(fd), &mode) == nil
}
