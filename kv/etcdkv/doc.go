// Package etcdkv keeps a kv store on an etcd cluster, so that runtimes on
// several machines share one store. Import it for its side effect to let
// kv.OpenURL open "etcd://" and "etcds://" URLs, or call Open with a
// Config. Package kv itself never imports etcd.
//
// Everything above the storage (partitions, "_" groups, per-key versions,
// quotas, compare-and-set, lists) is kv's one code path; this package is
// a kv.Backend (nested buckets read and written in transactions) and a
// kv.Watcher (every client's writes, through etcd's watch).
//
// # Layout
//
// Every key starts with Config.Prefix. A bucket at path c1/c2/…/cn is the
// key part
//
//	enc(path) = prefix 0x00 0x02 esc(c1) 0x00 0x02 esc(c2) … 0x00 0x02 esc(cn)
//
// where esc maps 0x00 to 0x01 0x01 and 0x01 to 0x01 0x02 (it keeps byte
// order and leaves no 0x00). The record of a bucket's child k (a value or
// a nested bucket) is at
//
//	enc(path) 0x00 0x01 k          (k raw: it is the key's last part)
//
// so a bucket's children are one contiguous range in k's byte order, [enc
// 0x00 0x01, enc 0x00 0x02): a scan is a range read. Everything below a
// bucket lies in [enc 0x00, enc 0x01): deleting a bucket is one
// DeleteRange and the delete of its record. A record is 'B' (a nested
// bucket) or 'V' followed by the value, so reading a key or a bucket is one
// key read. Anything else under the prefix was not written by this package
// and is reported as kv.ErrCorrupt; Open refuses a prefix holding keys
// outside this layout. Two prefixes (no NUL in them) never overlap.
//
// # Transactions
//
// A read-only transaction (kv.Backend.View) sees one snapshot: its first
// read is linearizable and fixes the revision R; later reads ask any member
// for revision R. If R is compacted away mid-way, fn runs again on a new
// snapshot. In a read-only transaction, Bucket does not read (a key exists
// only inside existing buckets, so reads through a bucket that does not
// exist find nothing): a kv Get is one read. So, unlike bbolt's, Bucket
// may return a handle for a bucket that is not there; everything read
// through it is what reading through nil gives.
//
// A read-write transaction (Update) is optimistic: it reads as a view does,
// remembers the ModRevision of each key it read (0 for absent) and the
// ranges it scanned, and buffers its writes, which its own reads and scans
// see. A bucket it already knew to exist (from this store's earlier
// commits) is not read again: its record's ModRevision joins the checks
// (bucketcache.go). The commit is one etcd transaction: if every key read is unchanged
// and no key in a scanned range was created or changed since R, then all
// the puts and deletes. Otherwise fn runs again, after a pause with
// jitter, for at most Config.RequestTimeout; then the Update fails with
// kv.ErrLocked (as a shared bbolt file's writer that waited too long does:
// other writers kept the store busy). If fn returns an error or panics,
// nothing is sent. A transaction over etcd's limits (MaxTxnOps operations
// or checks; a request over 1.5 MiB) fails with kv.ErrTooLarge and writes
// nothing; kv.Options.MaxValueBytes is cut to MaxValueBytes so a single
// write always fits.
//
// Versions are kv's own, from each partition's counter, committed in the
// same etcd transaction as the value and the partition's usage record, so
// quotas hold across machines. etcd's revisions are only what the commit's
// checks compare: as a version, the cluster-wide revision would tell a
// module how often every other module writes, and it would differ from the
// bbolt store's versions.
//
// # Failures
//
// etcd acknowledges a write once a quorum of members has it in its
// write-ahead log, fsynced: an acknowledged write survives the loss of a
// minority of members. Every request is bounded by Config.RequestTimeout.
// A request that fails (no quorum, no member reachable, the store closed)
// fails its transaction: the transaction's later reads return nothing and
// View or Update returns an error naming the store (never its password)
// that matches kv.ErrUnavailable. A commit whose answer is lost may or may
// not have been applied; the error says so. A cluster with auth on that
// refuses the user and password, or a user whose roles do not cover the
// prefix, is kv.ErrDenied instead: waiting will not help.
package etcdkv
