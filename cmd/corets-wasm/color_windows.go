//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// enableColor turns on the console's handling of escape sequences
// (Windows 10 and later); where that fails, no colours.
func enableColor() bool {
	for _, f := range []*os.File{os.Stdout, os.Stderr} {
		h := windows.Handle(f.Fd())
		var mode uint32
		if windows.GetConsoleMode(h, &mode) != nil {
			continue
		}
		if windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) != nil {
			return false
		}
	}
	return true
}
