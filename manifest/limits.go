package manifest

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Limits are the resource limits a manifest asks for. Zero means "not set":
// the embedder's (or the command line's) default applies; combine with Or.
type Limits struct {
	Memory        int64         // memory: bytes of wasm memory, 4MiB..4GiB; "64MiB", "512KB" or plain bytes
	Fuel          int64         // fuel: interrupt-counter steps per call
	Timeout       time.Duration // timeout: wall clock per call, a Go duration such as "30s", at most 24h
	ReadBytes     int64         // read_bytes: max bytes one file read returns
	WriteBytes    int64         // write_bytes: max bytes one file write takes
	FetchBytes    int64         // fetch_bytes: max response body bytes
	FetchRequests int           // fetch_requests: max network requests per call
	Processes     int           // processes: max processes running at once
	OutputBytes   int64         // output_bytes: max captured stdout+stderr per process
	StoreBytes    int64         // store_bytes: quota of the module's store partition
	StoreKeys     int64         // store_keys: max keys in the module's store partition
}

// Or returns l with every zero field taken from def.
func (l Limits) Or(def Limits) Limits {
	for _, s := range limitSpecs {
		if s.get(l) == 0 {
			s.set(&l, s.get(def))
		}
	}
	return l
}

// Bounds of the limits a manifest may ask for.
const (
	MinMemory  = 4 << 20
	MaxMemory  = 4 << 30
	MaxTimeout = 24 * time.Hour
	// maxCount keeps int limits the same on 32- and 64-bit platforms.
	maxCount = math.MaxInt32
)

type limitKind int

const (
	kindSize     limitKind = iota // ParseSize string or plain integer of bytes
	kindCount                     // plain integer
	kindDuration                  // Go duration string
)

// limitSpec describes one key under limits; the table drives parsing,
// validation and Or alike so they cannot drift apart.
type limitSpec struct {
	key      string
	kind     limitKind
	min, max int64
	get      func(Limits) int64
	set      func(*Limits, int64)
}

var limitSpecs = []limitSpec{
	{"memory", kindSize, MinMemory, MaxMemory,
		func(l Limits) int64 { return l.Memory }, func(l *Limits, v int64) { l.Memory = v }},
	{"fuel", kindCount, 1, math.MaxInt64,
		func(l Limits) int64 { return l.Fuel }, func(l *Limits, v int64) { l.Fuel = v }},
	{"timeout", kindDuration, 1, int64(MaxTimeout),
		func(l Limits) int64 { return int64(l.Timeout) }, func(l *Limits, v int64) { l.Timeout = time.Duration(v) }},
	{"read_bytes", kindSize, 1, math.MaxInt64,
		func(l Limits) int64 { return l.ReadBytes }, func(l *Limits, v int64) { l.ReadBytes = v }},
	{"write_bytes", kindSize, 1, math.MaxInt64,
		func(l Limits) int64 { return l.WriteBytes }, func(l *Limits, v int64) { l.WriteBytes = v }},
	{"fetch_bytes", kindSize, 1, math.MaxInt64,
		func(l Limits) int64 { return l.FetchBytes }, func(l *Limits, v int64) { l.FetchBytes = v }},
	{"fetch_requests", kindCount, 1, maxCount,
		func(l Limits) int64 { return int64(l.FetchRequests) }, func(l *Limits, v int64) { l.FetchRequests = int(v) }},
	{"processes", kindCount, 1, maxCount,
		func(l Limits) int64 { return int64(l.Processes) }, func(l *Limits, v int64) { l.Processes = int(v) }},
	{"output_bytes", kindSize, 1, math.MaxInt64,
		func(l Limits) int64 { return l.OutputBytes }, func(l *Limits, v int64) { l.OutputBytes = v }},
	{"store_bytes", kindSize, 1, math.MaxInt64,
		func(l Limits) int64 { return l.StoreBytes }, func(l *Limits, v int64) { l.StoreBytes = v }},
	{"store_keys", kindCount, 1, math.MaxInt64,
		func(l Limits) int64 { return l.StoreKeys }, func(l *Limits, v int64) { l.StoreKeys = v }},
}

func limitKeys() []string {
	keys := make([]string, len(limitSpecs))
	for i, s := range limitSpecs {
		keys[i] = s.key
	}
	return keys
}

// check reports why v is out of the spec's range, or "" when it is fine.
func (s limitSpec) check(v int64) string {
	if v >= s.min && v <= s.max {
		return ""
	}
	show := func(n int64) string { return strconv.FormatInt(n, 10) }
	switch s.kind {
	case kindSize:
		show = FormatSize
	case kindDuration:
		show = func(n int64) string { return time.Duration(n).String() }
	}
	if v < s.min {
		if s.min == 1 {
			return show(v) + " must be more than 0"
		}
		return show(v) + " is below the minimum of " + show(s.min)
	}
	return show(v) + " is above the maximum of " + show(s.max)
}

var sizeUnits = map[string]int64{
	"":    1,
	"b":   1,
	"kb":  1e3,
	"mb":  1e6,
	"gb":  1e9,
	"tb":  1e12,
	"kib": 1 << 10,
	"mib": 1 << 20,
	"gib": 1 << 30,
	"tib": 1 << 40,
}

// maxSizeText bounds ParseSize's input so its arithmetic stays small.
const maxSizeText = 64

// ParseSize parses a byte size: a decimal number, optionally followed by
// spaces and a unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB,
// TiB (powers of 1024), in any letter case. "65536", "64MiB", "64mib",
// "4 KiB" and "512KB" are sizes.
//
// A fraction is accepted when the result is a whole number of bytes
// ("1.5MiB" is 1572864; "1.5B" is an error). Signs, exponents, digit
// separators, other units and results above math.MaxInt64 are errors.
// "0" parses as 0; whether zero is acceptable is the caller's decision.
func ParseSize(s string) (int64, error) {
	bad := func(why string) (int64, error) {
		return 0, fmt.Errorf("invalid size %q: %s", truncate(s, maxSizeText), why)
	}
	if len(s) > maxSizeText {
		return bad("too long")
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return bad("empty; want a number and a unit such as 64MiB")
	}
	if t[0] == '-' {
		return bad("must not be negative")
	}
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	num, unit := t[:i], strings.TrimLeft(t[i:], " \t")
	whole, frac, dot := strings.Cut(num, ".")
	if whole == "" || dot && (frac == "" || strings.Contains(frac, ".")) {
		return bad("want a number and a unit such as 64MiB, 512KB or 65536")
	}
	mult, ok := sizeUnits[strings.ToLower(unit)]
	if !ok {
		return bad(fmt.Sprintf("unknown unit %q; use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB", unit))
	}
	n, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok {
		return bad("not a number")
	}
	n.Mul(n, big.NewInt(mult))
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(frac))), nil)
	q, r := n.QuoRem(n, den, new(big.Int))
	if r.Sign() != 0 {
		return bad("not a whole number of bytes")
	}
	if !q.IsInt64() {
		return bad("too large")
	}
	return q.Int64(), nil
}

// FormatSize writes n the way ParseSize reads it back: with the largest
// binary unit that divides it exactly ("64MiB"), else as plain bytes.
func FormatSize(n int64) string {
	if n > 0 {
		for _, u := range []struct {
			name string
			size int64
		}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
			if n%u.size == 0 {
				return strconv.FormatInt(n/u.size, 10) + u.name
			}
		}
	}
	return strconv.FormatInt(n, 10)
}

// truncate shortens s for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
