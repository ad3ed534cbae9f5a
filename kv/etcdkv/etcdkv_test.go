package etcdkv_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/etcdkv"
	"github.com/corets/corets-wasm/kv/kvtest"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
)

func open(t testing.TB, cfg etcdkv.Config, opt kv.Options) *kv.DB {
	t.Helper()
	db, err := etcdkv.Open(cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func rawClient(t testing.TB, c *etcdtest.Cluster) *clientv3.Client {
	t.Helper()
	cli, err := clientv3.New(clientv3.Config{Endpoints: c.Endpoints(), DialTimeout: 5 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	return cli
}

func reqCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// checkUsage compares a partition's recorded usage with its content.
func checkUsage(t testing.TB, p *kv.Partition) kv.Usage {
	t.Helper()
	var want kv.Usage
	groups, err := p.Groups()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		after := ""
		for {
			page, next, err := p.List(g, "", after, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page {
				want.Bytes += int64(len(e.Key) + len(e.Value))
				want.Keys++
			}
			if next == "" {
				break
			}
			after = next
		}
	}
	got, err := p.Usage()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("usage %+v, content adds up to %+v", got, want)
	}
	return got
}

// TestTwoClients: writers on two stores (two clients) on one cluster
// increment one counter with compare-and-set and fill a module up to its
// quota: no increment lost, the quota exact.
func TestTwoClients(t *testing.T) {
	c := etcdtest.Start(t, 1)
	cfg := etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "two/"}
	dbs := []*kv.DB{open(t, cfg, kv.Options{}), open(t, cfg, kv.Options{})}
	const workers, each, quotaKeys = 4, 15, 25
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*2)
	var stored sync.Map
	for d, db := range dbs {
		for w := range workers {
			wg.Go(func() {
				p := db.Shared(kv.Quota{})
				for range each {
					if _, err := kvtest.Increment(p, "counters", "c"); err != nil {
						errs <- err
						return
					}
				}
			})
			wg.Go(func() {
				m := db.Module("filler", kv.Quota{Keys: quotaKeys})
				for i := range each {
					k := fmt.Sprintf("d%dw%di%d", d, w, i)
					_, err := m.Set("g", k, []byte(k))
					switch {
					case err == nil:
						stored.Store(k, true)
					case !errors.Is(err, kv.ErrQuota):
						errs <- err
						return
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, db := range dbs {
		e, err := db.Shared(kv.Quota{}).Get("counters", "c")
		if err != nil || string(e.Value) != strconv.Itoa(2*workers*each) || e.Version != 2*workers*each {
			t.Fatalf("counter %+v %v, want %d at version %d", e, err, 2*workers*each, 2*workers*each)
		}
		u := checkUsage(t, db.Module("filler", kv.Quota{}))
		if u.Keys != quotaKeys {
			t.Fatalf("module holds %d keys, its quota is %d", u.Keys, quotaKeys)
		}
	}
	n := 0
	stored.Range(func(_, _ any) bool { n++; return true })
	if n != quotaKeys {
		t.Fatalf("%d writes acknowledged, %d kept", n, quotaKeys)
	}
}

// TestPrefixes: stores under different prefixes of one cluster never see
// each other's data, even when one prefix starts with the other.
func TestPrefixes(t *testing.T) {
	c := etcdtest.Start(t, 1)
	a := open(t, etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "app/"}, kv.Options{})
	b := open(t, etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "app/b/"}, kv.Options{})
	d := open(t, etcdkv.Config{Endpoints: c.Endpoints()}, kv.Options{}) // the default prefix
	for i, db := range []*kv.DB{a, b, d} {
		if _, err := db.Module("m", kv.Quota{}).Set("g", "k", []byte{byte(i)}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Module(fmt.Sprint("only", i), kv.Quota{}).Set("g", "k", nil); err != nil {
			t.Fatal(err)
		}
	}
	for i, db := range []*kv.DB{a, b, d} {
		e, err := db.Module("m", kv.Quota{}).Get("g", "k")
		if err != nil || len(e.Value) != 1 || e.Value[0] != byte(i) || e.Version != 1 {
			t.Fatalf("store %d reads %+v %v", i, e, err)
		}
		mods, err := db.Modules()
		if err != nil || strings.Join(mods, ",") != "m,only"+strconv.Itoa(i) {
			t.Fatalf("store %d: modules %q %v", i, mods, err)
		}
		if u := checkUsage(t, db.Module("m", kv.Quota{})); u != (kv.Usage{Bytes: 2, Keys: 1}) {
			t.Fatalf("store %d: usage %+v", i, u)
		}
	}
	if err := a.DeleteModule("m"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Module("m", kv.Quota{}).Get("g", "k"); err != nil {
		t.Fatalf("deleting a module under app/ reached app/b/: %v", err)
	}
	if _, err := etcdkv.Open(etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "bad\x00"}, kv.Options{}); !errors.Is(err, kv.ErrInvalid) {
		t.Fatalf("a prefix with NUL: %v", err)
	}
}

// TestWatchAcrossClients: a watch on one store sees another client's
// writes.
func TestWatchAcrossClients(t *testing.T) {
	c := etcdtest.Start(t, 1)
	cfg := etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "w/"}
	watcher, writer := open(t, cfg, kv.Options{}), open(t, cfg, kv.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := watcher.System().Watch(ctx, "_installs")
	if err != nil {
		t.Fatal(err)
	}
	sys := writer.System()
	v1, _ := sys.Set("_installs", "notes", []byte("1.0"))
	sys.Set("_other", "x", nil)
	v2, _ := sys.Set("_installs", "todo", []byte("2.0"))
	if _, err := sys.Delete("_installs", "notes"); err != nil {
		t.Fatal(err)
	}
	want := []kv.Event{{Key: "notes", Version: v1}, {Key: "todo", Version: v2}, {Key: "notes", Deleted: true}}
	for _, w := range want {
		select {
		case got := <-ch:
			if got != w {
				t.Fatalf("event %+v, want %+v", got, w)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("no event")
		}
	}
	// Closing the watching store ends its watches.
	watcher.Close()
	select {
	case _, ok := <-ch:
		for ok {
			_, ok = <-ch
		}
	case <-time.After(30 * time.Second):
		t.Fatal("watch still open after Close")
	}
}

// TestUnavailable: a stopped cluster makes every call fail with
// kv.ErrUnavailable, within the request timeout, naming the store but not
// its password.
func TestUnavailable(t *testing.T) {
	c := etcdtest.Start(t, 1)
	cfg := etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "u/", RequestTimeout: time.Second, DialTimeout: time.Second}
	db := open(t, cfg, kv.Options{})
	p := db.Module("m", kv.Quota{})
	if _, err := p.Set("g", "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watch, err := p.Watch(ctx, "g")
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	calls := map[string]func() error{
		"Get":           func() error { _, err := p.Get("g", "k"); return err },
		"Set":           func() error { _, err := p.Set("g", "k", nil); return err },
		"CompareAndSet": func() error { _, err := p.CompareAndSet("g", "k", nil, 1); return err },
		"Delete":        func() error { _, err := p.Delete("g", "k"); return err },
		"List":          func() error { _, _, err := p.List("g", "", "", 0); return err },
		"Usage":         func() error { _, err := p.Usage(); return err },
		"Groups":        func() error { _, err := p.Groups(); return err },
		"Modules":       func() error { _, err := db.Modules(); return err },
		"DeleteModule":  func() error { return db.DeleteModule("m") },
		"Watch":         func() error { _, err := p.Watch(ctx, "g"); return err },
		"Open": func() error {
			db, err := etcdkv.Open(cfg, kv.Options{})
			if err == nil {
				db.Close()
			}
			return err
		},
	}
	for name, call := range calls {
		done := make(chan error, 1)
		go func() { done <- call() }()
		select {
		case err := <-done:
			if !errors.Is(err, kv.ErrUnavailable) {
				t.Errorf("%s on a stopped cluster: %v", name, err)
			} else if !strings.Contains(err.Error(), "etcd://") {
				t.Errorf("%s: the error does not name the store: %v", name, err)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("%s hangs on a stopped cluster", name)
		}
	}
	// An open watch waits for the cluster (etcd's client resumes it from
	// where it was) and closes when its context ends.
	cancel()
	done := make(chan struct{})
	go func() {
		for range watch {
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("a watch of a stopped cluster did not close with its context")
	}
}

// TestWatchSurvivesRestart: a watch resumes when its member comes back,
// and sees the writes made after.
func TestWatchSurvivesRestart(t *testing.T) {
	c := etcdtest.Start(t, 1)
	db := open(t, etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "r/"}, kv.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := db.System().Watch(ctx, "_g")
	if err != nil {
		t.Fatal(err)
	}
	c.Kill(0)
	c.Restart(0)
	var v uint64
	for try := 0; ; try++ { // the client may not have reconnected yet
		if v, err = db.System().Set("_g", "k", []byte("after")); err == nil {
			break
		}
		if !errors.Is(err, kv.ErrUnavailable) || try == 20 {
			t.Fatal(err)
		}
	}
	for {
		select {
		case ev := <-ch:
			if ev.Resync {
				continue // allowed: the watch had to start again
			}
			if ev != (kv.Event{Key: "k", Version: v}) {
				t.Fatalf("event %+v", ev)
			}
			return
		case <-time.After(60 * time.Second):
			t.Fatal("no event after the member came back")
		}
	}
}

func TestPasswordNeverShown(t *testing.T) {
	c := etcdtest.Start(t, 1)
	c.Close()
	loc := "etcd://alice:s3cr3t-pw@" + strings.Join(c.Endpoints(), ",") + "/p"
	cfg, err := etcdkv.ParseURL(loc)
	if err != nil {
		t.Fatal(err)
	}
	cfg.RequestTimeout, cfg.DialTimeout = 500*time.Millisecond, 500*time.Millisecond
	_, err = etcdkv.Open(cfg, kv.Options{})
	if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "alice@") {
		t.Fatalf("error %v", err)
	}
	for _, bad := range []string{loc + "?nope=1", "etcd://alice:s3cr3t-pw@h:99999", "etcd://alice:s3cr3t-pw@h:1/%zz", "etcd://alice:s3cr3t-pw@[::1"} {
		_, err := etcdkv.ParseURL(bad)
		if err == nil || strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("ParseURL(%q): %v", bad, err)
		}
		_, err = kv.OpenURL(bad, kv.Options{})
		if err == nil || strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("OpenURL(%q): %v", bad, err)
		}
	}
}

// TestForeignKeys: keys under the prefix that this package did not write
// are reported as kv.ErrCorrupt, never a panic.
func TestForeignKeys(t *testing.T) {
	c := etcdtest.Start(t, 1)
	cli := rawClient(t, c)
	if _, err := cli.Put(reqCtx(t), "foreign/hello", "world"); err != nil {
		t.Fatal(err)
	}
	if _, err := etcdkv.Open(etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "foreign/"}, kv.Options{}); !errors.Is(err, kv.ErrCorrupt) {
		t.Fatalf("open over a foreign key: %v", err)
	}

	db := open(t, etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "mine/"}, kv.Options{})
	p := db.Module("m", kv.Quota{})
	for _, k := range []string{"a", "b"} {
		if _, err := p.Set("g", k, []byte("v")); err != nil {
			t.Fatal(err)
		}
	}
	// Overwrite each record this package wrote, in turn, with garbage.
	resp, err := cli.Get(reqCtx(t), "mine/", clientv3.WithPrefix())
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range resp.Kvs {
		for _, garbage := range []string{"", "X", "B extra", "\xffgarbage"} {
			if _, err := cli.Put(reqCtx(t), string(rec.Key), garbage); err != nil {
				t.Fatal(err)
			}
			errs := []error{}
			_, err := p.Get("g", "a")
			errs = append(errs, err)
			_, _, err = p.List("g", "", "", 0)
			errs = append(errs, err)
			_, err = p.Set("g", "a", []byte("w"))
			errs = append(errs, err)
			_, err = p.Usage()
			errs = append(errs, err)
			_, err = db.Modules()
			errs = append(errs, err)
			if db2, err := etcdkv.Open(etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "mine/"}, kv.Options{}); err == nil {
				db2.Close()
			} else {
				errs = append(errs, err)
			}
			corrupt := false
			for _, err := range errs {
				if err != nil && !errors.Is(err, kv.ErrCorrupt) && !errors.Is(err, kv.ErrNotFound) {
					t.Fatalf("record %q = %q: %v", rec.Key, garbage, err)
				}
				corrupt = corrupt || errors.Is(err, kv.ErrCorrupt)
			}
			if !corrupt {
				t.Fatalf("record %q = %q: nothing reported it", rec.Key, garbage)
			}
		}
		if _, err := cli.Put(reqCtx(t), string(rec.Key), string(rec.Value)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Get("g", "a"); err != nil {
		t.Fatalf("after repair: %v", err)
	}
}

func TestLargeValues(t *testing.T) {
	c := etcdtest.Start(t, 1)
	db := open(t, etcdkv.Config{Endpoints: c.Endpoints()}, kv.Options{MaxValueBytes: 64 << 20, MaxKeyBytes: 32 << 10})
	p := db.Module("m", kv.Quota{})
	key := strings.Repeat("k", 32<<10)
	if _, err := p.Set("g", key, make([]byte, etcdkv.MaxValueBytes)); err != nil {
		t.Fatalf("the largest value with the largest key: %v", err)
	}
	if e, err := p.Get("g", key); err != nil || len(e.Value) != etcdkv.MaxValueBytes {
		t.Fatalf("read back %d bytes, %v", len(e.Value), err)
	}
	if _, err := p.Set("g", "over", make([]byte, etcdkv.MaxValueBytes+1)); !errors.Is(err, kv.ErrTooLarge) {
		t.Fatalf("over the cut limit: %v", err)
	}
}

func TestOpenURL(t *testing.T) {
	c := etcdtest.Start(t, 1)
	db, err := kv.OpenURL(c.URL("via-url"), kv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Name() != c.URL("via-url") {
		t.Fatalf("name %q, want %q", db.Name(), c.URL("via-url"))
	}
	if _, err := db.Module("m", kv.Quota{}).Set("g", "k", nil); err != nil {
		t.Fatal(err)
	}
	resp, err := rawClient(t, c).Get(reqCtx(t), "via-url/", clientv3.WithPrefix(), clientv3.WithCountOnly())
	if err != nil || resp.Count == 0 {
		t.Fatalf("nothing under via-url/: %v", err)
	}
}

// TestOtherClientDeletes: buckets another client deleted (a group
// emptied, a module's data deleted) are made again by this client's next
// write, whatever it remembered of them.
func TestOtherClientDeletes(t *testing.T) {
	c := etcdtest.Start(t, 1)
	cfg := etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "del/"}
	one, two := open(t, cfg, kv.Options{}), open(t, cfg, kv.Options{})
	p1, p2 := one.Module("m", kv.Quota{}), two.Module("m", kv.Quota{})
	steps := []struct {
		name  string
		other func() error
	}{
		{"group emptied", func() error { _, err := p2.Delete("g", "k"); return err }},
		{"module deleted", func() error { return two.DeleteModule("m") }},
		{"group emptied by compare-and-delete", func() error {
			e, err := p2.Get("g", "k")
			if err != nil {
				return err
			}
			return p2.CompareAndDelete("g", "k", e.Version)
		}},
	}
	for _, s := range steps {
		if _, err := p1.Set("g", "k", []byte("v")); err != nil {
			t.Fatal(err)
		}
		if _, err := p1.Set("g", "k", []byte("w")); err != nil { // with what it knows
			t.Fatal(err)
		}
		if err := s.other(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if _, err := p1.Set("g", "k2", []byte("x")); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if g, err := p2.Groups(); err != nil || strings.Join(g, ",") != "g" {
			t.Fatalf("%s: groups %q %v", s.name, g, err)
		}
		if _, err := p2.Get("g", "k"); !errors.Is(err, kv.ErrNotFound) {
			t.Fatalf("%s: deleted key: %v", s.name, err)
		}
		checkUsage(t, p2)
		if _, err := p1.Delete("g", "k2"); err != nil {
			t.Fatal(err)
		}
		if g, _ := p2.Groups(); len(g) != 0 {
			t.Fatalf("%s: groups left %q", s.name, g)
		}
	}
}

// TestOpenURLHostList: kv.OpenURL takes a host list with IPv6 literals,
// which url.Parse alone refuses; the client uses whichever member answers.
func TestOpenURLHostList(t *testing.T) {
	c := etcdtest.Start(t, 1)
	port := c.Endpoints()[0][strings.LastIndex(c.Endpoints()[0], ":"):]
	db, err := kv.OpenURL("etcd://"+c.Endpoints()[0]+",[::1]"+port+"/hosts", kv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !strings.Contains(db.Name(), "[::1]") {
		t.Fatalf("name %q", db.Name())
	}
	if _, err := db.Module("m", kv.Quota{}).Set("g", "k", nil); err != nil {
		t.Fatal(err)
	}
}
