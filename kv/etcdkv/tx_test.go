package etcdkv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// TestLayoutOrder: esc keeps byte order and leaves no 0x00, and the ranges
// of two different buckets never overlap, whatever bytes the names hold.
func TestLayoutOrder(t *testing.T) {
	alphabet := []byte{0x00, 0x01, 0x02, 'a', 0xfe, 0xff}
	var names [][]byte
	var gen func(prefix []byte, depth int)
	gen = func(prefix []byte, depth int) {
		names = append(names, bytes.Clone(prefix))
		if depth == 0 {
			return
		}
		for _, c := range alphabet {
			gen(append(prefix, c), depth-1)
		}
	}
	gen(nil, 3)
	names = names[1:] // no empty name
	for _, a := range names {
		ea := esc(nil, a)
		if bytes.IndexByte(ea, 0) >= 0 {
			t.Fatalf("esc(%q) = %q holds 0x00", a, ea)
		}
		if back, err := unesc(ea); err != nil || !bytes.Equal(back, a) {
			t.Fatalf("unesc(esc(%q)) = %q %v", a, back, err)
		}
	}
	prefix := []byte("p/")
	for i := 0; i < 3000; i++ {
		a, b := names[rand.IntN(len(names))], names[rand.IntN(len(names))]
		if got, want := bytes.Compare(esc(nil, a), esc(nil, b)), bytes.Compare(a, b); got != want {
			t.Fatalf("order of %q, %q: %d, want %d", a, b, got, want)
		}
		if bytes.Equal(a, b) {
			continue
		}
		// Sibling buckets a and b: their subtrees are disjoint, and
		// neither holds the other's record.
		ka, kb := bucketKey(prefix, [][]byte{a}), bucketKey(prefix, [][]byte{b})
		loA, hiA := subtreeRange(ka)
		loB, hiB := subtreeRange(kb)
		if bytes.Compare(loA, hiB) < 0 && bytes.Compare(loB, hiA) < 0 {
			t.Fatalf("subtrees of %q and %q overlap", a, b)
		}
		rec := childKey(bucketKey(prefix, nil), b)
		if bytes.Compare(rec, loA) >= 0 && bytes.Compare(rec, hiA) < 0 {
			t.Fatalf("record of %q inside %q's subtree", b, a)
		}
		// A value key of a bucket stays in its children's range.
		lo, hi := childrenRange(ka)
		ck := childKey(ka, b)
		if bytes.Compare(ck, lo) < 0 || bytes.Compare(ck, hi) >= 0 {
			t.Fatalf("child %q outside its range", b)
		}
		if bytes.Compare(ck, loB) >= 0 && bytes.Compare(ck, hiB) < 0 && !bytes.HasPrefix(b, a) {
			t.Fatalf("child %q of %q inside %q's subtree", b, a, b)
		}
	}
	if _, err := unesc([]byte{escByte}); !errors.Is(err, kv.ErrCorrupt) {
		t.Fatal("a bad escape decodes")
	}
}

func testBackend(t *testing.T, c *etcdtest.Cluster, cfg Config) *backend {
	t.Helper()
	cfg.Endpoints = c.Endpoints()
	cfg, err := cfg.normalized()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newBackend(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func keysUnder(t *testing.T, b *backend) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := b.cli.Get(ctx, string(b.prefix), clientv3.WithPrefix(), clientv3.WithKeysOnly())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, kv := range resp.Kvs {
		keys = append(keys, string(kv.Key))
	}
	return keys
}

func scanAll(b kv.Bucket) []string {
	var out []string
	b.Scan(nil, func(k, v []byte) bool {
		if v == nil {
			out = append(out, string(k)+"/")
		} else {
			out = append(out, string(k)+"="+string(v))
		}
		return true
	})
	return out
}

// TestTransactions: a transaction sees its own writes; an error, a panic
// or a transaction over etcd's limits writes nothing; a bucket deleted and
// filled again in one transaction commits.
func TestTransactions(t *testing.T) {
	c := etcdtest.Start(t, 1)
	b := testBackend(t, c, Config{Prefix: "tx/"})
	err := b.Update(func(root kv.Bucket) error {
		bk, err := root.CreateBucket([]byte("b"))
		if err != nil {
			return err
		}
		for _, k := range []string{"a", "b", "c"} {
			if err := bk.Put([]byte(k), []byte("1"+k)); err != nil {
				return err
			}
		}
		_, err = bk.CreateBucket([]byte("nested"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(root kv.Bucket) error {
		bk := root.Bucket([]byte("b"))
		if bk == nil {
			return errors.New("bucket b missing")
		}
		bk.Put([]byte("b"), []byte("2b"))
		bk.Delete([]byte("c"))
		bk.Put([]byte("d"), []byte("2d"))
		if got := scanAll(bk); !slices.Equal(got, []string{"a=1a", "b=2b", "d=2d", "nested/"}) {
			return fmt.Errorf("own writes scan as %q", got)
		}
		if string(bk.Get([]byte("d"))) != "2d" || bk.Get([]byte("c")) != nil {
			return errors.New("own writes not read back")
		}
		if err := bk.Put([]byte("nested"), nil); err == nil {
			return errors.New("a value over a bucket")
		}
		if _, err := bk.CreateBucket([]byte("a")); err == nil {
			return errors.New("a bucket over a value")
		}
		// Delete the bucket and fill it again: one commit.
		if err := root.DeleteBucket([]byte("b")); err != nil {
			return err
		}
		if root.Bucket([]byte("b")) != nil {
			return errors.New("deleted bucket still there")
		}
		bk, err := root.CreateBucket([]byte("b"))
		if err != nil {
			return err
		}
		if got := scanAll(bk); len(got) != 0 {
			return fmt.Errorf("recreated bucket holds %q", got)
		}
		return bk.Put([]byte("z"), []byte("3z"))
	})
	if err != nil {
		t.Fatal(err)
	}
	b.View(func(root kv.Bucket) error {
		if got := scanAll(root.Bucket([]byte("b"))); !slices.Equal(got, []string{"z=3z"}) {
			t.Fatalf("after commit: %q", got)
		}
		return nil
	})
	before := keysUnder(t, b)

	boom := errors.New("boom")
	if err := b.Update(func(root kv.Bucket) error {
		root.Bucket([]byte("b")).Put([]byte("lost"), nil)
		return boom
	}); err != boom {
		t.Fatalf("fn's error: %v", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("a panic in fn did not reach the caller")
			}
		}()
		b.Update(func(root kv.Bucket) error {
			root.Bucket([]byte("b")).Put([]byte("lost"), nil)
			panic("fn panics")
		})
	}()
	err = b.Update(func(root kv.Bucket) error {
		bk := root.Bucket([]byte("b"))
		for i := range MaxTxnOps + 1 {
			if err := bk.Put(fmt.Appendf(nil, "many%03d", i), nil); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, kv.ErrTooLarge) {
		t.Fatalf("a transaction of %d writes: %v", MaxTxnOps+1, err)
	}
	if after := keysUnder(t, b); !slices.Equal(before, after) {
		t.Fatalf("failed transactions wrote: %q became %q", before, after)
	}
	if err := b.View(func(root kv.Bucket) error { return root.Put([]byte("x"), nil) }); err == nil {
		t.Fatal("a write at the root")
	}
	if err := b.View(func(root kv.Bucket) error {
		_, err := root.CreateBucket([]byte("x"))
		return err
	}); err == nil {
		t.Fatal("a write in a view")
	}
}

// TestConflictRetries: a transaction whose reads another client keeps
// changing runs again, and gives up with kv.ErrLocked after
// RequestTimeout; one that meets a single change commits on its second run.
func TestConflictRetries(t *testing.T) {
	c := etcdtest.Start(t, 1)
	b := testBackend(t, c, Config{Prefix: "cf/", RequestTimeout: 500 * time.Millisecond})
	other := testBackend(t, c, Config{Prefix: "cf/"})
	bump := func(n int) {
		if err := other.Update(func(root kv.Bucket) error {
			bk, _ := root.CreateBucket([]byte("b"))
			return bk.Put([]byte("k"), fmt.Append(nil, n))
		}); err != nil {
			t.Fatal(err)
		}
	}
	bump(0)
	runs := 0
	err := b.Update(func(root kv.Bucket) error {
		runs++
		bk := root.Bucket([]byte("b"))
		v := bk.Get([]byte("k"))
		if runs == 1 {
			bump(1) // changes what this run read
		}
		return bk.Put([]byte("copy"), v)
	})
	if err != nil || runs != 2 {
		t.Fatalf("one conflict: %d runs, %v", runs, err)
	}
	b.View(func(root kv.Bucket) error {
		if got := string(root.Bucket([]byte("b")).Get([]byte("copy"))); got != "1" {
			t.Fatalf("committed %q from a stale read", got)
		}
		return nil
	})

	// A key created inside a range the run scanned is a conflict too.
	runs = 0
	err = b.Update(func(root kv.Bucket) error {
		runs++
		bk := root.Bucket([]byte("b"))
		n := 0
		bk.Scan([]byte("k"), func(_, _ []byte) bool { n++; return true })
		if runs == 1 {
			if err := other.Update(func(root kv.Bucket) error {
				return root.Bucket([]byte("b")).Put([]byte("new"), nil)
			}); err != nil {
				t.Fatal(err)
			}
		}
		return bk.Put([]byte("count"), fmt.Append(nil, n))
	})
	if err != nil || runs != 2 {
		t.Fatalf("a key created in a scanned range: %d runs, %v", runs, err)
	}
	b.View(func(root kv.Bucket) error {
		if got := string(root.Bucket([]byte("b")).Get([]byte("count"))); got != "2" { // k, new
			t.Fatalf("counted %q keys from k on", got)
		}
		return nil
	})

	runs = 0
	err = b.Update(func(root kv.Bucket) error {
		runs++
		bk := root.Bucket([]byte("b"))
		bk.Scan(nil, func(_, _ []byte) bool { return true })
		bump(100 + runs) // every run's scan goes stale
		return bk.Put([]byte("copy"), nil)
	})
	if !errors.Is(err, kv.ErrLocked) || runs < 2 {
		t.Fatalf("endless conflicts: %d runs, %v", runs, err)
	}
}
