// Package bundle turns a module's directory of TypeScript or JavaScript,
// with the packages in its node_modules, into the one script the engine
// runs: esbuild bundles it into one ES module that imports nothing (the
// engine evaluates it as a module, top-level await included, and its
// exports are the module's), with a source map of the module's own files. Build is the one entry point and
// Options its one configuration, as esbuild's api.Build; a failure is an
// *Error of located messages, rendered by esbuild's api.FormatMessages.
//
// A module's code is untrusted, and so is everything in its directory. The
// bundler must never:
//   - read a file outside the module directory: every file esbuild loads is
//     read through an os.Root of that directory;
//   - follow a link out of it, or import a path that resolves outside it
//     (through "..", an absolute path or a package found above it);
//   - resolve a Node built-in (fs, node:child_process, ...), unless a
//     package of that name is installed inside the module, or a remote
//     import (http:, https:, "//"): the module gets web APIs and core.*
//     host functions instead, granted by its manifest;
//   - let one input exhaust the host: the inputs are capped at
//     MaxInputBytes together, and each source file is scanned for nesting
//     deep enough to overflow esbuild's stack before esbuild parses it;
//   - trust its cache without verifying it: a cached bundle is used only if
//     every input and directory listing it was made from hashes the same
//     again, and a bundle read from disk must also carry an HMAC under the
//     cache directory's key (cachefile.Key) and name this module,
//     entry and options. There is no process-wide cache: a Cache belongs to
//     whoever bundles (a modules.Runtime has one).
//
// It never prints; what a Cache cannot do is logged to its *slog.Logger.
package bundle
