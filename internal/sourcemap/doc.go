// Package sourcemap reads the version 3 source maps esbuild writes and maps
// positions in a bundle's stack traces back to the module's own files and
// lines.
//
// It is apart from bundling because it is used after it, at run time, on
// every error a module throws: it needs nothing of esbuild, and the bundler
// needs nothing of it. A map comes from a bundle the host made, but it is
// parsed as untrusted input all the same: it must never panic, allocate
// without bound or take time out of proportion to its size, whatever the
// bytes (see FuzzParseSourceMap).
package sourcemap
