// Package etcdtest starts real etcd clusters inside the test process
// (go.etcd.io/etcd/server/v3/embed) for the tests of the etcd store backend
// and of what runs on it: members on loopback ports, data under
// t.TempDir(), logs kept quiet (a member's warnings and errors are shown
// through t.Log when the test fails), and every start and stop bounded so a
// stuck cluster fails the test instead of hanging it.
//
// It is for _test.go files only: production code must never import it.
// Fault tests use Kill and Restart (a member stopped hard and started again
// on the same data and ports), Partition and Heal (a member's peer traffic
// cut both ways and mended) and Leader.
package etcdtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	pb "go.etcd.io/etcd/api/v3/etcdserverpb"
	"go.etcd.io/etcd/client/pkg/v3/transport"
	"go.etcd.io/etcd/client/pkg/v3/types"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Bounds that fail a test instead of letting it hang; never budgets.
const (
	startTimeout  = 90 * time.Second
	stopTimeout   = 60 * time.Second
	leaderTimeout = 60 * time.Second
	startTries    = 5 // port clashes retried
)

// Cluster is n etcd members in this process.
type Cluster struct {
	t       testing.TB
	token   string
	mu      sync.Mutex
	members []*member
	logs    lockedBuffer
	closed  bool
	tls     *tlsFiles // nil: clients use plain HTTP
	fsync   bool
}

// Options change how StartWith starts a cluster.
type Options struct {
	// TLS serves clients over TLS only (see StartTLS).
	TLS bool
	// Fsync makes members sync their write-ahead log as a real cluster
	// does, for figures; by default they skip it (see config).
	Fsync bool
}

// StartWith is Start with options.
func StartWith(t testing.TB, n int, opt Options) *Cluster {
	t.Helper()
	var files *tlsFiles
	if opt.TLS {
		var err error
		if files, err = makeTLSFiles(t.TempDir()); err != nil {
			t.Fatalf("etcdtest: certificates: %v", err)
		}
	}
	return start(t, n, files, opt.Fsync)
}

type member struct {
	name       string
	dir        string
	clientURL  url.URL
	peerURL    url.URL
	etcd       *embed.Etcd // nil while killed
	id         uint64
	partitions bool // cut off from the others
}

// Start starts a cluster of n members (1 or 3 in this project's tests;
// any n >= 1 works) and waits until it has a leader. The cluster is closed
// by t.Cleanup; Close may also be called earlier.
func Start(t testing.TB, n int) *Cluster {
	t.Helper()
	return StartWith(t, n, Options{})
}

func start(t testing.TB, n int, files *tlsFiles, fsync bool) *Cluster {
	t.Helper()
	if n < 1 {
		t.Fatalf("etcdtest.Start: %d members", n)
	}
	c := &Cluster{t: t, token: fmt.Sprintf("corets-test-%d", time.Now().UnixNano()), tls: files, fsync: fsync}
	base := t.TempDir()
	for i := range n {
		c.members = append(c.members, &member{
			name: fmt.Sprintf("m%d", i),
			dir:  fmt.Sprintf("%s/m%d", base, i),
		})
	}
	t.Cleanup(func() {
		c.Close()
		if t.Failed() && c.logs.Len() > 0 {
			t.Logf("etcd members' warnings and errors:\n%s", c.logs.String())
		}
	})
	var err error
	for try := 0; try < startTries; try++ {
		if err = c.startAll(); err == nil {
			break
		}
		if !isAddrInUse(err) {
			break
		}
	}
	if err != nil {
		t.Fatalf("etcdtest: starting %d members: %v", n, err)
	}
	c.Leader()
	return c
}

// startAll picks free ports for every member and starts them as a new
// cluster; on failure it stops whatever it started.
func (c *Cluster) startAll() error {
	for _, m := range c.members {
		cp, err := freePort()
		if err != nil {
			return err
		}
		pp, err := freePort()
		if err != nil {
			return err
		}
		m.clientURL = url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", cp)}
		if c.tls != nil {
			m.clientURL.Scheme = "https"
		}
		m.peerURL = url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", pp)}
	}
	var errs []error
	for _, m := range c.members {
		e, err := embed.StartEtcd(c.config(m))
		if err != nil {
			errs = append(errs, fmt.Errorf("member %s: %w", m.name, err))
			break
		}
		m.etcd = e
	}
	if len(errs) == 0 {
		errs = append(errs, c.waitReady(c.members...))
	}
	if err := errors.Join(errs...); err != nil {
		for _, m := range c.members {
			c.stop(m)
		}
		return err
	}
	for _, m := range c.members {
		m.id = uint64(m.etcd.Server.MemberID())
	}
	return nil
}

func (c *Cluster) config(m *member) *embed.Config {
	cfg := embed.NewConfig()
	cfg.Name = m.name
	cfg.Dir = m.dir
	cfg.ListenClientUrls = []url.URL{m.clientURL}
	cfg.AdvertiseClientUrls = []url.URL{m.clientURL}
	cfg.ListenPeerUrls = []url.URL{m.peerURL}
	cfg.AdvertisePeerUrls = []url.URL{m.peerURL}
	var initial []string
	for _, o := range c.members {
		initial = append(initial, o.name+"="+o.peerURL.String())
	}
	cfg.InitialCluster = strings.Join(initial, ",")
	cfg.InitialClusterToken = c.token
	if c.tls != nil {
		cfg.ClientTLSInfo = transport.TLSInfo{CertFile: c.tls.cert, KeyFile: c.tls.key} // no CA: etcd would then require client certificates
	}
	cfg.ClusterState = embed.ClusterStateFlagNew // ignored once the data dir holds a WAL
	// The member is never killed by the OS here (Kill stops it inside the
	// process), so what it wrote is in the page cache for Restart: fsync
	// would only slow a shared machine (Options.Fsync for figures).
	cfg.UnsafeNoFsync = !c.fsync
	cfg.Logger = "zap"
	cfg.ZapLoggerBuilder = embed.NewZapLoggerBuilder(zap.New(zapcore.NewCore(
		zapcore.NewConsoleEncoder(zap.NewDevelopmentEncoderConfig()),
		zapcore.AddSync(&c.logs),
		zapcore.WarnLevel,
	)).With(zap.String("member", m.name)))
	return cfg
}

// waitReady waits until each member serves clients, or one fails.
func (c *Cluster) waitReady(ms ...*member) error {
	deadline := time.Now().Add(startTimeout)
	for _, m := range ms {
		if err := c.waitMember(m, deadline, false); err != nil {
			return err
		}
	}
	return nil
}

// waitMember waits until member m serves clients, fails, or the deadline
// passes. With nudge, it commits an entry through another member each
// second m is not ready, which a restarted member may need:
//
// A member that missed more writes than the leader keeps in its log
// (5,000 entries) catches up from a snapshot, and etcd 3.7.3 does not
// advance the applied index its request limit reads when it applies one
// (EtcdServer.applySnapshot sets only its own progress). Until the member
// applies a later entry it is more than 5,000 entries behind by that
// count, so it refuses every proposal with "too many requests", its own
// publication included, and never becomes ready if nothing else is
// written. A deployed cluster is written to again soon; a test's cluster
// may not be (TestRestartCatchesUpFromSnapshot).
func (c *Cluster) waitMember(m *member, deadline time.Time, nudge bool) error {
	timeout := time.NewTimer(time.Until(deadline))
	defer timeout.Stop()
	var tick <-chan time.Time // nil: never
	if nudge {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-m.etcd.Server.ReadyNotify():
			return nil
		case err := <-m.etcd.Err():
			return fmt.Errorf("member %s: %w", m.name, err)
		case <-timeout.C:
			return fmt.Errorf("member %s not ready after %s", m.name, startTimeout)
		case <-tick:
			c.nudge(m)
		}
	}
}

// nudge commits an entry that changes no key, a lease granted and
// revoked, through a running member other than m. Errors are ignored:
// it is tried again while m is not ready.
func (c *Cluster) nudge(m *member) {
	i := slices.IndexFunc(c.members, func(o *member) bool { return o != m && o.etcd != nil && !o.partitions })
	if i < 0 {
		return
	}
	s := c.members[i].etcd.Server
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if r, err := s.LeaseGrant(ctx, &pb.LeaseGrantRequest{TTL: 60}); err == nil {
		s.LeaseRevoke(ctx, &pb.LeaseRevokeRequest{ID: r.ID})
	}
}

// stop closes a member's server and listeners, bounded.
func (c *Cluster) stop(m *member) error {
	if m.etcd == nil {
		return nil
	}
	e := m.etcd
	m.etcd = nil
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Stopped as a crashed member stops: cut off from its peers first,
		// so it hands its leadership to nobody. Then closed the way etcd
		// closes, client servers before the store: HardStop alone closes
		// the store under requests still being served, and the nil read
		// transaction they meet panics the whole test process.
		for _, other := range c.members {
			if other != m {
				e.Server.CutPeer(types.ID(other.id))
			}
		}
		e.Close()
	}()
	select {
	case <-done:
		return nil
	case <-time.After(stopTimeout):
		return fmt.Errorf("member %s did not stop within %s", m.name, stopTimeout)
	}
}

func (c *Cluster) member(i int) *member {
	c.t.Helper()
	if i < 0 || i >= len(c.members) {
		c.t.Fatalf("etcdtest: no member %d in a cluster of %d", i, len(c.members))
	}
	return c.members[i]
}

// Endpoints are the members' client addresses (host:port), killed ones
// included, in member order.
func (c *Cluster) Endpoints() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var eps []string
	for _, m := range c.members {
		eps = append(eps, m.clientURL.Host)
	}
	return eps
}

// URL is the store URL of the cluster with prefix: "etcd://a,b,c/prefix"
// ("etcd://a,b,c" for an empty prefix); for a TLS cluster,
// "etcds://a,b,c/prefix?ca=CAFILE".
func (c *Cluster) URL(prefix string) string {
	scheme := "etcd://"
	if c.tls != nil {
		scheme = "etcds://"
	}
	u := scheme + strings.Join(c.Endpoints(), ",")
	if prefix != "" {
		u += "/" + strings.TrimPrefix(prefix, "/")
	}
	if c.tls != nil {
		u += "?ca=" + url.QueryEscape(c.tls.ca)
	}
	return u
}

// Kill stops member i hard (no leadership transfer, listeners closed),
// keeping its data dir and ports for Restart.
func (c *Cluster) Kill(i int) {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.member(i)
	if m.etcd == nil {
		c.t.Fatalf("etcdtest: Kill(%d): member is not running", i)
	}
	if err := c.stop(m); err != nil {
		c.t.Fatalf("etcdtest: Kill(%d): %v", i, err)
	}
}

// Restart starts a killed member i again on its data dir and ports, and
// waits until it serves clients.
func (c *Cluster) Restart(i int) {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.member(i)
	if m.etcd != nil {
		c.t.Fatalf("etcdtest: Restart(%d): member is running", i)
	}
	var err error
	for try := 0; try < startTries; try++ {
		// The old listeners' ports may linger a moment after Close.
		var e *embed.Etcd
		if e, err = embed.StartEtcd(c.config(m)); err == nil {
			m.etcd = e
			if err = c.waitMember(m, time.Now().Add(startTimeout), true); err != nil {
				c.stop(m)
			}
			break
		}
		if !isAddrInUse(err) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		c.t.Fatalf("etcdtest: Restart(%d): %v", i, err)
	}
	if m.partitions {
		c.cut(i, true)
	}
}

// Partition cuts member i's peer traffic to and from every other member;
// clients can still reach it. Heal undoes it.
func (c *Cluster) Partition(i int) {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.member(i).partitions = true
	c.cut(i, true)
}

// Heal mends what Partition(i) cut.
func (c *Cluster) Heal(i int) {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.member(i).partitions = false
	c.cut(i, false)
}

func (c *Cluster) cut(i int, cut bool) {
	mi := c.members[i]
	for j, mj := range c.members {
		if j == i {
			continue
		}
		for _, pair := range [][2]*member{{mi, mj}, {mj, mi}} {
			from, to := pair[0], pair[1]
			if from.etcd == nil {
				continue
			}
			if cut {
				from.etcd.Server.CutPeer(types.ID(to.id))
			} else {
				from.etcd.Server.MendPeer(types.ID(to.id))
			}
		}
	}
}

// EnableAuth turns etcd's authentication on, with user as root (all
// rights, password pass): clients must then give a user and password.
// For a plain (not TLS) cluster.
func (c *Cluster) EnableAuth(t testing.TB, user, pass string) {
	t.Helper()
	if c.tls != nil {
		t.Fatal("etcdtest: EnableAuth is for plain clusters")
	}
	cli, err := clientv3.New(clientv3.Config{Endpoints: c.Endpoints(), DialTimeout: 10 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		t.Fatalf("etcdtest: EnableAuth: %v", err)
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := cli.UserAdd(ctx, user, pass); err != nil {
		t.Fatalf("etcdtest: EnableAuth: %v", err)
	}
	if _, err := cli.UserGrantRole(ctx, user, "root"); err != nil {
		t.Fatalf("etcdtest: EnableAuth: %v", err)
	}
	if _, err := cli.AuthEnable(ctx); err != nil {
		t.Fatalf("etcdtest: EnableAuth: %v", err)
	}
}

// Leader waits (bounded) until the running members agree on a leader that
// is one of them, and returns its index.
func (c *Cluster) Leader() int {
	c.t.Helper()
	deadline := time.Now().Add(leaderTimeout)
	for {
		if i := c.leader(); i >= 0 {
			return i
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("etcdtest: no leader after %s", leaderTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (c *Cluster) leader() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var lead uint64
	for _, m := range c.members {
		if m.etcd == nil || m.partitions {
			continue
		}
		l := uint64(m.etcd.Server.Leader())
		if l == 0 || (lead != 0 && l != lead) {
			return -1 // none yet, or not agreed
		}
		lead = l
	}
	for i, m := range c.members {
		if m.id == lead && m.etcd != nil && !m.partitions {
			return i
		}
	}
	return -1
}

// Close stops every member (bounded). It is safe to call more than once.
func (c *Cluster) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	var wg sync.WaitGroup
	errs := make([]error, len(c.members))
	for i, m := range c.members {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = c.stop(m)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		c.t.Errorf("etcdtest: closing: %v", err)
	}
}

// freePort asks the OS for a free loopback port. Another process may take
// it before the member listens: Start retries on a clash.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func isAddrInUse(err error) bool {
	return err != nil && strings.Contains(err.Error(), "address already in use")
}

// lockedBuffer collects the members' warnings and errors, one log entry
// per Write. A run of entries that differ only in their time is kept as
// its first entry and a count: a member retrying in a loop writes the
// same warning thousands of times a second, which would push out
// everything else.
type lockedBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	last    string // the last entry kept, without its time
	repeats int    // entries like last since it was kept
	dropped int    // entries not kept once buf was full
}

const logLimit = 1 << 20 // enough to tell what went wrong

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	entry := string(p)
	_, untimed, _ := strings.Cut(entry, "\t") // the console encoder starts with the time
	if untimed == b.last {
		b.repeats++
		return len(p), nil
	}
	b.flushRepeats()
	b.last = untimed
	if b.buf.Len() > logLimit {
		b.dropped++
		return len(p), nil
	}
	b.buf.WriteString(entry)
	return len(p), nil
}

func (b *lockedBuffer) flushRepeats() {
	if b.repeats > 0 {
		fmt.Fprintf(&b.buf, "\t(the entry above %d more times)\n", b.repeats)
		b.repeats = 0
	}
}

func (b *lockedBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len() + b.repeats
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushRepeats()
	s := b.buf.String()
	if b.dropped > 0 {
		s += fmt.Sprintf("(%d later entries not kept)\n", b.dropped)
	}
	return s
}
