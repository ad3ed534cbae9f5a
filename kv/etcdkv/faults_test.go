package etcdkv_test

// Fault tests on a 3-member cluster (issue 15, item 2): a member killed
// while writers run, a member cut off from its peers. They check what a
// store on etcd promises (doc.go, "Failures"): an acknowledged write
// survives the loss of a minority of members, nothing is half-done, a
// read is never stale, and a client with every endpoint fails over by
// itself.

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/etcdkv"
)

// hang bounds every wait of these tests: it fails a hang, it is no budget.
const hang = 90 * time.Second

// eventually retries fn while it fails with kv.ErrUnavailable (a member
// still electing or catching up), for at most hang. Any other error, or
// one that lasts, fails the test.
func eventually(t testing.TB, what string, fn func() error) {
	t.Helper()
	deadline := time.Now().Add(hang)
	for {
		err := fn()
		if err == nil {
			return
		}
		if !errors.Is(err, kv.ErrUnavailable) {
			t.Fatalf("%s: %v", what, err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still unavailable after %s: %v", what, hang, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// openEventually opens a store, retrying while the cluster cannot answer.
func openEventually(t testing.TB, cfg etcdkv.Config) *kv.DB {
	t.Helper()
	var db *kv.DB
	eventually(t, fmt.Sprintf("open %v", cfg.Endpoints), func() (err error) {
		db, err = etcdkv.Open(cfg, kv.Options{})
		return err
	})
	t.Cleanup(func() { db.Close() })
	return db
}

func faultConfig(prefix string, endpoints ...string) etcdkv.Config {
	return etcdkv.Config{Endpoints: endpoints, Prefix: prefix, DialTimeout: 2 * time.Second}
}

// Phases of a kill test, as an operation sees them when it ends.
const (
	beforeKill = iota
	killing    // from Kill until the running members agree on a leader
	afterKill
)

// writeOp is one write a writer made and what it was told.
type writeOp struct {
	key     string // Set writers: the key written (value = key)
	value   int    // CAS writers: the counter value written
	version uint64
	err     error
	phase   int32 // when the call returned
	started int32 // when it was made
}

// writer runs writes until stop is closed and keeps what each returned.
type writer struct {
	name string
	ops  []writeOp
	// okAfter counts successes of calls made after the new leader.
	okAfter atomic.Int64
	okAny   atomic.Int64
}

// TestMemberKilledMidWrite: writers on three stores (each with the three
// endpoints) do Sets and CompareAndSets while a member is killed (the
// leader; a follower). Every acknowledged write is there afterwards with
// its version, through every member, the restarted one included; a write
// that failed is there whole or not at all; usage records are exact; the
// only failure is kv.ErrUnavailable, and only once the kill began; and
// every store writes again afterwards without being reopened. (A write
// that gives up as busy, kv.ErrLocked, is contention, which -race on a
// shared machine brings, not a fault: it must have written nothing.)
func TestMemberKilledMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("a 3-member cluster with a member killed: not with -short")
	}
	for _, victim := range []string{"leader", "follower"} {
		t.Run(victim, func(t *testing.T) { killMidWrite(t, victim == "leader") })
	}
}

func killMidWrite(t *testing.T, killLeader bool) {
	c := etcdtest.Start(t, 3)
	eps := c.Endpoints()
	cfg := faultConfig("kill/", eps...)
	const stores, setters = 3, 2
	var dbs []*kv.DB
	for range stores {
		dbs = append(dbs, open(t, cfg, kv.Options{}))
	}

	var phase atomic.Int32
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writers []*writer
	for d, db := range dbs {
		for s := range setters {
			w := &writer{name: fmt.Sprintf("store %d setter %d", d, s)}
			writers = append(writers, w)
			// The setters of a store share a partition (its usage record).
			p := db.Module(fmt.Sprintf("faults%d", d), kv.Quota{})
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					op := writeOp{key: fmt.Sprintf("d%ds%d-%06d", d, s, i), started: phase.Load()}
					op.version, op.err = p.Set("w", op.key, []byte(op.key))
					op.phase = phase.Load()
					w.ops = append(w.ops, op)
					w.count(op)
				}
			})
		}
		w := &writer{name: fmt.Sprintf("store %d CAS", d)}
		writers = append(writers, w)
		p := db.Shared(kv.Quota{})
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				op := writeOp{started: phase.Load()}
				e, err := p.Get("counters", "c")
				if err != nil && !errors.Is(err, kv.ErrNotFound) {
					op.err, op.phase = err, phase.Load()
					w.ops = append(w.ops, op)
					continue
				}
				n, _ := strconv.Atoi(string(e.Value))
				op.value = n + 1
				op.version, op.err = p.CompareAndSet("counters", "c", []byte(strconv.Itoa(n+1)), e.Version)
				op.phase = phase.Load()
				if errors.Is(op.err, kv.ErrConflict) {
					continue // another writer came first: not a failure
				}
				w.ops = append(w.ops, op)
				w.count(op)
			}
		})
	}
	stopped := false
	stopWriters := func() {
		if !stopped {
			stopped = true
			close(stop)
			wg.Wait()
		}
	}
	defer stopWriters()

	// Writes in flight on every writer, then the kill.
	waitAll(t, writers, "before the kill", func(w *writer) bool { return w.okAny.Load() >= 5 })
	lead := c.Leader()
	victim := lead
	if !killLeader {
		victim = (lead + 1) % len(eps)
	}
	phase.Store(killing)
	c.Kill(victim)
	newLead := c.Leader()
	phase.Store(afterKill)
	t.Logf("killed member %d (leader was %d, now %d)", victim, lead, newLead)
	// Fail-over: every store writes again, without being reopened.
	waitAll(t, writers, "after the kill", func(w *writer) bool { return w.okAfter.Load() >= 5 })
	stopWriters()

	// What each writer was told.
	acked := map[string]uint64{} // Set: key → version
	unknown := map[string]bool{} // Set: failed, so there or not
	notDone := map[string]bool{} // Set: refused as busy, so not there
	var casAcked []writeOp       // CAS: acknowledged increments
	casUnknown := 0              // CAS: failed commits, applied or not
	errsSeen, busy := 0, 0
	for _, w := range writers {
		for _, op := range w.ops {
			if errors.Is(op.err, kv.ErrLocked) {
				// Contention, not a fault: a transaction that kept
				// meeting other writers' commits for its whole request
				// timeout (a slow machine, -race) gives up, having
				// written nothing.
				busy++
				if op.key != "" {
					notDone[op.key] = true
				}
				continue
			}
			if op.err != nil {
				errsSeen++
				if !errors.Is(op.err, kv.ErrUnavailable) {
					t.Errorf("%s: a write failed with something else than kv.ErrUnavailable: %v", w.name, op.err)
				}
				if op.phase == beforeKill {
					t.Errorf("%s: a write failed before the kill: %v", w.name, op.err)
				}
				if op.key != "" {
					unknown[op.key] = true
				} else if op.value != 0 {
					casUnknown++
				}
				continue
			}
			if op.key != "" {
				acked[op.key] = op.version
			} else {
				casAcked = append(casAcked, op)
			}
		}
	}
	t.Logf("%d Sets and %d increments acknowledged, %d writes failed (kv.ErrUnavailable) during the kill, %d gave up as busy (kv.ErrLocked)",
		len(acked), len(casAcked), errsSeen, busy)

	// Two acknowledged increments never wrote the same value: none lost.
	slices.SortFunc(casAcked, func(a, b writeOp) int { return a.value - b.value })
	for i := 1; i < len(casAcked); i++ {
		a, b := casAcked[i-1], casAcked[i]
		if a.value == b.value {
			t.Fatalf("two acknowledged compare-and-sets both wrote %d: an update was lost", a.value)
		}
		if a.version >= b.version {
			t.Fatalf("counter %d at version %d, then %d at version %d", a.value, a.version, b.value, b.version)
		}
	}

	check := func(who string, db *kv.DB) {
		t.Helper()
		got := map[string]kv.Entry{}
		for d := range stores {
			p := db.Module(fmt.Sprintf("faults%d", d), kv.Quota{})
			n := len(got)
			eventually(t, who+": list", func() error {
				after := ""
				for {
					page, next, err := p.List("w", "", after, 0)
					if err != nil {
						return err
					}
					for _, e := range page {
						got[e.Key] = e
					}
					if next == "" {
						return nil
					}
					after = next
				}
			})
			var u kv.Usage
			eventually(t, who+": usage", func() (err error) { u, err = p.Usage(); return err })
			if u.Keys != int64(len(got)-n) {
				t.Fatalf("%s: usage of faults%d says %d keys, the group holds %d", who, d, u.Keys, len(got)-n)
			}
			checkUsage(t, p)
		}
		for k, v := range acked {
			e, ok := got[k]
			if !ok {
				t.Fatalf("%s: acknowledged write %q (version %d) is lost", who, k, v)
			}
			if e.Version != v || string(e.Value) != k {
				t.Fatalf("%s: acknowledged write %q at version %d reads %q at version %d", who, k, v, e.Value, e.Version)
			}
		}
		for k, e := range got {
			if _, ok := acked[k]; ok {
				continue
			}
			if notDone[k] {
				t.Fatalf("%s: key %q is there, its write failed with kv.ErrLocked (nothing written)", who, k)
			}
			if !unknown[k] {
				t.Fatalf("%s: key %q was never written", who, k)
			}
			if string(e.Value) != k {
				t.Fatalf("%s: a failed write left %q = %q: half-done", who, k, e.Value)
			}
		}
		var e kv.Entry
		eventually(t, who+": counter", func() (err error) { e, err = db.Shared(kv.Quota{}).Get("counters", "c"); return err })
		n, err := strconv.Atoi(string(e.Value))
		if err != nil {
			t.Fatalf("%s: counter %q", who, e.Value)
		}
		if n < len(casAcked) || n > len(casAcked)+casUnknown {
			t.Fatalf("%s: counter %d after %d acknowledged increments and %d that failed", who, n, len(casAcked), casUnknown)
		}
		if last := casAcked[len(casAcked)-1]; n < last.value || e.Version < last.version {
			t.Fatalf("%s: counter %d at version %d, behind the acknowledged %d at version %d", who, n, e.Version, last.value, last.version)
		}
		checkUsage(t, db.Shared(kv.Quota{}))
	}
	// Through each remaining member alone, then through the restarted one.
	for i, ep := range eps {
		if i != victim {
			check(fmt.Sprintf("member %d", i), openEventually(t, faultConfig("kill/", ep)))
		}
	}
	c.Restart(victim)
	check(fmt.Sprintf("member %d, restarted", victim), openEventually(t, faultConfig("kill/", eps[victim])))
	// The stores that lived through the kill still agree.
	check("store 0", dbs[0])
}

func (w *writer) count(op writeOp) {
	if op.err != nil {
		return
	}
	w.okAny.Add(1)
	if op.started == afterKill {
		w.okAfter.Add(1)
	}
}

// waitAll waits (bounded) until cond holds for every writer.
func waitAll(t *testing.T, writers []*writer, when string, cond func(*writer) bool) {
	t.Helper()
	deadline := time.Now().Add(hang)
	for {
		var behind []string
		for _, w := range writers {
			if !cond(w) {
				behind = append(behind, w.name)
			}
		}
		if len(behind) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no successful writes from %q within %s", when, behind, hang)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestPartitionedMember: a member cut off from its peers (a follower; the
// leader) never presents old data as current: a client that reaches only
// that member gets kv.ErrUnavailable for reads and writes, while the
// majority serves; after Heal the member converges on the majority's data.
func TestPartitionedMember(t *testing.T) {
	if testing.Short() {
		t.Skip("a 3-member cluster with a member partitioned: not with -short")
	}
	for _, which := range []string{"follower", "leader"} {
		t.Run(which, func(t *testing.T) { partitionOne(t, which == "leader") })
	}
}

func partitionOne(t *testing.T, leader bool) {
	c := etcdtest.Start(t, 3)
	eps := c.Endpoints()
	lead := c.Leader()
	iso := lead
	if !leader {
		iso = (lead + 1) % len(eps)
	}
	var rest []string
	for i, ep := range eps {
		if i != iso {
			rest = append(rest, ep)
		}
	}
	p := open(t, faultConfig("part/", eps...), kv.Options{}).Module("m", kv.Quota{})
	vOld, err := p.Set("g", "k", []byte("old"))
	if err != nil {
		t.Fatal(err)
	}
	// A client of the isolated member alone; every call it makes through
	// the partition waits for its whole request timeout.
	pinnedCfg := faultConfig("part/", eps[iso])
	pinnedCfg.RequestTimeout = time.Second
	pinned := open(t, pinnedCfg, kv.Options{}).Module("m", kv.Quota{})
	if e, err := pinned.Get("g", "k"); err != nil || string(e.Value) != "old" || e.Version != vOld {
		t.Fatalf("through member %d before the partition: %+v %v", iso, e, err)
	}
	majority := open(t, faultConfig("part/", rest...), kv.Options{}).Module("m", kv.Quota{})

	c.Partition(iso)
	newLead := c.Leader() // among the majority
	if newLead == iso {
		t.Fatalf("the partitioned member %d is still the leader", iso)
	}
	var vNew uint64
	eventually(t, "a write through the majority", func() (err error) {
		vNew, err = majority.Set("g", "k", []byte("new"))
		return err
	})

	// The isolated member refuses; above all, it never answers "old".
	stale := func(what string, e kv.Entry, err error) {
		t.Helper()
		switch {
		case err == nil && string(e.Value) == "old":
			t.Fatalf("%s through the partitioned member: a stale read, %q at version %d, presented as current", what, e.Value, e.Version)
		case err == nil:
			t.Fatalf("%s through the partitioned member answered %q: it cannot know it", what, e.Value)
		case !errors.Is(err, kv.ErrUnavailable):
			t.Fatalf("%s through the partitioned member: %v, want kv.ErrUnavailable", what, err)
		}
	}
	{
		e, err := pinned.Get("g", "k")
		stale("Get", e, err)
		page, _, err := pinned.List("g", "", "", 0)
		if err == nil && len(page) > 0 {
			e = page[0]
		}
		stale("List", e, err)
		_, err = pinned.Usage()
		if !errors.Is(err, kv.ErrUnavailable) {
			t.Fatalf("Usage through the partitioned member: %v", err)
		}
		_, err = pinned.Set("g", "lost", []byte("x"))
		if !errors.Is(err, kv.ErrUnavailable) {
			t.Fatalf("Set through the partitioned member: %v", err)
		}
		_, err = pinned.CompareAndSet("g", "k", []byte("cas"), vOld)
		if !errors.Is(err, kv.ErrUnavailable) {
			t.Fatalf("CompareAndSet through the partitioned member: %v", err)
		}
		// The majority keeps serving meanwhile.
		if _, err := majority.Set("g", "more", []byte("y")); err != nil {
			t.Fatalf("the majority stopped serving: %v", err)
		}
		if e, err := majority.Get("g", "k"); err != nil || string(e.Value) != "new" || e.Version != vNew {
			t.Fatalf("the majority reads %+v %v", e, err)
		}
	}

	// A client of all three endpoints keeps serving without a failure:
	// the isolated member refuses at once what needs a leader, and the
	// request goes to another.
	all := open(t, faultConfig("part/", eps...), kv.Options{}).Module("m", kv.Quota{})
	v := vNew
	for i := range 20 {
		if e, err := all.Get("g", "k"); err != nil || e.Version != v {
			t.Fatalf("a client of every endpoint, Get %d: %+v %v", i, e, err)
		}
		if v, err = all.CompareAndSet("g", "k", []byte("new"), v); err != nil {
			t.Fatalf("a client of every endpoint, CompareAndSet %d: %v", i, err)
		}
		if _, err := all.Set("g", fmt.Sprint("all", i), nil); err != nil {
			t.Fatalf("a client of every endpoint, Set %d: %v", i, err)
		}
		if _, _, err := all.List("g", "", "", 0); err != nil {
			t.Fatalf("a client of every endpoint, List %d: %v", i, err)
		}
	}
	vNew = v

	// After Heal the member catches up; until then it may still refuse,
	// but never answers "old".
	c.Heal(iso)
	eventually(t, "a read through the healed member", func() error {
		e, err := pinned.Get("g", "k")
		if err != nil {
			return err
		}
		if string(e.Value) != "new" || e.Version != vNew {
			t.Fatalf("the healed member reads %q at version %d, want %q at version %d", e.Value, e.Version, "new", vNew)
		}
		return nil
	})
	// The writes it refused were not applied later (they never reached a
	// quorum), and it takes writes again.
	if _, err := pinned.Get("g", "lost"); !errors.Is(err, kv.ErrNotFound) {
		t.Fatalf("a write refused by the partitioned member: %v", err)
	}
	if e, err := pinned.Get("g", "k"); err != nil || string(e.Value) != "new" {
		t.Fatalf("a compare-and-set refused by the partitioned member was applied: %+v %v", e, err)
	}
	eventually(t, "a write through the healed member", func() error {
		_, err := pinned.Set("g", "healed", []byte("z"))
		return err
	})
	if e, err := majority.Get("g", "healed"); err != nil || string(e.Value) != "z" {
		t.Fatalf("the healed member's write, read through the majority: %+v %v", e, err)
	}
	checkUsage(t, majority)
	checkUsage(t, pinned)
}
