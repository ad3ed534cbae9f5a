package main

import "strings"

// The reasons -update gives new failures. A group's reason in errors.txt
// is the file's, once written: edit it there.
const (
	reasonNative   = "fails in native QuickJS too (run-test262 on the same checkout, -native)"
	reasonAtomics  = "Atomics is off in the wasm build (issue 16 item 2, on its own branch until merged)"
	reasonAgent    = "needs $262.agent: an instance has one thread, so no agents (as in browsers)"
	reasonTemplate = "template objects are not frozen after the bytecode round trip (issue 16 item 3, on its own branch until merged)"
	reasonLocale   = "the prelude's Intl-aware toLocale*String and localeCompare have ECMA-402's parameters as their length (the specs give 0, and 1 for localeCompare): a prelude fix"
	reasonUnknown  = "ours only, not yet explained"
)

// reasonFor classifies a new failure of a run whose test has meta and src.
func reasonFor(f Failure, meta Meta, src string, native map[string]bool) string {
	switch {
	case native[f.Key()]:
		return reasonNative
	case contains(meta.Features, "Atomics") || strings.Contains(f.Message, "Atomics"):
		return reasonAtomics
	case strings.Contains(src, "$262.agent"):
		return reasonAgent
	case strings.Contains(f.Path, "/tagged-template/template-object"):
		return reasonTemplate
	case (strings.Contains(f.Path, "/toLocale") || strings.Contains(f.Path, "/localeCompare/")) && (strings.Contains(f.Message, "length") || strings.HasSuffix(f.Path, "/length.js")):
		return reasonLocale
	}
	return reasonUnknown
}
