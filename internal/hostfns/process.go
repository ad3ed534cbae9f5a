package hostfns

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/manifest"
)

// maxFinished bounds the exited processes kept for processWait.
const maxFinished = 64

// watchInterval is how often the host counts the live processes of a
// module's program trees while any runs, and kills those over the cap.
// Each look reads a few /proc files per process: at 50 ms a 5-process tree
// costs the host about 3% of a core (20 ms cost about 6%).
const watchInterval = 50 * time.Millisecond

// member is one live process of a program's tree. start tells a process
// from a later one that got the same pid.
type member struct {
	pid   int
	start uint64 // in clock ticks: processes started together may tie
	root  bool   // the program the module started
}

// killOrder sorts the processes over the cap first: descendants before the
// programs the module started, the newest first.
func killOrder(ms []member) {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.root != b.root {
			return !a.root
		}
		if a.start != b.start {
			return a.start > b.start
		}
		return a.pid > b.pid
	})
}

// process is one program a module started.
type process struct {
	id     int
	cmd    *exec.Cmd
	out    *cappedBuffer // stdout
	errOut *cappedBuffer // stderr
	done   chan struct{} // closed when the program exited and its output is in
	result processResult
	cancel context.CancelFunc
	ended  time.Time
	tree   *procTree // the program and every process it started (per OS)
}

type processResult struct {
	Code      int    `json:"code"`   // exit code; -1 when killed by a signal or stopped
	Signal    string `json:"signal"` // "" or why it was killed ("deadline", "stopped", "unloaded", "killed")
	Stdout    string `json:"stdout"`
	Stderr    string `json:"stderr"`
	Truncated bool   `json:"truncated"` // output beyond limits.output_bytes was dropped
}

type processTable struct {
	mu       sync.Mutex
	next     int
	running  map[int]*process
	all      map[int]*process
	wg       sync.WaitGroup
	job      moduleJob // Windows: the job object every program of the module is in
	watching bool      // the cap's watcher runs
}

func (t *processTable) init() {
	t.running = map[int]*process{}
	t.all = map[int]*process{}
}

func (t *processTable) killAll() {
	t.mu.Lock()
	for _, p := range t.running {
		p.cancel()
	}
	t.mu.Unlock()
	t.wg.Wait()
	t.mu.Lock()
	t.job.close()
	t.mu.Unlock()
}

// liveCount counts the live processes of every program tree of the module:
// the programs and what they started, whatever session or group they
// moved to. Callers hold t.mu.
func (t *processTable) liveCount() int {
	n := 0
	for _, p := range t.running {
		n += max(len(p.tree.members()), 1)
	}
	return n
}

type startReq struct {
	Cmd   string            `json:"cmd"`
	Args  []string          `json:"args"`
	Cwd   string            `json:"cwd"`
	Env   map[string]string `json:"env"`
	Stdin *string           `json:"stdin"`
}

// processStart starts a granted program and answers its id. The program
// is found once when the module is bound (never through a shell, never in
// the module's directory), gets a scrubbed environment and a working
// directory inside the app root, and is killed when the deadline of the
// call that started it passes or the module unloads.
func processStart(ctx context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	var r startReq
	if err := json.Unmarshal(arg, &r); err != nil {
		return nil, typeError("malformed processStart request: %v", err)
	}
	id, err := m.startProcess(ctx, r)
	m.audit("run", strings.Join(append([]string{r.Cmd}, r.Args...), " "), err)
	if err != nil {
		return nil, err
	}
	return json.Marshal(id)
}

func (m *Module) startProcess(ctx context.Context, r startReq) (int, error) {
	// Refusals first: a module learns nothing about a program it may not
	// run, or with variables it may not set.
	env, err := m.environment(r.Env)
	if err != nil {
		return 0, err
	}
	path, err := m.progs.Resolve(r.Cmd)
	if err != nil {
		return 0, err
	}
	for _, a := range r.Args {
		if strings.IndexByte(a, 0) >= 0 {
			return 0, typeError("processStart: an argument contains a NUL byte")
		}
	}
	dir, err := m.workDir(r.Cwd)
	if err != nil {
		return 0, err
	}
	t := &m.procs
	t.mu.Lock()
	defer t.mu.Unlock()
	if m.life.Err() != nil {
		return 0, errors.New("processStart: the module is unloading")
	}
	// The cap counts every live process of the module's program trees,
	// not only the programs it started.
	if n := t.liveCount(); n >= m.limits.Processes {
		return 0, quotaError("run", fmt.Sprintf("%d processes are running already", n), "limits.processes")
	}
	// The program lives until the deadline of the call that started it.
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(m.limits.Timeout)
	}
	pctx, cancel := context.WithDeadline(m.life, deadline)
	p := &process{cancel: cancel, done: make(chan struct{})}
	budget := &outputCap{limit: m.limits.OutputBytes}
	p.out, p.errOut = &cappedBuffer{cap: budget}, &cappedBuffer{cap: budget}
	start := func(plain bool) error {
		cmd := exec.CommandContext(pctx, path, r.Args...)
		cmd.Args[0] = r.Cmd
		cmd.Env = env
		cmd.Dir = dir
		cmd.WaitDelay = 2 * time.Second // a grandchild holding the pipes cannot hold us
		p.cmd, p.tree = cmd, &procTree{plain: plain}
		p.tree.prepare(cmd)
		cmd.Stdout, cmd.Stderr = p.out, p.errOut
		if r.Stdin != nil {
			cmd.Stdin = strings.NewReader(*r.Stdin)
		}
		return cmd.Start()
	}
	err = start(false)
	if err != nil && p.tree.retryable(err) {
		// Perhaps the kernel refused the isolation: try without, and
		// remember only if that was the reason.
		if err = start(true); err == nil {
			p.tree.isolationRefused()
		}
	}
	if err == nil {
		if err = p.tree.started(p.cmd, &t.job, m.limits.Processes); err != nil {
			p.tree.kill()
			_ = p.cmd.Wait()
		}
	}
	if err != nil {
		cancel()
		p.tree.close()
		var je *jsError
		if errors.As(err, &je) {
			return 0, err // the OS layer's own refusal (the Windows job's cap)
		}
		return 0, &jsError{name: "Error", err: err, msg: fmt.Sprintf("processStart %q: %v", r.Cmd, scrubPath(err, path, r.Cmd))}
	}
	t.next++
	p.id = t.next
	t.running[p.id] = p
	t.all[p.id] = p
	t.forgetOld()
	t.wg.Add(1)
	go m.reap(p, pctx)
	if !t.watching {
		t.watching = true
		t.wg.Add(1)
		go m.watch()
	}
	return p.id, nil
}

// watch enforces limits.processes on the module's program trees while any
// program runs: when their live processes exceed the cap (a program forked
// more), the newest are killed until the count is back at the cap. Between
// two looks a tree may briefly hold more; the kernel bounds that only on
// Windows (the job's process limit).
func (m *Module) watch() {
	t := &m.procs
	defer t.wg.Done()
	tick := time.NewTicker(watchInterval)
	defer tick.Stop()
	for {
		t.mu.Lock()
		if len(t.running) == 0 {
			t.watching = false
			t.mu.Unlock()
			return
		}
		var all []member
		for _, p := range t.running {
			all = append(all, p.tree.members()...)
		}
		t.mu.Unlock()
		if over := len(all) - m.limits.Processes; over > 0 {
			killOrder(all)
			for _, mb := range all[:over] {
				killMember(mb)
			}
			m.audit("run", fmt.Sprintf("%d processes over the cap", over),
				quotaError("run", fmt.Sprintf("killed %d processes over %d", over, m.limits.Processes), "limits.processes"))
		}
		select {
		case <-tick.C:
		case <-m.life.Done():
			t.mu.Lock()
			t.watching = false
			t.mu.Unlock()
			return
		}
	}
}

func (m *Module) reap(p *process, ctx context.Context) {
	t := &m.procs
	defer t.wg.Done()
	err := p.cmd.Wait()
	res := processResult{Code: p.cmd.ProcessState.ExitCode()}
	if err != nil && res.Code == -1 || ctx.Err() != nil && res.Code != 0 {
		res.Code = -1
		switch {
		case m.life.Err() != nil:
			res.Signal = "unloaded"
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			res.Signal = "deadline"
		case ctx.Err() != nil:
			res.Signal = "stopped"
		default:
			res.Signal = "killed"
		}
	}
	res.Stdout, res.Stderr = p.out.String(), p.errOut.String()
	res.Truncated = p.out.truncated()
	p.tree.cleanup()
	p.tree.close()
	p.cancel()
	t.mu.Lock()
	p.result = res
	p.ended = time.Now()
	delete(t.running, p.id)
	t.mu.Unlock()
	close(p.done)
}

// forgetOld drops the oldest exited processes past maxFinished; their
// results can no longer be waited for.
func (t *processTable) forgetOld() {
	var ended []*process
	for _, p := range t.all {
		if t.running[p.id] == nil {
			ended = append(ended, p)
		}
	}
	if len(ended) <= maxFinished {
		return
	}
	sort.Slice(ended, func(i, j int) bool { return ended[i].id < ended[j].id })
	for _, p := range ended[:len(ended)-maxFinished] {
		delete(t.all, p.id)
	}
}

func (m *Module) lookupProcess(arg []byte) (*process, error) {
	var id int
	if err := json.Unmarshal(arg, &id); err != nil {
		return nil, typeError("process id must be a number")
	}
	m.procs.mu.Lock()
	p := m.procs.all[id]
	m.procs.mu.Unlock()
	if p == nil {
		return nil, &jsError{name: "NotFound", msg: fmt.Sprintf("no process %d (ids come from processStart; results of long-finished processes are dropped)", id)}
	}
	return p, nil
}

// processWait is asynchronous: it settles when the program exits, or
// fails when the waiting call's deadline passes first.
func processWait(ctx context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	p, err := m.lookupProcess(arg)
	if err != nil {
		return nil, err
	}
	select {
	case <-p.done:
	case <-ctx.Done():
		return nil, &jsError{name: "TimeoutError", err: ctx.Err(), msg: fmt.Sprintf("processWait %d: the call's deadline passed", p.id)}
	}
	m.procs.mu.Lock()
	res := p.result
	m.procs.mu.Unlock()
	return json.Marshal(res)
}

func processStop(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	p, err := m.lookupProcess(arg)
	if err != nil {
		return nil, err
	}
	p.cancel()
	return nil, nil
}

// environment is the scrubbed environment of a program: a few variables
// programs need, the host's values of those the manifest lists under env,
// and values the module sets for names the manifest lists. Names that load
// code or that the runtime sets (manifest.RefusedEnv) are never taken from
// the manifest, even from one that was not parsed by manifest.Parse (an
// embedder's literal, or a record written before Parse refused them).
func (m *Module) environment(set map[string]string) ([]string, error) {
	allowed := map[string]bool{}
	var granted []string
	for _, k := range m.m.Permissions.Env {
		if manifest.RefusedEnv(k) == "" {
			allowed[k] = true
			granted = append(granted, k)
		}
	}
	vars := map[string]string{}
	for _, k := range append(baseEnv, granted...) {
		if v, ok := os.LookupEnv(k); ok {
			vars[k] = v
		}
	}
	for k, v := range set {
		if why := manifest.RefusedEnv(k); why != "" {
			return nil, &caps.DeniedError{Capability: "env", Value: k, Reason: why}
		}
		if !allowed[k] {
			return nil, &caps.DeniedError{Capability: "env", Value: k, Grantable: true}
		}
		if strings.ContainsAny(k, "=\x00") || strings.IndexByte(v, 0) >= 0 {
			return nil, typeError("processStart: invalid environment variable %q", k)
		}
		vars[k] = v
	}
	env := make([]string, 0, len(vars))
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	sort.Strings(env)
	return env, nil
}

// workDir resolves a module's cwd: a directory inside the app root (the
// app root itself by default), checked like a path the module reads.
func (m *Module) workDir(cwd string) (string, error) {
	root := m.h.cfg.AppRoot
	if root == "" {
		if cwd != "" {
			return "", &caps.DeniedError{Capability: "run", Value: cwd, Reason: "the runtime has no app root"}
		}
		return os.TempDir(), nil
	}
	if cwd == "" {
		cwd = "."
	}
	rel, err := caps.CleanPath(cwd)
	if err != nil {
		return "", err
	}
	if m.fs != nil {
		if fi, err := m.fs.Stat(cwd); err == nil && !fi.IsDir {
			return "", typeError("processStart: cwd %q is not a directory", cwd)
		}
	}
	abs, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return "", guestError("processStart cwd", cwd, err)
	}
	base, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(base, abs); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", &caps.DeniedError{Capability: "run", Value: cwd, Reason: "the working directory leaves the app root"}
	}
	return abs, nil
}

// scrubPath keeps the host's absolute program path out of a module's error.
func scrubPath(err error, path, name string) string {
	return strings.ReplaceAll(err.Error(), path, name)
}

// outputCap is the output budget stdout and stderr of one program share.
type outputCap struct {
	mu      sync.Mutex
	limit   int64
	used    int64
	dropped bool
}

// cappedBuffer keeps what fits in its outputCap and drops the rest, so a
// program that floods its output costs memory only up to the limit and is
// never blocked on a full pipe.
type cappedBuffer struct {
	cap *outputCap
	buf bytes.Buffer
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	c := b.cap
	c.mu.Lock()
	defer c.mu.Unlock()
	n := int64(len(p))
	if room := c.limit - c.used; n > room {
		n = max(room, 0)
		c.dropped = true
	}
	b.buf.Write(p[:n])
	c.used += n
	return len(p), nil
}

func (b *cappedBuffer) String() string {
	b.cap.mu.Lock()
	defer b.cap.mu.Unlock()
	return b.buf.String()
}

func (b *cappedBuffer) truncated() bool {
	b.cap.mu.Lock()
	defer b.cap.mu.Unlock()
	return b.cap.dropped
}
