package caps

import (
	"path/filepath"
	"strings"
)

// batchFile reports a program Windows runs through cmd.exe, which parses
// its arguments again as a command line.
func batchFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".bat", ".cmd":
		return true
	}
	return false
}
