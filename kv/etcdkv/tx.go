package etcdkv

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/corets/corets-wasm/kv"

	"go.etcd.io/etcd/api/v3/mvccpb"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// Errors named as bbolt names them, so every backend fails alike.
var (
	errNotWritable    = errors.New("tx not writable")
	errIncompatible   = errors.New("incompatible value")
	errBucketNotFound = errors.New("bucket not found")
	errKeyRequired    = errors.New("key required")
	errRootValue      = errors.New("kv: the top level holds only buckets")
)

// tx is one run of a transaction's fn: reads at one revision, and, when
// writable, the writes it buffers and what it read, checked at commit.
type tx struct {
	b        *backend
	writable bool

	rev   int64 // the snapshot; 0 until the first read fixes it
	err   error // the first failure: sticky
	retry bool  // the snapshot was compacted away: run fn again

	cache map[string]entry // what was read from etcd, at rev

	// Update only.
	reads  map[string]int64 // key → ModRevision seen (0: absent)
	spans  []span           // ranges scanned: nothing may appear in them
	puts   map[string][]byte
	dels   map[string]bool
	ranges []span   // subtrees deleted
	cached []string // bucket records taken from the store's bucketCache
}

type entry struct {
	raw    []byte // nil: absent
	modRev int64
}

type span struct{ lo, hi string }

func newTx(b *backend, writable bool) *tx {
	t := &tx{b: b, writable: writable, cache: map[string]entry{}}
	if writable {
		t.reads = map[string]int64{}
		t.puts = map[string][]byte{}
		t.dels = map[string]bool{}
	}
	return t
}

// run runs fn once and commits what it wrote. It returns errRetry when fn
// must run again on a new snapshot.
func (t *tx) run(fn func(kv.Bucket) error) error {
	ferr := fn(&bucket{t: t, bk: bucketKey(t.b.prefix, nil), root: true})
	switch {
	case t.retry:
		return errRetry
	case t.err != nil:
		return t.err
	case ferr != nil:
		return ferr
	case !t.writable || (len(t.puts) == 0 && len(t.dels) == 0 && len(t.ranges) == 0):
		return nil
	}
	return t.commit()
}

// ok reports whether reads may still go to etcd.
func (t *tx) ok() bool { return t.err == nil && !t.retry }

func (t *tx) deleted(k string) bool {
	if t.dels[k] {
		return true
	}
	for _, r := range t.ranges {
		if k >= r.lo && k < r.hi {
			return true
		}
	}
	return false
}

// get returns the record at key as the transaction sees it: its own
// writes first, then etcd at the snapshot.
func (t *tx) get(key []byte) []byte {
	if !t.ok() {
		return nil
	}
	k := string(key)
	if t.writable {
		if v, ok := t.puts[k]; ok {
			return v
		}
		if t.deleted(k) {
			return nil
		}
	}
	e, ok := t.cache[k]
	if !ok {
		resp := t.rangeGet(k, "", 0)
		if resp == nil {
			return nil
		}
		if len(resp.Kvs) > 0 {
			// Present, even if empty (which no record is: Get reports it).
			e = entry{raw: append([]byte{}, resp.Kvs[0].Value...), modRev: resp.Kvs[0].ModRevision}
		}
		t.cache[k] = e
	}
	if t.writable {
		t.reads[k] = e.modRev
	}
	return e.raw
}

// getBucket is get for the record of a bucket about to be used: in a
// read-write transaction, a bucket known to exist is taken from the
// store's cache, its ModRevision checked at commit (bucketcache.go).
func (t *tx) getBucket(key []byte) []byte {
	if t.writable && t.ok() {
		k := string(key)
		_, put := t.puts[k]
		_, seen := t.cache[k]
		if !put && !seen && !t.deleted(k) {
			if rev, ok := t.b.buckets.get(k); ok {
				t.cache[k] = entry{raw: []byte(bucketMark), modRev: rev}
				t.reads[k] = rev
				t.cached = append(t.cached, k)
				return t.cache[k].raw
			}
		}
	}
	return t.get(key)
}

// rangeGet reads [key, end) (one key if end is "") at the snapshot. The
// first read of a transaction is linearizable and fixes the snapshot;
// later ones are served by any member that has it. nil means the
// transaction failed or must retry.
func (t *tx) rangeGet(key, end string, limit int64) *clientv3.GetResponse {
	var opts []clientv3.OpOption
	if end != "" {
		opts = append(opts, clientv3.WithRange(end))
	}
	if limit > 0 {
		opts = append(opts, clientv3.WithLimit(limit))
	}
	ctx, cancel := t.b.reqCtx()
	defer cancel()
	var resp *clientv3.GetResponse
	var err error
	if t.rev == 0 {
		resp, err = t.b.cli.Get(ctx, key, opts...)
	} else {
		opts = append(opts, clientv3.WithRev(t.rev))
		resp, err = t.b.cli.Get(ctx, key, append(opts, clientv3.WithSerializable())...)
		if errors.Is(err, rpctypes.ErrFutureRev) { // a member behind the snapshot
			resp, err = t.b.cli.Get(ctx, key, opts...)
		}
	}
	if errors.Is(err, rpctypes.ErrCompacted) {
		t.retry = true
		return nil
	}
	if err != nil {
		t.err = t.b.fail(err)
		return nil
	}
	if t.rev == 0 {
		t.rev = resp.Header.Revision
	}
	return resp
}

func (t *tx) corrupt(err error) {
	if t.err == nil {
		t.err = fmt.Errorf("store %s: %w", t.b.name, err)
	}
}

// commit sends the buffered writes in one etcd transaction, on the
// condition that nothing the transaction read has changed since the
// snapshot.
func (t *tx) commit() error {
	var cmps []clientv3.Cmp
	for k, rev := range t.reads {
		cmps = append(cmps, clientv3.Compare(clientv3.ModRevision(k), "=", rev))
	}
	for _, s := range t.spans {
		cmps = append(cmps, clientv3.Compare(clientv3.ModRevision(s.lo).WithRange(s.hi), "<", t.rev+1))
	}
	ops := t.ops()
	if len(cmps) > MaxTxnOps || len(ops) > MaxTxnOps {
		return fmt.Errorf("store %s: %w: a transaction of %d writes and %d checks is over etcd's limit of %d (nothing was written)",
			t.b.name, kv.ErrTooLarge, len(ops), len(cmps), MaxTxnOps)
	}
	ctx, cancel := t.b.reqCtx()
	defer cancel()
	resp, err := t.b.txn(ctx, cmps, ops)
	if err != nil {
		if errors.Is(err, rpctypes.ErrTooManyOps) || errors.Is(err, rpctypes.ErrRequestTooLarge) {
			return t.b.fail(err)
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return fmt.Errorf("store %s: %w: no answer to a write, which may or may not have been applied: %w", t.b.name, kv.ErrUnavailable, err)
		}
		return t.b.fail(err)
	}
	if !resp.Succeeded {
		t.b.buckets.forget(t.cached)
		return errRetry
	}
	t.b.buckets.update(t, resp.Header.Revision)
	return nil
}

// ops are the buffered writes as etcd operations. etcd refuses a put
// inside a range deleted by the same transaction, so deleted subtrees are
// cut around the keys put back into them.
func (t *tx) ops() []clientv3.Op {
	var ops []clientv3.Op
	putKeys := make([]string, 0, len(t.puts))
	for k := range t.puts {
		putKeys = append(putKeys, k)
	}
	slices.Sort(putKeys)
	for _, k := range putKeys {
		ops = append(ops, clientv3.OpPut(k, string(t.puts[k])))
	}
	for _, r := range t.ranges {
		lo := r.lo
		for _, k := range putKeys {
			if k < r.lo || k >= r.hi {
				continue
			}
			if lo < k {
				ops = append(ops, clientv3.OpDelete(lo, clientv3.WithRange(k)))
			}
			lo = k + "\x00"
		}
		if lo < r.hi {
			ops = append(ops, clientv3.OpDelete(lo, clientv3.WithRange(r.hi)))
		}
	}
	delKeys := make([]string, 0, len(t.dels))
	for k := range t.dels {
		covered := false
		for _, r := range t.ranges {
			covered = covered || (k >= r.lo && k < r.hi)
		}
		if !covered {
			delKeys = append(delKeys, k)
		}
	}
	slices.Sort(delKeys)
	for _, k := range delKeys {
		ops = append(ops, clientv3.OpDelete(k))
	}
	return ops
}

// bucket is a kv.Bucket seen from one transaction.
//
// In a read-only transaction Bucket does not read: it returns a handle
// whether or not the bucket exists, and reads through a handle of a
// bucket that does not exist find nothing, as reads through nil would
// (a key exists only inside existing buckets). That makes a kv Get one
// read. Read-write transactions check, as every write needs to know.
type bucket struct {
	t    *tx
	bk   []byte // bucketKey
	root bool
}

func (h *bucket) Get(key []byte) []byte {
	if h.root || len(key) == 0 {
		return nil
	}
	ck := childKey(h.bk, key)
	raw := h.t.get(ck)
	if raw == nil {
		return nil
	}
	v, isBucket, err := decodeRecord(ck, raw)
	if err != nil {
		h.t.corrupt(err)
		return nil
	}
	if isBucket {
		return nil
	}
	return v
}

// record reads the record of a child, for a write: nil if absent, and
// whether it is a bucket.
func (h *bucket) record(name []byte, forBucket bool) (ck []byte, present, isBucket bool, err error) {
	t := h.t
	if !t.writable {
		return nil, false, false, errNotWritable
	}
	if len(name) == 0 {
		return nil, false, false, errKeyRequired
	}
	ck = childKey(h.bk, name)
	var raw []byte
	if forBucket {
		raw = t.getBucket(ck)
	} else {
		raw = t.get(ck)
	}
	if !t.ok() {
		if t.err != nil {
			return nil, false, false, t.err
		}
		return nil, false, false, errRetry
	}
	if raw == nil {
		return ck, false, false, nil
	}
	if _, isBucket, err = decodeRecord(ck, raw); err != nil {
		t.corrupt(err)
		return nil, false, false, t.err
	}
	return ck, true, isBucket, nil
}

func (h *bucket) Put(key, value []byte) error {
	if h.root {
		return errRootValue
	}
	ck, _, isBucket, err := h.record(key, false)
	if err != nil {
		return err
	}
	if isBucket {
		return errIncompatible
	}
	k := string(ck)
	delete(h.t.dels, k)
	h.t.puts[k] = valueRecord(value)
	return nil
}

func (h *bucket) Delete(key []byte) error {
	if h.root {
		return errRootValue
	}
	ck, present, isBucket, err := h.record(key, false)
	if err != nil || !present {
		return err
	}
	if isBucket {
		return errIncompatible
	}
	k := string(ck)
	delete(h.t.puts, k)
	h.t.dels[k] = true
	return nil
}

func (h *bucket) child(name []byte) *bucket {
	bk := append(append([]byte{}, h.bk...), sep, tagBucket)
	return &bucket{t: h.t, bk: esc(bk, name)}
}

func (h *bucket) Bucket(name []byte) kv.Bucket {
	t := h.t
	if len(name) == 0 || !t.ok() {
		return nil
	}
	if !t.writable {
		return h.child(name)
	}
	ck := childKey(h.bk, name)
	raw := t.getBucket(ck)
	if raw == nil {
		return nil
	}
	_, isBucket, err := decodeRecord(ck, raw)
	if err != nil {
		t.corrupt(err)
		return nil
	}
	if !isBucket {
		return nil
	}
	return h.child(name)
}

func (h *bucket) CreateBucket(name []byte) (kv.Bucket, error) {
	ck, present, isBucket, err := h.record(name, true)
	if err != nil {
		return nil, err
	}
	if present && !isBucket {
		return nil, errIncompatible
	}
	if !present {
		delete(h.t.dels, string(ck))
		h.t.puts[string(ck)] = []byte(bucketMark)
	}
	return h.child(name), nil
}

func (h *bucket) DeleteBucket(name []byte) error {
	ck, present, isBucket, err := h.record(name, true)
	if err != nil {
		return err
	}
	if !present {
		return errBucketNotFound
	}
	if !isBucket {
		return errIncompatible
	}
	t := h.t
	k := string(ck)
	delete(t.puts, k)
	t.dels[k] = true
	lo, hi := subtreeRange(h.child(name).bk)
	r := span{lo: string(lo), hi: string(hi)}
	t.ranges = append(t.ranges, r)
	for p := range t.puts {
		if p >= r.lo && p < r.hi {
			delete(t.puts, p)
		}
	}
	return nil
}

// Scan merges etcd's records of the bucket's children, read in pages at
// the snapshot, with the transaction's own writes.
func (h *bucket) Scan(from []byte, fn func(k, v []byte) bool) {
	t := h.t
	if !t.ok() {
		return
	}
	loB, hiB := childrenRange(h.bk)
	lo, hi := string(loB), string(hiB)
	start := lo + string(from)
	var pending []string // own puts in range, sorted
	if t.writable {
		for k := range t.puts {
			if k >= start && k < hi {
				pending = append(pending, k)
			}
		}
		slices.Sort(pending)
	}
	var (
		remote []*mvccpb.KeyValue
		ri     int
		cursor = start
		done   bool
		page   int64 = 32
	)
	emit := func(k string, raw []byte) bool {
		v, isBucket, err := decodeRecord([]byte(k), raw)
		if err != nil {
			t.corrupt(err)
			return false
		}
		if isBucket {
			v = nil
		} else if v == nil {
			v = []byte{}
		}
		return fn([]byte(k[len(lo):]), v)
	}
	stopped := ""
	for {
		if ri == len(remote) && !done {
			resp := t.rangeGet(cursor, hi, page)
			if resp == nil {
				return
			}
			remote, ri = resp.Kvs, 0
			size := 0
			for _, kv := range remote {
				t.cache[string(kv.Key)] = entry{raw: append([]byte{}, kv.Value...), modRev: kv.ModRevision}
				size += len(kv.Key) + len(kv.Value)
			}
			if !resp.More || len(remote) == 0 {
				done = true
			} else {
				cursor = string(remote[len(remote)-1].Key) + "\x00"
				// Pages grow fourfold (a scan that stops early reads
				// little), to at most about 1 MiB or 1024 records.
				page = min(4*page, max(int64((1<<20)/(size/len(remote)+1)), 1), 1024)
			}
			continue
		}
		haveR, haveP := ri < len(remote), len(pending) > 0
		if !haveR && !haveP {
			break
		}
		var k string
		var raw []byte
		if haveR && (!haveP || string(remote[ri].Key) <= pending[0]) {
			kv := remote[ri]
			ri++
			k = string(kv.Key)
			if t.writable {
				t.reads[k] = kv.ModRevision
			}
			if haveP && k == pending[0] {
				raw, pending = t.puts[k], pending[1:]
			} else if t.writable && t.deleted(k) {
				continue
			} else {
				raw = kv.Value
			}
		} else {
			k, pending = pending[0], pending[1:]
			raw = t.puts[k]
		}
		if !emit(k, raw) {
			stopped = k
			break
		}
		if !t.ok() {
			return
		}
	}
	if t.writable {
		end := hi
		if stopped != "" {
			end = stopped + "\x00"
		}
		if start < end {
			t.spans = append(t.spans, span{lo: start, hi: end})
		}
	}
}
