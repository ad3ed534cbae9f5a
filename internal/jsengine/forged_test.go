package jsengine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// The guest's imports from "corets" (interrupt, call, take, lookup) are
// meant to be called by bridge.c only, but code that escapes QuickJS's
// sandbox could call them with any values. These tests call the real
// handlers through wazero, as a guest would, with forged values: each must
// answer with an error reply or do nothing, never panic the host, and act
// only on the calling instance, whose identity and memory come from the
// host's context and never from an argument.
//
// The forged calls are made by a second wasm module, built below, that
// imports the same four functions and exports them unchanged. It is called
// from inside a host function of the instance under test, on the instance's
// own goroutine and during a real run, with the instance's context: exactly
// the situation of a guest calling its imports.

// forgerWasm is a module importing corets.{interrupt,call,take,lookup} and
// exporting a function of the same name and type that calls each.
func forgerWasm() []byte {
	vec := func(items ...[]byte) []byte {
		out := []byte{byte(len(items))}
		for _, it := range items {
			out = append(out, it...)
		}
		return out
	}
	name := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	section := func(id byte, body []byte) []byte {
		if len(body) > 127 {
			panic("forgerWasm: section too long for a one-byte size")
		}
		return append([]byte{id, byte(len(body))}, body...)
	}
	const i32, i64, fn = 0x7f, 0x7e, 0x60
	types := vec(
		[]byte{fn, 0, 1, i32},                     // interrupt() i32
		[]byte{fn, 4, i32, i32, i32, i32, 1, i64}, // call(fn, ptr, len, kind) i64
		[]byte{fn, 1, i32, 0},                     // take(dst)
		[]byte{fn, 2, i32, i32, 1, i32},           // lookup(ptr, len) i32
	)
	names := []string{"interrupt", "call", "take", "lookup"}
	params := []int{0, 4, 1, 2}
	var imports, exports, code [][]byte
	for i, n := range names {
		imports = append(imports, append(append(name("corets"), name(n)...), 0, byte(i)))
		exports = append(exports, append(name(n), 0, byte(len(names)+i)))
		body := []byte{0} // no locals
		for p := 0; p < params[i]; p++ {
			body = append(body, 0x20, byte(p)) // local.get p
		}
		body = append(body, 0x10, byte(i), 0x0b) // call import i; end
		code = append(code, append([]byte{byte(len(body))}, body...))
	}
	out := []byte{0, 'a', 's', 'm', 1, 0, 0, 0}
	out = append(out, section(1, types)...)
	out = append(out, section(2, vec(imports...))...)
	out = append(out, section(3, vec([]byte{0}, []byte{1}, []byte{2}, []byte{3}))...)
	out = append(out, section(7, vec(exports...))...)
	out = append(out, section(10, vec(code...))...)
	return out
}

// forgedState is the engine the forged-call tests share, with host
// functions of their own and the forger module instantiated in its
// runtime.
type forgedState struct {
	e      *Engine
	forger api.Module

	mu    sync.Mutex
	hooks map[*Instance]func(*Instance) error
	seen  []string // "fn:module" for every call of a recording function
}

var forgedOnce = sync.OnceValues(func() (*forgedState, error) {
	s := &forgedState{hooks: map[*Instance]func(*Instance) error{}}
	record := func(fn string, c *Caller) {
		s.mu.Lock()
		s.seen = append(s.seen, fn+":"+c.Module())
		s.mu.Unlock()
	}
	funcs := []HostFunc{
		// forged.run runs the test's hook for the calling instance.
		{Name: "forged.run", Fn: func(_ context.Context, c *Caller, _ []byte) ([]byte, error) {
			s.mu.Lock()
			hook := s.hooks[c.inst]
			s.mu.Unlock()
			if hook == nil {
				return nil, errors.New("no hook")
			}
			return nil, hook(c.inst)
		}},
		{Name: "forged.echo", Fn: func(_ context.Context, c *Caller, arg []byte) ([]byte, error) {
			record("echo", c)
			return append([]byte(nil), arg...), nil
		}},
		{Name: "forged.who", Fn: func(_ context.Context, c *Caller, _ []byte) ([]byte, error) {
			record("who", c)
			return []byte(c.Module()), nil
		}},
		{Name: "forged.big", Fn: func(context.Context, *Caller, []byte) ([]byte, error) {
			return bytes.Repeat([]byte{0xA5}, scratchCap+1000), nil
		}},
		{Name: "forged.async", Async: true, Fn: func(ctx context.Context, c *Caller, arg []byte) ([]byte, error) {
			record("async", c)
			return append([]byte(c.Module()+":"), arg...), nil
		}},
		{Name: "forged.block", Async: true, Fn: func(ctx context.Context, c *Caller, arg []byte) ([]byte, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}},
		{Name: "forged.panic", Fn: func(context.Context, *Caller, []byte) ([]byte, error) {
			var m map[string]int
			m["boom"]++ // a host function with a bug
			return nil, nil
		}},
		{Name: "forged.asyncPanic", Async: true, Fn: func(context.Context, *Caller, []byte) ([]byte, error) {
			panic("an asynchronous host function with a bug")
		}},
	}
	glue := `(host) => {
		for (const name of ["run", "echo", "who", "panic", "asyncPanic"]) {
			const id = host.lookup("forged." + name);
			globalThis["forged_" + name] = (arg) => host.call(id, arg);
		}
	}`
	ctx := context.Background()
	e, err := New(ctx, Config{HostFuncs: funcs, Extensions: []Extension{{Name: "forged-glue.js", Source: glue}}})
	if err != nil {
		return nil, err
	}
	s.e = e
	compiled, err := e.rt.Compile(ctx, forgerWasm())
	if err != nil {
		return nil, fmt.Errorf("compiling the forger: %w", err)
	}
	s.forger, err = e.rt.Wazero().InstantiateModule(ctx, compiled, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return nil, fmt.Errorf("instantiating the forger: %w", err)
	}
	return s, nil
})

func forgedEngine(tb testing.TB) *forgedState {
	tb.Helper()
	s, err := forgedOnce()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// forgedOutput collects an instance's console lines.
type forgedOutput struct {
	mu    sync.Mutex
	lines []string
}

func (o *forgedOutput) write(level, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.lines = append(o.lines, level+": "+text)
}

func (o *forgedOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return strings.Join(o.lines, "\n")
}

func (s *forgedState) instance(t *testing.T, cfg InstanceConfig) (*Instance, *forgedOutput) {
	t.Helper()
	out := &forgedOutput{}
	cfg.Output = out.write
	in, err := s.e.NewInstance(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		s.mu.Lock()
		delete(s.hooks, in)
		s.mu.Unlock()
	})
	return in, out
}

// forge calls one of the forger's exports with the values given, as the
// guest of the instance whose context ctx is.
func (s *forgedState) forge(ctx context.Context, imp string, args ...uint64) (uint64, error) {
	f := s.forger.ExportedFunction(imp) // a Function of its own: not shared between goroutines
	res, err := f.Call(ctx, args...)
	if err != nil {
		return 0, err
	}
	if len(res) == 0 {
		return 0, nil
	}
	return res[0], nil
}

// during runs hook inside a host call of in, during a run, on in's
// goroutine, and returns what the hook returned.
func (s *forgedState) during(t *testing.T, in *Instance, hook func(*Instance) error) error {
	t.Helper()
	var hookErr error
	s.mu.Lock()
	s.hooks[in] = func(in *Instance) error { hookErr = hook(in); return nil }
	s.mu.Unlock()
	if _, err := in.Eval(context.Background(), `forged_run()`); err != nil {
		t.Fatalf("the run that forges: %v", err)
	}
	return hookErr
}

// u32 is how a guest's i32 reaches the host: its two's-complement bits.
func u32(v int64) uint64 { return uint64(uint32(v)) }

func replyKind(r uint64) int32 { return int32(uint32(r >> 32)) }
func replyLen(r uint64) uint32 { return uint32(r) }

// scratchReply reads a reply written to the scratch buffer.
func scratchReply(in *Instance, r uint64) string {
	b, ok := in.mod.Memory().Read(in.scratch, replyLen(r))
	if !ok {
		return "<unreadable>"
	}
	return string(b)
}

func (s *forgedState) funcID(name string) uint64 { return u32(int64(s.e.byName[name])) }

func TestForgedHostCalls(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	echo, async, block := s.funcID("forged.echo"), s.funcID("forged.async"), s.funcID("forged.block")
	nFuncs := int64(len(s.e.funcs))

	// want describes the reply of call().
	type want struct {
		kind int32
		text string // a substring of the reply in the scratch buffer
		len  int64  // -1: any
	}
	errReply := func(text string) want { return want{kind: hcError, text: text, len: -1} }
	const oob = "host call argument out of bounds"

	type forged struct {
		name string
		imp  string
		// args are computed from the instance: mem is the size of its
		// memory, scratch its scratch buffer.
		args func(mem, scratch uint32) []uint64
		want want
		cfg  InstanceConfig
		fill bool // take the one pending-operation slot cfg allows first
	}
	callArgs := func(fn uint64, ptr, n, kind int64) func(uint32, uint32) []uint64 {
		return func(uint32, uint32) []uint64 { return []uint64{fn, u32(ptr), u32(n), u32(kind)} }
	}
	atEnd := func(fn uint64, n, kind int64) func(uint32, uint32) []uint64 {
		return func(mem, _ uint32) []uint64 { return []uint64{fn, uint64(mem), u32(n), u32(kind)} }
	}
	cases := []forged{
		// unknown function ids
		{name: "fn -1", imp: "call", args: callArgs(u32(-1), 0, 0, hcString), want: errReply("no host function with id -1")},
		{name: "fn MinInt32", imp: "call", args: callArgs(u32(math.MinInt32), 0, 0, hcString), want: errReply("no host function with id -2147483648")},
		{name: "fn one past the last", imp: "call", args: callArgs(u32(nFuncs), 0, 0, hcString), want: errReply(fmt.Sprintf("no host function with id %d", nFuncs))},
		{name: "fn MaxInt32", imp: "call", args: callArgs(u32(math.MaxInt32), 0, 0, hcString), want: errReply("no host function with id 2147483647")},

		// pointers and lengths
		{name: "in bounds", imp: "call", args: callArgs(echo, 0, 16, hcString), want: want{kind: hcString, len: 16}},
		{name: "empty at the end of memory", imp: "call", args: atEnd(echo, 0, hcString), want: want{kind: hcUndefined, len: 0}},
		{name: "one byte past the end", imp: "call", args: atEnd(echo, 1, hcString), want: errReply(oob)},
		{name: "ptr -1", imp: "call", args: callArgs(echo, -1, 1, hcString), want: errReply(oob)},
		{name: "ptr MinInt32", imp: "call", args: callArgs(echo, math.MinInt32, 16, hcBytes), want: errReply(oob)},
		{name: "len -1", imp: "call", args: callArgs(echo, 0, -1, hcString), want: errReply(oob)},
		{name: "len MaxInt32", imp: "call", args: callArgs(echo, 0, math.MaxInt32, hcBytes), want: errReply(oob)},
		{name: "ptr+len wraps 32 bits", imp: "call", args: callArgs(echo, 0xFFFFFFF0, 0x20, hcString), want: errReply(oob)},
		{name: "ptr+len wraps to exactly 2^32", imp: "call", args: callArgs(echo, 0x80000000, 0x80000000, hcString), want: errReply(oob)},
		{name: "the whole memory", imp: "call", args: func(mem, _ uint32) []uint64 { return []uint64{echo, 0, uint64(mem), hcBytes} },
			want: want{kind: hcString, len: -1}},
		{name: "undefined kind ignores a bad pointer", imp: "call", args: callArgs(echo, -1, -1, hcUndefined), want: want{kind: hcUndefined, len: 0}},

		// kinds out of range: read as a payload, checked like one
		{name: "kind -1", imp: "call", args: callArgs(echo, 0, 8, -1), want: want{kind: hcString, len: 8}},
		{name: "kind 5", imp: "call", args: callArgs(echo, 0, 8, 5), want: want{kind: hcString, len: 8}},
		{name: "kind MaxInt32", imp: "call", args: callArgs(echo, 0, 8, math.MaxInt32), want: want{kind: hcString, len: 8}},
		{name: "kind MinInt32 with a bad pointer", imp: "call", args: callArgs(echo, -1, 8, math.MinInt32), want: errReply(oob)},
		{name: "kind async as an argument", imp: "call", args: callArgs(echo, 0, 8, hcAsync), want: want{kind: hcString, len: 8}},
		{name: "kind error as an argument", imp: "call", args: callArgs(echo, 0, 8, hcError), want: want{kind: hcString, len: 8}},

		// asynchronous functions
		{name: "async, bad pointer", imp: "call", args: callArgs(async, -16, 64, hcString), want: errReply(oob)},
		{name: "async, wrapping pointer", imp: "call", args: callArgs(async, 0xFFFFFFFF, 2, hcBytes), want: errReply(oob)},
		{name: "async, in bounds", imp: "call", args: callArgs(async, 0, 4, hcBytes), want: want{kind: hcAsync, len: -1}},
		{name: "async beyond MaxPendingOps", imp: "call", fill: true, cfg: InstanceConfig{MaxPendingOps: 1, Timeout: time.Second},
			args: callArgs(block, 0, 0, hcUndefined), want: errReply("too many pending host operations (limit 1)")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := c.cfg
			cfg.Name = "forger"
			in, out := s.instance(t, cfg)
			err := s.during(t, in, func(in *Instance) error {
				mem := in.mod.Memory().Size()
				if c.fill {
					if r, err := s.forge(in.wctx, "call", block, 0, 0, hcUndefined); err != nil || replyKind(r) != hcAsync {
						return fmt.Errorf("filling the pending operations: %x, %v", r, err)
					}
				}
				r, err := s.forge(in.wctx, c.imp, c.args(mem, in.scratch)...)
				if err != nil {
					return fmt.Errorf("the host trapped or panicked: %v", err)
				}
				if k := replyKind(r); k != c.want.kind {
					return fmt.Errorf("reply kind %d (%q), want %d", k, scratchReply(in, r), c.want.kind)
				}
				if c.want.len >= 0 && int64(replyLen(r)) != c.want.len {
					return fmt.Errorf("reply length %d, want %d", replyLen(r), c.want.len)
				}
				if c.want.text != "" && !strings.Contains(scratchReply(in, r), c.want.text) {
					return fmt.Errorf("reply %q, want it to contain %q", scratchReply(in, r), c.want.text)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			forgedStillWorks(t, in, out)
		})
	}
}

// forgedStillWorks checks that an instance that forged calls is alive and
// answers, and that the host still makes working instances.
func forgedStillWorks(t *testing.T, in *Instance, out *forgedOutput) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := in.Wait(ctx); err != nil {
		t.Fatalf("waiting for the forged operations: %v (output %q)", err, out)
	}
	if res, err := in.Eval(ctx, `forged_echo("still here")`); err != nil || string(res.Value) != `"still here"` {
		t.Fatalf("after forged calls the instance answers %s, %v (output %q)", res.Value, err, out)
	}
	if in.Err() != nil {
		t.Fatalf("the instance died: %v", in.Err())
	}
	s := forgedEngine(t)
	other, _ := s.instance(t, InstanceConfig{Name: "bystander"})
	if res, err := other.Eval(ctx, `forged_who()`); err != nil || string(res.Value) != `"bystander"` {
		t.Fatalf("a new instance answers %s, %v", res.Value, err)
	}
}

// An asynchronous operation the bridge never asked for settles into the
// bridge's "unknown asynchronous operation", reported and survived.
func TestForgedAsyncOperationSettles(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	in, out := s.instance(t, InstanceConfig{Name: "forger"})
	var ids []uint32
	err := s.during(t, in, func(in *Instance) error {
		for i := range 3 {
			r, err := s.forge(in.wctx, "call", s.funcID("forged.async"), 0, uint64(i), hcBytes)
			if err != nil || replyKind(r) != hcAsync {
				return fmt.Errorf("forged async call %d: %x, %v", i, r, err)
			}
			ids = append(ids, replyLen(r))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	forgedStillWorks(t, in, out)
	if n := strings.Count(out.String(), "unknown asynchronous operation"); n != len(ids) {
		t.Errorf("%d forged operations (ids %v) settled with %d reports; output:\n%s", len(ids), ids, n, out)
	}
	if in.ops.inFlight != 0 {
		t.Errorf("%d operations still counted in flight", in.ops.inFlight)
	}
}

func TestForgedTake(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	big := s.funcID("forged.big")
	const marker = "untouched marker"
	cases := []struct {
		name    string
		pending bool
		dst     func(mem uint32) uint32
	}{
		{name: "nothing pending, dst 0", dst: func(uint32) uint32 { return 0 }},
		{name: "nothing pending, dst -1", dst: func(uint32) uint32 { return math.MaxUint32 }},
		{name: "nothing pending, dst at the end", dst: func(mem uint32) uint32 { return mem }},
		{name: "pending, dst -1", pending: true, dst: func(uint32) uint32 { return math.MaxUint32 }},
		{name: "pending, dst wraps 32 bits", pending: true, dst: func(uint32) uint32 { return math.MaxUint32 - 100 }},
		{name: "pending, dst straddles the end", pending: true, dst: func(mem uint32) uint32 { return mem - 10 }},
		{name: "pending, dst at the end", pending: true, dst: func(mem uint32) uint32 { return mem }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, out := s.instance(t, InstanceConfig{Name: "forger"})
			err := s.during(t, in, func(in *Instance) error {
				m := in.mod.Memory()
				mem := m.Size()
				// a marker where a valid take would write, to see that a
				// forged take wrote nothing and left nothing pending
				probe := mem - uint32(len(marker))
				saved, _ := m.Read(probe, uint32(len(marker)))
				saved = append([]byte(nil), saved...)
				defer m.Write(probe, saved)
				m.WriteString(probe, marker)
				if c.pending {
					r, err := s.forge(in.wctx, "call", big, 0, 0, hcUndefined)
					if err != nil || replyKind(r) != hcString || replyLen(r) <= scratchCap {
						return fmt.Errorf("making a reply pending: %x, %v", r, err)
					}
				}
				if _, err := s.forge(in.wctx, "take", uint64(c.dst(mem))); err != nil {
					return fmt.Errorf("the host trapped or panicked: %v", err)
				}
				if in.take != nil {
					return errors.New("a failed take left the reply pending")
				}
				// nothing is pending now: a valid take writes nothing
				if _, err := s.forge(in.wctx, "take", uint64(probe)); err != nil {
					return err
				}
				if got, _ := m.Read(probe, uint32(len(marker))); string(got) != marker {
					return fmt.Errorf("memory at the probe changed to %q", got)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			forgedStillWorks(t, in, out)
		})
	}
}

func TestForgedLookup(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	const name = "forged.echo"
	cases := []struct {
		name string
		args func(mem, at uint32) (uint64, uint64) // at: where name is written
		want int32
	}{
		{"a real name", func(_, at uint32) (uint64, uint64) { return uint64(at), uint64(len(name)) }, s.e.byName[name]},
		{"a prefix of a name", func(_, at uint32) (uint64, uint64) { return uint64(at), uint64(len(name) - 1) }, -1},
		{"a name and its NUL", func(_, at uint32) (uint64, uint64) { return uint64(at), uint64(len(name) + 1) }, -1},
		{"empty", func(_, at uint32) (uint64, uint64) { return uint64(at), 0 }, -1},
		{"ptr -1", func(_, _ uint32) (uint64, uint64) { return math.MaxUint32, 4 }, -1},
		{"len -1", func(_, at uint32) (uint64, uint64) { return uint64(at), math.MaxUint32 }, -1},
		{"ptr+len wraps", func(_, _ uint32) (uint64, uint64) { return 0xFFFFFFF0, 0x20 }, -1},
		{"one past the end", func(mem, _ uint32) (uint64, uint64) { return uint64(mem), 1 }, -1},
		{"empty at the end", func(mem, _ uint32) (uint64, uint64) { return uint64(mem), 0 }, -1},
		{"the whole memory", func(mem, _ uint32) (uint64, uint64) { return 0, uint64(mem) }, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, out := s.instance(t, InstanceConfig{Name: "forger"})
			err := s.during(t, in, func(in *Instance) error {
				m := in.mod.Memory()
				at := in.scratch
				m.WriteString(at, name)
				m.WriteByte(at+uint32(len(name)), 0)
				p, n := c.args(m.Size(), at)
				r, err := s.forge(in.wctx, "lookup", p, n)
				if err != nil {
					return fmt.Errorf("the host trapped or panicked: %v", err)
				}
				if int32(uint32(r)) != c.want {
					return fmt.Errorf("lookup answered %d, want %d", int32(uint32(r)), c.want)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			forgedStillWorks(t, in, out)
		})
	}
}

// interrupt() takes no argument; a guest calling it at will gets a
// countdown and cannot stop anything or extend its own limits.
func TestForgedInterrupt(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	in, out := s.instance(t, InstanceConfig{Name: "forger", Fuel: 50_000_000})
	err := s.during(t, in, func(in *Instance) error {
		deadline := in.run.deadline
		for range 10000 {
			r, err := s.forge(in.wctx, "interrupt")
			if err != nil {
				return fmt.Errorf("the host trapped or panicked: %v", err)
			}
			if n := int32(uint32(r)); n < 1 || n > maxCountdown {
				return fmt.Errorf("countdown %d", n)
			}
		}
		if !in.run.deadline.Equal(deadline) {
			return errors.New("forged interrupts moved the deadline")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	forgedStillWorks(t, in, out)

	// Calling interrupt does not buy time: fuel still ends a loop.
	if _, err := in.Eval(context.Background(), `for (;;) {}`); !errors.Is(err, ErrFuel) {
		t.Errorf("an endless loop after forged interrupts: %v, want ErrFuel", err)
	}
}

// Identity and memory come from the host's context: a guest that names
// another module, or points at addresses where another instance keeps a
// secret, reaches only itself.
func TestForgedIdentityAndMemory(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	a, aOut := s.instance(t, InstanceConfig{Name: "alpha"})
	b, _ := s.instance(t, InstanceConfig{Name: "beta", Data: "beta's data"})

	// beta keeps a secret at an address alpha has too (both start from
	// the same image, so addresses coincide), near the top of memory,
	// in free heap. beta is idle: its memory is written from here,
	// between its runs.
	const secret = "beta's secret, never alpha's"
	at := b.mod.Memory().Size() - 2*scratchCap
	if !b.mod.Memory().WriteString(at, secret) {
		t.Fatal("writing beta's secret")
	}

	s.mu.Lock()
	s.seen = nil
	s.mu.Unlock()
	err := s.during(t, a, func(in *Instance) error {
		m := in.mod.Memory()
		if m.Size() < at+2*scratchCap {
			return fmt.Errorf("alpha's memory (%d bytes) is smaller than beta's", m.Size())
		}
		// "who", with arguments naming beta
		m.WriteString(in.scratch, "beta")
		r, err := s.forge(in.wctx, "call", s.funcID("forged.who"), uint64(in.scratch), 4, hcString)
		if err != nil {
			return err
		}
		if got := scratchReply(in, r); got != "alpha" {
			return fmt.Errorf("who answered %q to alpha naming beta", got)
		}
		// the address of beta's secret, read through alpha
		r, err = s.forge(in.wctx, "call", s.funcID("forged.echo"), uint64(at), uint64(len(secret)), hcBytes)
		if err != nil {
			return err
		}
		if replyKind(r) != hcString || replyLen(r) != uint32(len(secret)) {
			return fmt.Errorf("echo of the secret's address: kind %d len %d", replyKind(r), replyLen(r))
		}
		if got := scratchReply(in, r); got == secret {
			return errors.New("alpha read beta's memory")
		}
		// a take aimed at the secret's address writes alpha's memory
		// (restored afterwards: it is alpha's free heap)
		saved, _ := m.Read(at, 2*scratchCap)
		saved = append([]byte(nil), saved...)
		defer m.Write(at, saved)
		if r, err := s.forge(in.wctx, "call", s.funcID("forged.big"), 0, 0, hcUndefined); err != nil || replyLen(r) <= scratchCap {
			return fmt.Errorf("making a reply pending: %x, %v", r, err)
		}
		if _, err := s.forge(in.wctx, "take", uint64(at)); err != nil {
			return err
		}
		if got, _ := m.Read(at, 4); !bytes.Equal(got, []byte{0xA5, 0xA5, 0xA5, 0xA5}) {
			return fmt.Errorf("the take did not write alpha's memory: %x", got)
		}
		// and an asynchronous call is alpha's too
		r, err = s.forge(in.wctx, "call", s.funcID("forged.async"), uint64(in.scratch), 4, hcString)
		if err != nil || replyKind(r) != hcAsync {
			return fmt.Errorf("async: %x, %v", r, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Other tests share the engine and run in parallel: only the calls
	// made as alpha or beta are this test's.
	s.mu.Lock()
	var mine []string
	for _, e := range s.seen {
		if strings.HasSuffix(e, ":alpha") || strings.HasSuffix(e, ":beta") {
			mine = append(mine, e)
		}
	}
	s.mu.Unlock()
	if seen := strings.Join(mine, " "); seen != "who:alpha echo:alpha async:alpha" {
		t.Errorf("host functions saw the callers %q, want alpha every time", seen)
	}
	forgedStillWorks(t, a, aOut)
	if got, _ := b.mod.Memory().Read(at, uint32(len(secret))); string(got) != secret {
		t.Errorf("beta's memory changed to %q", got)
	}
	// beta is unaffected and still itself
	if res, err := b.Eval(context.Background(), `forged_who("alpha")`); err != nil || string(res.Value) != `"beta"` {
		t.Errorf("beta answers %s, %v", res.Value, err)
	}
}

// A call into the host functions with a context that is no instance's
// (which no guest can arrange: the context is the host's) fails that call
// only: wazero turns the handler's panic into an error.
func TestForgedCallWithoutInstance(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	for _, imp := range []string{"interrupt", "call", "take", "lookup"} {
		args := map[string][]uint64{"interrupt": nil, "call": {0, 0, 0, hcUndefined}, "take": {0}, "lookup": {0, 0}}[imp]
		if _, err := s.forge(context.Background(), imp, args...); err == nil {
			t.Errorf("%s without an instance succeeded", imp)
		}
	}
	in, out := s.instance(t, InstanceConfig{Name: "after"})
	forgedStillWorks(t, in, out)
}

// A host function that panics (a bug in the host function, reached with
// whatever argument) ends the calling instance with ErrCrashed; others go
// on. This is the boundary's last line for synchronous functions.
func TestForgedSyncHostPanicKillsOnlyThatInstance(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	in, _ := s.instance(t, InstanceConfig{Name: "victim"})
	_, err := in.Eval(context.Background(), `forged_panic("x")`)
	if !errors.Is(err, ErrCrashed) {
		t.Fatalf("a panicking host function: %v, want ErrCrashed", err)
	}
	// the same through a forged call, with a forged argument
	in2, _ := s.instance(t, InstanceConfig{Name: "forger"})
	err = s.during(t, in2, func(in *Instance) error {
		_, err := s.forge(in.wctx, "call", s.funcID("forged.panic"), math.MaxUint32, math.MaxUint32, hcUndefined)
		if err == nil {
			return errors.New("a panicking host function returned normally")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	other, out := s.instance(t, InstanceConfig{Name: "bystander"})
	forgedStillWorks(t, other, out)
}

// An asynchronous host function runs on a goroutine of its own. If it
// panics, nothing recovers it (loop.go, onCall's `go func()`), and the whole
// host process would die, not just the instance; onCall's goroutine turns
// the panic into an error for that operation. The test runs a child
// process so a regression cannot take the test binary down.
func TestForgedAsyncHostPanicKillsOnlyThatInstance(t *testing.T) {
	t.Parallel()
	if os.Getenv("CORETS_FORGED_CHILD") == "1" {
		s := forgedEngine(t)
		in, _ := s.instance(t, InstanceConfig{Name: "victim"})
		_, err := in.Eval(context.Background(), `forged_asyncPanic("x")`)
		fmt.Println("eval:", err)
		in.Wait(context.Background())
		fmt.Println("survived; instance error:", in.Err())
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestForgedAsyncHostPanicKillsOnlyThatInstance$", "-test.v")
	cmd.Env = append(os.Environ(), "CORETS_FORGED_CHILD=1")
	outb, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(outb, []byte("survived")) {
		t.Fatalf("the host process died: %v\n%s", err, outb)
	}
}

// The forged path and the bridge's own path reach the same handler with
// the same result: the forger exercises what the guest really calls.
func TestForgedAgreesWithBridge(t *testing.T) {
	t.Parallel()
	s := forgedEngine(t)
	in, _ := s.instance(t, InstanceConfig{Name: "agree"})
	res, err := in.Eval(context.Background(), `forged_echo("héllo")`)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	if err := json.Unmarshal(res.Value, &got); err != nil || got != "héllo" {
		t.Fatalf("the bridge's echo: %s, %v", res.Value, err)
	}
	err = s.during(t, in, func(in *Instance) error {
		in.mod.Memory().WriteString(in.scratch, "héllo")
		r, err := s.forge(in.wctx, "call", s.funcID("forged.echo"), uint64(in.scratch), uint64(len("héllo")), hcString)
		if err != nil {
			return err
		}
		if got := scratchReply(in, r); got != "héllo" || replyKind(r) != hcString {
			return fmt.Errorf("the forged echo: kind %d %q", replyKind(r), got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// FuzzForgedImports calls one of the imports with fuzzed values, with a
// fuzzed payload in the scratch buffer for pointers to find, from inside a
// real run. Every host function but the test's own blocking and panicking
// ones can be reached, the built-ins (console, timer.set, timer.clear)
// among them, so their decoding of guest bytes is fuzzed too. Nothing may
// trap or panic, and the instance must answer afterwards.
//
// Long run: go test ./jsengine -run '^$' -fuzz FuzzForgedImports -fuzztime 5m
func FuzzForgedImports(f *testing.F) {
	s := forgedEngine(f)
	echo := uint32(s.e.byName["forged.echo"])
	for _, c := range []struct {
		sel        uint8
		a, b, c, d uint32
		payload    string
	}{
		{1, uint32(s.e.byName["console"]), 0, 10, hcString, "warn\thello"},
		{1, uint32(s.e.byName["timer.set"]), 0, 6, hcString, "7,1000"},
		{1, uint32(s.e.byName["timer.set"]), 0, 24, hcString, "-2147483649,9999999999999"},
		{1, uint32(s.e.byName["timer.clear"]), 0, 1, hcString, "7"},
		{1, echo, 0, 4, hcBytes, "abcd"},
		{1, uint32(s.e.byName["forged.big"]), 0, 0, hcUndefined, ""},
		{1, uint32(s.e.byName["forged.async"]), 0, 3, hcString, "xyz"},
		{1, math.MaxUint32, math.MaxUint32, math.MaxUint32, math.MaxUint32, ""},
		{2, 0, 0, 0, 0, ""},
		{2, math.MaxUint32 - 10, 0, 0, 0, ""},
		{3, 0, 11, 0, 0, "forged.echo"},
		{3, 0xFFFFFFF0, 0x20, 0, 0, ""},
		{0, 0, 0, 0, 0, ""},
	} {
		f.Add(c.sel, c.a, c.b, c.c, c.d, []byte(c.payload))
	}
	refused := map[int32]bool{}
	for _, n := range []string{"forged.run", "forged.block", "forged.panic", "forged.asyncPanic"} {
		refused[s.e.byName[n]] = true
	}
	f.Fuzz(func(t *testing.T, sel uint8, a, b, c, d uint32, payload []byte) {
		imp := []string{"interrupt", "call", "take", "lookup"}[sel%4]
		if imp == "call" && refused[int32(a)] {
			a = echo
		}
		if len(payload) > scratchCap {
			payload = payload[:scratchCap]
		}
		in, out := s.instance(t, InstanceConfig{Name: "fuzz", Timeout: 5 * time.Second, MemoryLimit: 8 << 20})
		err := s.during(t, in, func(in *Instance) error {
			m := in.mod.Memory()
			m.Write(in.scratch, payload)
			// pointers are mostly relative to the payload, sometimes raw
			at := func(p uint32) uint64 {
				if p&0x80000000 != 0 {
					return uint64(p)
				}
				return uint64(in.scratch + p%(scratchCap+16))
			}
			var args []uint64
			switch imp {
			case "call":
				args = []uint64{uint64(a), at(b), uint64(c), uint64(d)}
			case "take":
				args = []uint64{at(a)}
			case "lookup":
				args = []uint64{at(a), uint64(b)}
			}
			r, err := s.forge(in.wctx, imp, args...)
			if err != nil {
				return fmt.Errorf("%s%v trapped or panicked: %v", imp, args, err)
			}
			if imp == "call" {
				if k := replyKind(r); k < hcString || k > hcAsync {
					return fmt.Errorf("%s%v replied with kind %d", imp, args, k)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if res, err := in.Eval(ctx, `forged_echo("alive")`); err != nil || string(res.Value) != `"alive"` {
			t.Fatalf("after %s(%d, %d, %d, %d) the instance answers %s, %v\n%s", imp, a, b, c, d, res.Value, err, out)
		}
	})
}
