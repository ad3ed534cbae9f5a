package kv

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/corets/corets-wasm/internal/testutil"
)

// Two shared DBs on one file are two open files, locked against each other
// as two processes' would be.
func TestSharedHandlesSeeEachOther(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "store.db")
	a := must(Open(path, Options{Shared: true}))(t)
	defer a.Close()
	b := must(Open(path, Options{Shared: true}))(t)
	defer b.Close()
	pa, pb := a.Module("m", Quota{}), b.Module("m", Quota{})
	for i := range 20 {
		w, r := pa, pb
		if i%2 == 1 {
			w, r = pb, pa
		}
		v := must(w.Set("g", "k", []byte(strconv.Itoa(i))))(t)
		e := must(r.Get("g", "k"))(t)
		if string(e.Value) != strconv.Itoa(i) || e.Version != v {
			t.Fatalf("write %d read back as %q version %d, want version %d", i, e.Value, e.Version, v)
		}
	}
	if u := must(pb.Usage())(t); u.Keys != 1 {
		t.Fatalf("usage %+v", u)
	}
}

// A process that keeps the file open (a DB without Shared) makes shared
// transactions wait and then fail with ErrLocked; between them a shared DB
// holds nothing.
func TestSharedAndExclusive(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "store.db")
	s := must(Open(path, Options{Shared: true, LockTimeout: 100 * time.Millisecond}))(t)
	defer s.Close()
	p := s.Module("m", Quota{})
	must(p.Set("g", "k", []byte("before")))(t)

	// the shared DB is open, yet an exclusive open gets the file
	x, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("exclusive open beside an idle shared DB: %v", err)
	}
	_, err = p.Get("g", "k")
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "waited") {
		t.Fatalf("read while another handle keeps the file: %v", err)
	}
	_, err = p.Set("g", "k", []byte("during"))
	wantErr(t, err, ErrLocked)
	if _, err := Open(path, Options{Shared: true, LockTimeout: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Fatalf("shared open while another handle keeps the file: %v", err)
	}
	must(x.Module("m", Quota{}).Set("g", "k", []byte("exclusive")))(t)
	x.Close()

	if e := must(p.Get("g", "k"))(t); string(e.Value) != "exclusive" {
		t.Fatalf("after the exclusive handle closed: %q", e.Value)
	}
}

// Compare-and-set from several processes at once loses no update.
func TestSharedCompareAndSetAcrossProcesses(t *testing.T) {
	t.Parallel()
	if path := os.Getenv("KV_SHARED_CAS_STORE"); path != "" {
		casChild(t, path)
		return
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "store.db")
	must(Open(path, Options{Shared: true}))(t).Close()
	const procs = 3
	var wg sync.WaitGroup
	outs := make([][]byte, procs)
	errs := make([]error, procs)
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestSharedCompareAndSetAcrossProcesses$", "-test.v")
			cmd.Env = append(os.Environ(), "KV_SHARED_CAS_STORE="+path)
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	// and this process at the same time, through a DB of its own
	casChild(t, path)
	wg.Wait()
	for i := range procs {
		if errs[i] != nil {
			t.Fatalf("process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	db := must(Open(path, Options{Shared: true}))(t)
	defer db.Close()
	e := must(db.Module("cas", Quota{}).Get("g", "counter"))(t)
	if want := strconv.Itoa((procs + 1) * casIncrements); string(e.Value) != want {
		t.Fatalf("counter = %s, want %s: updates were lost", e.Value, want)
	}
}

const casIncrements = 40

// casChild increments the counter casIncrements times with compare-and-set,
// retrying on conflict.
func casChild(t *testing.T, path string) {
	db, err := Open(path, Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := db.Module("cas", Quota{})
	for range casIncrements {
		for {
			e, err := p.Get("g", "counter")
			n := 0
			switch {
			case errors.Is(err, ErrNotFound):
			case err != nil:
				t.Fatal(err)
			default:
				n, _ = strconv.Atoi(string(e.Value))
			}
			_, err = p.CompareAndSet("g", "counter", []byte(strconv.Itoa(n+1)), e.Version)
			if err == nil {
				break
			}
			if !errors.Is(err, ErrConflict) {
				t.Fatal(err)
			}
		}
	}
}

// A process killed (SIGKILL, TerminateProcess) in the middle of its writes
// leaves a store that opens, passes bbolt's consistency check, holds every
// write it acknowledged, and takes new writes.
func TestSharedKilledWriter(t *testing.T) {
	t.Parallel()
	if path := os.Getenv("KV_SHARED_KILL_STORE"); path != "" {
		killChild(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "store.db")
	acked := filepath.Join(dir, "acked")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSharedKilledWriter$")
	cmd.Env = append(os.Environ(), "KV_SHARED_KILL_STORE="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	testutil.WaitFor(t, "the writer to acknowledge 30 writes", func() bool {
		b, _ := os.ReadFile(acked)
		n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		return n >= 30
	})
	// and while it goes on writing, this process writes too
	db := must(Open(path, Options{Shared: true}))(t)
	defer db.Close()
	must(db.Module("other", Quota{}).Set("g", "k", []byte("v")))(t)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	b, err := os.ReadFile(acked)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	p := db.Module("kill", Quota{})
	for i := range n {
		e, err := p.Get("g", fmt.Sprint(i))
		if err != nil || string(e.Value) != fmt.Sprint("value ", i) {
			t.Fatalf("acknowledged write %d of %d: %+v %v", i, n, e, err)
		}
	}
	u := must(p.Usage())(t)
	keys := countKeys(t, p, "g")
	if u.Keys != int64(keys+countKeys(t, p, "big")) || keys < n {
		t.Fatalf("usage %+v with %d keys listed, %d acknowledged", u, keys, n)
	}
	must(p.Set("g", "after", []byte("the kill")))(t)
	db.Close()

	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	}); err != nil {
		t.Fatalf("bbolt check after the kill: %v", err)
	}
}

// killChild writes until it is killed, recording in a file how many writes
// were acknowledged (a lower bound).
func killChild(path string) {
	db, err := Open(path, Options{Shared: true})
	if err != nil {
		return
	}
	p := db.Module("kill", Quota{})
	acked := filepath.Join(filepath.Dir(path), "acked")
	value := strings.Repeat("x", 3000) // several pages a commit
	for i := 0; ; i++ {
		if _, err := p.Set("g", fmt.Sprint(i), []byte(fmt.Sprint("value ", i))); err != nil {
			return
		}
		if _, err := p.Set("big", fmt.Sprint(i%50), []byte(value)); err != nil {
			return
		}
		// written in place: the parent may be reading it (Windows refuses to
		// rename over an open file), and a count cut short by the kill only
		// reads as fewer writes
		os.WriteFile(acked, []byte(strconv.Itoa(i+1)), 0o600)
	}
}

func countKeys(t *testing.T, p *Partition, group string) int {
	n, after := 0, ""
	for {
		entries, next, err := p.List(group, "", after, 0)
		if err != nil {
			t.Fatal(err)
		}
		n += len(entries)
		if next == "" {
			return n
		}
		after = next
	}
}

// A handle running transactions back to back (a module writing in a loop)
// does not starve another one: the gaps between its transactions are
// found well within LockTimeout.
func TestSharedBusyWriterDoesNotStarveOthers(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "store.db")
	busy := must(Open(path, Options{Shared: true}))(t) // synced: long transactions, short gaps
	defer busy.Close()
	other := must(Open(path, Options{Shared: true, NoSync: true, LockTimeout: 2 * time.Second}))(t)
	defer other.Close()
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		p := busy.Module("busy", Quota{})
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := p.Set("g", strconv.Itoa(i%100), []byte("x")); err != nil {
				done <- err
				return
			}
		}
	}()
	p := other.Module("other", Quota{})
	for i := range 20 {
		if _, err := p.Set("g", "k", []byte(strconv.Itoa(i))); err != nil {
			close(stop)
			t.Fatalf("write %d beside a busy writer: %v", i, err)
		}
		if _, err := p.Get("g", "k"); err != nil {
			close(stop)
			t.Fatalf("read %d beside a busy writer: %v", i, err)
		}
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatalf("the busy writer: %v", err)
	}
}
