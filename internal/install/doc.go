// Package install installs modules into an app's modules directory
// (<app root>/modules/<code>) and keeps the record of what was installed,
// from where, verified with which key and with which digest. An install
// goes through four steps, one file each: source (what Install
// understands and refuses: a directory, an archive, a git clone), unpack
// (bounded, unsafe entries refused), approve (the Change between the
// installed version and the new one, which may need approval) and swap
// (the atomic replacement of the installed copy and its record). digest.go
// is the check that an installed module is still what was installed, made
// each time it loads. shared.go shares installs through the store: an
// installer with Shared writes the module's files as blobs before its
// record, and Follow materializes another runtime's install (or removal)
// in this app root, refusing store content that does not check out.
//
// The package knows nothing of the runtime that runs the modules: it is
// given the app root, the store and hooks (check a staged module, approve
// an update, unload and load a module around the swap).
//
// It must never write outside the modules directory (whatever a shared
// store's records and blobs say), never leave a
// half-installed module under a module's code (a failed install leaves
// nothing behind and the previous version as it was), never follow a
// link out of a source, and never run anything from a source (a clone
// runs git, which takes no hooks or config from the repository it clones;
// what is fetched is only read and written).
package install
