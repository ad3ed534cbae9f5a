//go:build !windows

package caps

// batchFile reports a program that would run through cmd.exe; outside
// Windows none does.
func batchFile(string) bool { return false }
