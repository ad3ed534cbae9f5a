package etcdtest

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// StartCluster starts n members outside a test, for a harness such as
// bench's -store mode: data under dir (which the caller removes), members
// on loopback ports, and fsync on, as a deployed member has it (Start's
// test clusters skip it). logf, if not nil, receives the members'
// warnings and errors when starting fails or the cluster is closed. The
// caller must Close the cluster.
//
// Kill, Restart, Partition, Heal and Leader work as in a test; where a
// test would fail (a member index out of range, a member that does not
// stop), they panic.
func StartCluster(dir string, n int, logf func(format string, args ...any)) (*Cluster, error) {
	if n < 1 {
		return nil, fmt.Errorf("etcdtest: %d members", n)
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	c := &Cluster{
		t:     &harnessTB{logf: logf},
		token: fmt.Sprintf("corets-bench-%d", time.Now().UnixNano()),
		fsync: true,
	}
	for i := range n {
		c.members = append(c.members, &member{
			name: fmt.Sprintf("m%d", i),
			dir:  filepath.Join(dir, fmt.Sprintf("m%d", i)),
		})
	}
	var err error
	for try := 0; try < startTries; try++ {
		if err = c.startAll(); err == nil || !isAddrInUse(err) {
			break
		}
	}
	if err == nil {
		err = c.waitLeader()
	}
	if err != nil {
		c.Close()
		if c.logs.Len() > 0 {
			logf("etcd members' warnings and errors:\n%s", c.logs.String())
		}
		return nil, fmt.Errorf("etcdtest: starting %d members: %w", n, err)
	}
	return c, nil
}

// waitLeader is Leader's wait with an error instead of a failed test.
func (c *Cluster) waitLeader() error {
	deadline := time.Now().Add(leaderTimeout)
	for c.leader() < 0 {
		if time.Now().After(deadline) {
			return fmt.Errorf("no leader after %s", leaderTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// harnessTB stands in for the testing.TB of a cluster started outside a
// test. Only the methods Cluster calls are implemented; the embedded nil
// interface is never reached.
type harnessTB struct {
	testing.TB
	logf func(format string, args ...any)

	mu     sync.Mutex
	failed bool
}

// harnessFatal is the panic value of a Fatalf outside a test.
type harnessFatal struct{ msg string }

func (f harnessFatal) Error() string { return f.msg }

func (h *harnessTB) Helper() {}

func (h *harnessTB) Logf(format string, args ...any) { h.logf(format, args...) }

func (h *harnessTB) Errorf(format string, args ...any) {
	h.mu.Lock()
	h.failed = true
	h.mu.Unlock()
	h.logf(format, args...)
}

func (h *harnessTB) Fatalf(format string, args ...any) {
	h.Errorf(format, args...)
	panic(error(harnessFatal{fmt.Sprintf(format, args...)}))
}

func (h *harnessTB) Failed() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.failed
}
