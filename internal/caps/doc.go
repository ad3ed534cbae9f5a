// Package caps decides what an untrusted module may touch, and does the file
// access it is granted.
//
// A module's manifest (.core/view.yml) grants lists under permissions: read
// and write (paths under the app root), net (network targets), run (program
// names) and store (shared store groups). Everything here denies by default:
// an empty or missing list grants nothing, and a value that cannot be
// understood is refused, never guessed at.
//
// The checks are pure functions of the grants and the request, so they can
// be fuzzed; FS adds confined file access through os.Root, walking each
// path one directory handle at a time, so a symbolic link or a rename can
// never turn an allowed path into a disallowed one between the check and
// the access, and files and directories reserved for the runtime (Reserved)
// are refused by identity whatever path leads to them.
//
// What this package must never do: allow something no grant names; reach a
// reserved file or directory through any grant; let a
// guest's path, URL or name reach the operating system before it has been
// checked; put the host's absolute app-root path (or any other host detail)
// in an error a guest can read; resolve a program through the module's or
// the working directory; print, log or exit.
package caps
