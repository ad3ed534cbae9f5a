// Package manifest reads, validates, signs and verifies a module's manifest,
// the file .core/view.yml inside a module directory.
//
// Parsing is strict: the YAML is walked node by node, so every problem is
// reported with its file, line, column and key path (see Error), and Parse
// reports all the problems it finds at once. Unknown keys, wrong types,
// duplicate keys, several documents, anchors, aliases, merge keys and tags
// are refused, so what a reader sees in the file is exactly what it means.
//
// Signing (Sign, Verify, Payload) covers the manifest without its sign line
// and a SHA-256 digest of every other file of the module, so changing a
// single byte of code or of the manifest after signing is detected.
//
// What this package must never do: grant anything by itself (a manifest only
// states what a module asks for; the embedder decides), decide whether a path,
// host or program is allowed (that is package caps), load or run module code,
// follow a symbolic link out of a module directory, or print and exit.
package manifest
