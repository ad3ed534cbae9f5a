// Package filelock takes a lock on an open file without waiting, shared or
// exclusive, held against other open files of the same file in this
// process and in others: flock on the Unix systems, LockFileEx of one byte
// on Windows (where locks are mandatory, so the byte is placed where no
// reader or writer of the file goes). Elsewhere (Solaris, AIX, plan9,
// wasm) it grants every lock: callers say what holds them there.
//
// The waiting is the callers' (kv's shared store, the install locks): they
// poll TryLock with their own pauses and deadlines.
package filelock

// Byte is the offset of the byte a Windows lock takes; Unix locks take the
// whole file and ignore it. Two users of one file must agree on it.
type Byte uint64
