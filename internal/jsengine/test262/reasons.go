package main

import "strings"

// The reasons -update gives new failures. A group's reason in errors.txt
// is the file's, once written: edit it there.
const (
	reasonNative   = "fails in native QuickJS too (run-test262 on the same checkout, -native)"
	reasonCanBlock = "Atomics.wait cannot block: an instance has one thread and never blocks it (it throws TypeError, as on a browser's main thread), where the test expects a wait that times out"
	reasonAgent    = "needs $262.agent: an instance has one thread, so no agents (as in browsers)"
	reasonUnknown  = "ours only, not yet explained"
)

// reasonFor classifies a new failure of a run whose test has meta and src.
func reasonFor(f Failure, meta Meta, src string, native map[string]bool) string {
	switch {
	case native[f.Key()]:
		return reasonNative
	case strings.Contains(src, "$262.agent"):
		return reasonAgent
	case strings.Contains(f.Message, "cannot block"):
		return reasonCanBlock
	}
	return reasonUnknown
}
