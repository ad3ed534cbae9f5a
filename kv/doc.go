// Package kv is the key-value store that untrusted modules reach through the
// host: one bbolt file per runtime (or an in-memory store with the same
// behaviour), split into partitions.
//
//   - Each module has its own partition (DB.Module), keyed by the module's
//     code: module A's group "x" is not module B's group "x".
//   - Shared groups live in one partition common to every module the host
//     lets in (DB.Shared).
//   - Groups whose names start with "_" belong to the runtime itself
//     (installed modules, signatures, state) and live only in DB.System.
//     Module and shared partitions refuse such names with ErrInvalid.
//
// Deciding who may reach which partition and which shared group is the
// caller's job (see package caps); this package enforces names, sizes,
// quotas, versions and atomicity, and nothing a caller passes in can make it
// panic, print, exit, or write outside its one file.
//
// Every value carries a version drawn from its partition's counter. The
// counter only grows, also across deletes and DeleteModule, so
// CompareAndSet has no ABA problem. Counters are per partition rather than
// per database so that one module cannot learn how often others write.
//
// # Processes
//
// bbolt locks its file while it is open: by default the first process to
// Open a store has it until Close, and another's Open fails with
// ErrLocked. With Options.Shared the file is opened for each transaction
// and closed after it (backend_shared.go), so several processes can use one
// store at once: each transaction waits for the others' (reads share the
// file), sees every commit made before it by any process, and
// CompareAndSet is atomic across processes. A process killed mid-write
// leaves the last committed state (bbolt's two meta pages).
//
// # Layout
//
// bbolt's top level holds one bucket per partition:
//
//	"\x00"       format record: key "format" = "corets-kv 1"
//	"_"          the system partition
//	"s"          the shared partition
//	"m/<code>"   the partition of the module <code>
//
// A partition bucket holds one nested bucket per group plus the key
// "\x00meta" (group names cannot contain NUL, so it never collides):
// 24 bytes, big-endian bytes used, keys used, last version given out. It is
// rewritten in the same transaction as every write, so usage is exact after
// a crash. Inside a group bucket each key maps to an 8-byte big-endian
// version followed by the value. A group bucket is removed with its last
// key, so Groups lists only groups that hold something.
//
// The memory backend stores the same buckets and records in ordered maps,
// and kv/etcdkv (imported only by programs that want it) keeps them on an
// etcd cluster shared by runtimes on many machines; everything above the
// backend (names, limits, quotas, versions, compare-and-set) is one code
// path for all. Their shared behaviour is the table in kv/kvtest.
package kv
