package hostfns

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Module is one loaded module's capabilities: what its manifest grants,
// turned into checkers, and the state its host functions keep (processes,
// per-call request counts). Attach it to the module's instance as
// jsengine.InstanceConfig.Data, and Close it when the module unloads.
type Module struct {
	h      *Host
	m      *manifest.Manifest
	code   string
	limits manifest.Limits

	fs     *caps.FS // nil without an app root
	net    *caps.NetPolicy
	progs  *caps.Programs
	own    *kv.Partition
	shared *kv.Partition
	client *http.Client

	life context.Context
	end  context.CancelFunc

	mu       sync.Mutex
	reqRun   uint64 // the wasm call reqCount counts for
	reqCount int
	procs    processTable
	bodies   bodyTable   // fetch bodies being streamed (net_stream.go)
	uploads  uploadTable // request bodies being streamed (net_upload.go)

	// buffered is what the host holds of the module's fetch replies: being
	// read, or read and waiting for the guest to take them.
	buffered atomic.Int64
}

// Bind turns a manifest's grants into a Module. A grant that cannot be
// understood is an error naming the manifest's file and line.
func (h *Host) Bind(m *manifest.Manifest) (*Module, error) {
	if m == nil {
		m = &manifest.Manifest{}
	}
	code := m.Code
	mod := &Module{h: h, m: m, code: code, limits: m.Limits.Or(h.cfg.Defaults).Or(manifest.DefaultLimits)}
	p := m.Permissions
	var err error
	fail := func(key string, err error) (*Module, error) {
		mod.Close()
		return nil, fmt.Errorf("%s: %w", m.Pos(key), err)
	}
	// Growing prefixes of each list are checked, so the first bad entry is
	// found and the error points at its line.
	checks := []struct {
		key   string
		list  []string
		check func([]string) error
	}{
		{"permissions.read", p.Read, func(l []string) error { _, err := caps.NewPathSet("read", l); return err }},
		{"permissions.write", p.Write, func(l []string) error { _, err := caps.NewPathSet("write", l); return err }},
		{"permissions.net", p.Net, func(l []string) error { _, err := caps.NewNetPolicy(l); return err }},
		{"permissions.run", p.Run, func(l []string) error { _, err := caps.NewPrograms(l, noLookPath); return err }},
	}
	for _, c := range checks {
		for i := range c.list {
			if err := c.check(c.list[:i+1]); err != nil {
				return fail(fmt.Sprintf("%s[%d]", c.key, i), err) // err names the entry
			}
		}
	}
	if h.cfg.AppRoot != "" {
		if mod.fs, err = caps.OpenFSReserved(h.cfg.AppRoot, p.Read, p.Write, h.cfg.Reserved); err != nil {
			return fail("permissions", err)
		}
	} else if len(p.Read)+len(p.Write) > 0 {
		return fail("permissions.read", errors.New("files are granted but the runtime has no app root"))
	}
	if mod.net, err = caps.NewNetPolicy(p.Net); err != nil {
		return fail("permissions.net", err)
	}
	if mod.progs, err = caps.NewPrograms(p.Run, h.cfg.LookPath); err != nil {
		return fail("permissions.run", err)
	}
	for i, g := range p.Store {
		if len(g) > 0 && g[0] == '_' {
			return fail(fmt.Sprintf("permissions.store[%d]", i), fmt.Errorf("group %q is reserved for the runtime (groups starting with _ cannot be granted)", g))
		}
	}
	if h.cfg.Store != nil {
		if code != "" {
			mod.own = h.cfg.Store.Module(code, kv.Quota{Bytes: mod.limits.StoreBytes, Keys: mod.limits.StoreKeys})
		}
		mod.shared = h.cfg.Store.Shared(h.cfg.SharedQuota)
	}
	mod.client = &http.Client{Transport: h.newTransport(mod.net)}
	mod.life, mod.end = context.WithCancel(context.Background())
	mod.procs.init()
	return mod, nil
}

// noLookPath validates program grants without searching PATH.
func noLookPath(string) (string, error) { return "", errors.New("not searched") }

// Code is the module's identity.
func (m *Module) Code() string { return m.code }

// Manifest is the manifest the module was bound with.
func (m *Module) Manifest() *manifest.Manifest { return m.m }

// Limits are the module's effective limits: its manifest's, then the
// embedder's defaults, then manifest.DefaultLimits.
func (m *Module) Limits() manifest.Limits { return m.limits }

// Output routes a console line with the module's code; use it as
// jsengine.InstanceConfig.Output.
func (m *Module) Output(level, text string) { m.h.output(m.code, level, text) }

// Close kills the module's processes and releases its file roots and
// connections. The module's host functions refuse work afterwards.
func (m *Module) Close() error {
	if m.end != nil {
		m.end()
	}
	m.procs.killAll()
	m.bodies.closeAll()
	m.uploads.closeAll()
	if m.client != nil {
		m.client.CloseIdleConnections()
	}
	if m.fs != nil {
		return m.fs.Close()
	}
	return nil
}

// startRequest counts a wasm plugin's network request against the per-call
// cap; run numbers the plugin's call (WithRun). A plugin call has no timers
// or callbacks that outlive it, so the count is the call's. JS modules count
// through jsengine's Caller.Charge instead, which follows their timers.
func (m *Module) startRequest(run uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.reqRun != run {
		m.reqRun, m.reqCount = run, 0
	}
	if m.reqCount >= m.limits.FetchRequests {
		return tooManyRequests(int64(m.limits.FetchRequests))
	}
	m.reqCount++
	return nil
}

// fetchBuffer bounds the response bytes the host holds for the module at
// once, over all its fetches: the larger of its memory limit (the guest has
// to hold what it takes, so more in flight could not help it) and
// limits.fetch_bytes (so one response of the largest allowed size fits),
// plus room for one reply's headers.
func (m *Module) fetchBuffer() int64 {
	return max(m.limits.Memory, m.limits.FetchBytes) + fetchHeadRoom
}

// fetchHeadRoom covers a reply's headers as the guest gets them: response
// headers are at most 64 KiB (the transport's limit), which JSON escaping
// can make a few times larger.
const fetchHeadRoom = 1 << 20

// hold reserves n bytes of the buffer budget, or reports that they would
// pass it.
func (m *Module) hold(n int64) bool {
	limit := m.fetchBuffer()
	for {
		cur := m.buffered.Load()
		if n > limit-cur {
			return false
		}
		if m.buffered.CompareAndSwap(cur, cur+n) {
			return true
		}
	}
}

func (m *Module) unhold(n int64) { m.buffered.Add(-n) }
