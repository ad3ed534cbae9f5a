package jsengine

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"time"
)

// builtinFuncs are the host functions the prelude itself uses.
func builtinFuncs() []HostFunc {
	return []HostFunc{
		{Name: "console", Fn: consoleFunc},
		{Name: "timer.set", Fn: timerSet},
		{Name: "timer.clear", Fn: timerClear},
		{Name: "crypto.subtle", Fn: subtleFunc, Binary: true},
		{Name: "intl.tz", Fn: intlTZ},
		{Name: "intl.numsyms", Fn: intlNumSyms},
		{Name: "intl.plural", Fn: intlPlural},
		{Name: "intl.collate", Fn: intlCollate},
		{Name: "zstream", Fn: zstreamFunc, Binary: true},
		{Name: "text.encoding", Fn: textEncoding},
		{Name: "text.decode", Fn: textDecode},
		{Name: "intl.dates", Fn: intlDates},
		{Name: "intl.numdata", Fn: intlNumData},
	}
}

var errBadTimer = errors.New("malformed timer request")

// consoleFunc receives "level\ttext".
func consoleFunc(_ context.Context, c *Caller, arg []byte) ([]byte, error) {
	level, text, ok := bytes.Cut(arg, []byte{'\t'})
	if !ok {
		level, text = []byte("log"), arg
	}
	switch string(level) {
	case "log", "info", "warn", "error", "debug":
	default:
		level = []byte("log")
	}
	c.inst.cfg.Output(string(level), string(text))
	return nil, nil
}

// timerSet receives "id,delayMs". Synchronous host functions run under the
// instance's lock, which guards the timer queue.
func timerSet(_ context.Context, c *Caller, arg []byte) ([]byte, error) {
	a, b, ok := bytes.Cut(arg, []byte{','})
	if !ok {
		return nil, errBadTimer
	}
	id, err1 := strconv.ParseInt(string(a), 10, 32)
	ms, err2 := strconv.ParseInt(string(b), 10, 64)
	if err1 != nil || err2 != nil || ms < 0 {
		return nil, errBadTimer
	}
	if ms > int64(24*time.Hour/time.Millisecond)*365 {
		ms = int64(24*time.Hour/time.Millisecond) * 365
	}
	if !c.inst.timers.set(int32(id), time.Duration(ms)*time.Millisecond, c.budget) {
		return nil, rangeError("too many pending timers (limit " + strconv.Itoa(maxTimers) + ")")
	}
	return nil, nil
}

func timerClear(_ context.Context, c *Caller, arg []byte) ([]byte, error) {
	id, err := strconv.ParseInt(string(arg), 10, 32)
	if err != nil {
		return nil, errBadTimer
	}
	c.inst.timers.clear(int32(id))
	return nil, nil
}

type rangeError string

func (e rangeError) Error() string  { return string(e) }
func (e rangeError) JSName() string { return "RangeError" }
