package kvtest

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/kv"
)

func testGetSetDelete(t *testing.T, open Opener) {
	p := open(t, kv.Options{}).Module("notes", kv.Quota{})
	type step struct {
		op      string // get, set, del
		key     string
		value   string
		want    string // value for get
		existed bool
		err     error
	}
	steps := []step{
		{op: "get", key: "a", err: kv.ErrNotFound},
		{op: "del", key: "a", existed: false},
		{op: "set", key: "a", value: "1"},
		{op: "get", key: "a", want: "1"},
		{op: "set", key: "a", value: "22"},
		{op: "get", key: "a", want: "22"},
		{op: "set", key: "empty", value: ""},
		{op: "get", key: "empty", want: ""},
		{op: "set", key: "ключ\x00\x01", value: "binary\xff\x00"},
		{op: "get", key: "ключ\x00\x01", want: "binary\xff\x00"},
		{op: "del", key: "a", existed: true},
		{op: "del", key: "a", existed: false},
		{op: "get", key: "a", err: kv.ErrNotFound},
		{op: "get", key: "", err: kv.ErrInvalid},
		{op: "set", key: "", err: kv.ErrInvalid},
		{op: "del", key: "\xff", err: kv.ErrInvalid},
	}
	var last uint64
	for i, s := range steps {
		switch s.op {
		case "get":
			e, err := p.Get("g", s.key)
			wantErr(t, err, s.err)
			if err == nil && (string(e.Value) != s.want || e.Key != s.key || e.Version == 0 || e.Value == nil) {
				t.Fatalf("step %d: Get = %+v, want value %q", i, e, s.want)
			}
		case "set":
			v, err := p.Set("g", s.key, []byte(s.value))
			wantErr(t, err, s.err)
			if err == nil {
				if v <= last {
					t.Fatalf("step %d: version %d after %d", i, v, last)
				}
				last = v
				if e := must(p.Get("g", s.key))(t); e.Version != v {
					t.Fatalf("step %d: Get version %d, Set returned %d", i, e.Version, v)
				}
			}
		case "del":
			existed, err := p.Delete("g", s.key)
			wantErr(t, err, s.err)
			if existed != s.existed {
				t.Fatalf("step %d: Delete existed = %v", i, existed)
			}
		}
	}
	checkUsage(t, p)
}

func testSetCopiesValue(t *testing.T, open Opener) {
	p := open(t, kv.Options{}).Shared(kv.Quota{})
	v := []byte("abc")
	must(p.Set("g", "k", v))(t)
	v[0] = 'X'
	e := must(p.Get("g", "k"))(t)
	if string(e.Value) != "abc" {
		t.Fatalf("stored value changed with the caller's slice: %q", e.Value)
	}
	e.Value[0] = 'Y'
	if e := must(p.Get("g", "k"))(t); string(e.Value) != "abc" {
		t.Fatalf("stored value changed with a returned slice: %q", e.Value)
	}
}

func testList(t *testing.T, open Opener) {
	p := open(t, kv.Options{}).Module("m", kv.Quota{})
	keys := []string{"a", "a/1", "a/2", "a/3", "a/30", "b", "b/1", "c", "é", "\U0001F600"}
	for _, k := range keys {
		must(p.Set("g", k, []byte("v:"+k)))(t)
	}
	tests := []struct {
		prefix, after string
		limit         int
		want          []string
		next          string
	}{
		{"", "", 0, keys, ""},
		{"", "", -5, keys, ""},
		{"", "", 5000, keys, ""},
		{"", "", 3, []string{"a", "a/1", "a/2"}, "a/2"},
		{"", "a/2", 3, []string{"a/3", "a/30", "b"}, "b"},
		{"", "b", 3, []string{"b/1", "c", "é"}, "é"},
		{"", "é", 3, []string{"\U0001F600"}, ""},
		{"", "\U0001F600", 3, nil, ""},
		{"a/", "", 0, []string{"a/1", "a/2", "a/3", "a/30"}, ""},
		{"a/", "", 4, []string{"a/1", "a/2", "a/3", "a/30"}, ""},
		{"a/", "", 2, []string{"a/1", "a/2"}, "a/2"},
		{"a/", "a/2", 2, []string{"a/3", "a/30"}, ""},
		{"a/", "a/25", 0, []string{"a/3", "a/30"}, ""}, // a cursor need not exist
		{"a/", "0", 0, []string{"a/1", "a/2", "a/3", "a/30"}, ""},
		{"a/", "b", 0, nil, ""},
		{"a/3", "", 0, []string{"a/3", "a/30"}, ""},
		{"zz", "", 0, nil, ""},
		{"a", "", 1, []string{"a"}, "a"},
	}
	for _, tt := range tests {
		got, next, err := p.List("g", tt.prefix, tt.after, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(keysOf(got), tt.want) || next != tt.next {
			t.Errorf("List(%q, %q, %d) = %q next %q, want %q next %q",
				tt.prefix, tt.after, tt.limit, keysOf(got), next, tt.want, tt.next)
		}
		for _, e := range got {
			if string(e.Value) != "v:"+e.Key || e.Version == 0 {
				t.Errorf("entry %+v", e)
			}
		}
	}

	// Paging with any limit visits every key once, in order.
	for limit := 1; limit <= len(keys)+1; limit++ {
		var seen []string
		after := ""
		for pages := 0; ; pages++ {
			page, next, err := p.List("g", "", after, limit)
			if err != nil {
				t.Fatal(err)
			}
			if pages > len(keys) {
				t.Fatal("paging does not end")
			}
			seen = append(seen, keysOf(page)...)
			if next == "" {
				break
			}
			after = next
		}
		if !slices.Equal(seen, keys) {
			t.Errorf("limit %d: paged %q", limit, seen)
		}
	}

	if got, next, err := p.List("nope", "", "", 0); err != nil || got != nil || next != "" {
		t.Errorf("List of a missing group = %v %q %v", got, next, err)
	}
	for _, bad := range []struct{ prefix, after string }{{"\xff", ""}, {"", "\xfe"}, {strings.Repeat("x", kv.MaxKeyBytesCeiling+1), ""}} {
		if _, _, err := p.List("g", bad.prefix, bad.after, 0); !errors.Is(err, kv.ErrInvalid) {
			t.Errorf("List(%q, %q) error = %v, want kv.ErrInvalid", bad.prefix, bad.after, err)
		}
	}
}

func testListByteBudget(t *testing.T, open Opener) {
	p := open(t, kv.Options{MaxListBytes: 100}).Module("m", kv.Quota{})
	for i := range 10 {
		must(p.Set("g", fmt.Sprint(i), make([]byte, 39)))(t) // 40 bytes each
	}
	page, next, err := p.List("g", "", "", 0)
	if err != nil || len(page) != 2 || next != "1" {
		t.Fatalf("first page %q next %q err %v, want 2 entries", keysOf(page), next, err)
	}
	// An entry larger than the budget still comes, alone.
	must(p.Set("big", "k", make([]byte, 500)))(t)
	must(p.Set("big", "l", make([]byte, 500)))(t)
	page, next, err = p.List("big", "", "", 0)
	if err != nil || len(page) != 1 || next != "k" {
		t.Fatalf("big page %q next %q err %v, want 1 entry", keysOf(page), next, err)
	}
}

func testPartitions(t *testing.T, open Opener) {
	db := open(t, kv.Options{})
	a, b := db.Module("a", kv.Quota{}), db.Module("b", kv.Quota{})
	must(a.Set("x", "k", []byte("from a")))(t)
	if _, err := b.Get("x", "k"); !errors.Is(err, kv.ErrNotFound) {
		t.Fatalf("module b sees module a's group: %v", err)
	}
	if g := must(b.Groups())(t); len(g) != 0 {
		t.Fatalf("module b groups %q", g)
	}
	must(b.Set("x", "k", []byte("from b")))(t)
	if e := must(a.Get("x", "k"))(t); string(e.Value) != "from a" {
		t.Fatalf("module a reads %q", e.Value)
	}
	// A code that extends another's is still another module.
	if _, err := db.Module("a/x", kv.Quota{}).Get("x", "k"); !errors.Is(err, kv.ErrNotFound) {
		t.Fatalf("module a/x: %v", err)
	}

	s1, s2 := db.Shared(kv.Quota{}), db.Shared(kv.Quota{Bytes: 1 << 20})
	must(s1.Set("x", "k", []byte("shared")))(t)
	if e := must(s2.Get("x", "k"))(t); string(e.Value) != "shared" {
		t.Fatalf("shared reads %q", e.Value)
	}
	if e := must(a.Get("x", "k"))(t); string(e.Value) != "from a" {
		t.Fatal("shared write reached a module")
	}
	sys := db.System()
	must(sys.Set("_modules", "a", []byte("installed")))(t)

	tests := []struct {
		name  string
		p     *kv.Partition
		group string
		err   error
	}{
		{"module own group", a, "x", nil},
		{"module reserved group", a, "_modules", kv.ErrInvalid},
		{"module bare underscore", a, "_", kv.ErrInvalid},
		{"shared group", s1, "settings", nil},
		{"shared reserved group", s1, "_modules", kv.ErrInvalid},
		{"system group", sys, "_modules", nil},
		{"system plain group", sys, "x", kv.ErrInvalid},
		{"system bare underscore", sys, "_", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.p.Set(tt.group, "k2", []byte("v"))
			wantErr(t, err, tt.err)
			_, err = tt.p.Get(tt.group, "k2")
			if tt.err != nil {
				wantErr(t, err, tt.err)
			}
			_, _, err = tt.p.List(tt.group, "", "", 0)
			wantErr(t, err, tt.err)
			_, err = tt.p.Delete(tt.group, "k2")
			wantErr(t, err, tt.err)
			v, err := tt.p.CompareAndSet(tt.group, "k3", nil, 0)
			wantErr(t, err, tt.err)
			wantErr(t, tt.p.CompareAndDelete(tt.group, "k3", v), tt.err)
		})
	}

	if g := must(sys.Groups())(t); !slices.Equal(g, []string{"_modules"}) {
		t.Fatalf("system groups %q", g)
	}
	if g := must(a.Groups())(t); !slices.Equal(g, []string{"x"}) {
		t.Fatalf("module a groups %q", g)
	}
}

func testNames(t *testing.T, open Opener) {
	long := strings.Repeat("n", kv.MaxNameBytes)
	tests := []struct {
		name string
		err  error
	}{
		{"g", nil},
		{"shared-settings", nil},
		{"ünïcödé 名前", nil},
		{long, nil},
		{long + "n", kv.ErrInvalid},
		{"", kv.ErrInvalid},
		{"a\x00b", kv.ErrInvalid},
		{"a\nb", kv.ErrInvalid},
		{"tab\t", kv.ErrInvalid},
		{"del\x7f", kv.ErrInvalid},
		{"c1\u0085", kv.ErrInvalid},
		{"\xff", kv.ErrInvalid},
		{"half\xe2\x82", kv.ErrInvalid},
	}
	db := open(t, kv.Options{})
	for _, tt := range tests {
		_, err := db.Module("m", kv.Quota{}).Set(tt.name, "k", nil)
		wantErr(t, err, tt.err)
		_, err = db.System().Set("_"+tt.name, "k", nil)
		switch want := tt.err; {
		case tt.name == "":
			wantErr(t, err, nil) // "_" alone is a valid system group
		case len(tt.name) == kv.MaxNameBytes:
			wantErr(t, err, kv.ErrInvalid) // one byte too long with the "_"
		default:
			wantErr(t, err, want)
		}
		// Module codes follow the same rules.
		_, err = db.Module(tt.name, kv.Quota{}).Set("g", "k", nil)
		wantErr(t, err, tt.err)
		if tt.err != nil {
			wantErr(t, db.DeleteModule(tt.name), tt.err)
		}
	}
	for _, code := range []string{"_", "_system"} {
		_, err := db.Module(code, kv.Quota{}).Usage()
		wantErr(t, err, kv.ErrInvalid)
		wantErr(t, db.DeleteModule(code), kv.ErrInvalid)
	}
	// Error messages quote hostile names safely and briefly.
	_, err := db.Module("m", kv.Quota{}).Set(strings.Repeat("\n", 10000), "k", nil)
	if msg := err.Error(); len(msg) > 400 || strings.Contains(msg, "\n") {
		t.Fatalf("message %q", msg)
	}
}

func testSizeLimits(t *testing.T, open Opener) {
	p := open(t, kv.Options{MaxKeyBytes: 16, MaxValueBytes: 100}).Module("m", kv.Quota{})
	tests := []struct {
		name  string
		key   string
		value int
		err   error
		msg   string
	}{
		{"largest key", strings.Repeat("k", 16), 1, nil, ""},
		{"key too long", strings.Repeat("k", 17), 1, kv.ErrTooLarge, "is 17 bytes, the limit is 16"},
		{"largest value", "v", 100, nil, ""},
		{"value too large", "v", 101, kv.ErrTooLarge, "store value is 101 bytes, the limit is 100"},
		{"empty value", "e", 0, nil, ""},
		{"invalid key", "\xc3", 1, kv.ErrInvalid, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Set("g", tt.key, make([]byte, tt.value))
			wantErr(t, err, tt.err)
			if err != nil && !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("message %q lacks %q", err, tt.msg)
			}
			_, err = p.CompareAndSet("g", tt.key, make([]byte, tt.value), 12345)
			if tt.err != nil {
				wantErr(t, err, tt.err)
			}
		})
	}
}

func testQuota(t *testing.T, open Opener) {
	db := open(t, kv.Options{})
	type step struct {
		op    string // set, del, cas
		key   string
		size  int // value bytes
		err   error
		usage kv.Usage
	}
	tests := []struct {
		name  string
		quota kv.Quota
		steps []step
	}{
		{"bytes", kv.Quota{Bytes: 20}, []step{
			{"set", "a", 9, nil, kv.Usage{Bytes: 10, Keys: 1}},
			{"set", "b", 9, nil, kv.Usage{Bytes: 20, Keys: 2}},
			{"set", "c", 0, kv.ErrQuota, kv.Usage{Bytes: 20, Keys: 2}},
			{"set", "a", 10, kv.ErrQuota, kv.Usage{Bytes: 20, Keys: 2}}, // overwrite needs 1 more
			{"set", "a", 4, nil, kv.Usage{Bytes: 15, Keys: 2}},          // overwrite shrinks
			{"set", "a", 9, nil, kv.Usage{Bytes: 20, Keys: 2}},          // and grows back
			{"del", "b", 0, nil, kv.Usage{Bytes: 10, Keys: 1}},
			{"set", "c", 9, nil, kv.Usage{Bytes: 20, Keys: 2}},
			{"cas", "d", 0, kv.ErrQuota, kv.Usage{Bytes: 20, Keys: 2}},
		}},
		{"keys", kv.Quota{Keys: 2}, []step{
			{"set", "a", 1000, nil, kv.Usage{Bytes: 1001, Keys: 1}},
			{"set", "b", 0, nil, kv.Usage{Bytes: 1002, Keys: 2}},
			{"set", "c", 0, kv.ErrQuota, kv.Usage{Bytes: 1002, Keys: 2}},
			{"set", "a", 5000, nil, kv.Usage{Bytes: 5002, Keys: 2}}, // overwrites need no key
			{"del", "a", 0, nil, kv.Usage{Bytes: 1, Keys: 1}},
			{"set", "c", 0, nil, kv.Usage{Bytes: 2, Keys: 2}},
		}},
		{"both", kv.Quota{Bytes: 10, Keys: 3}, []step{
			{"set", "a", 2, nil, kv.Usage{Bytes: 3, Keys: 1}},
			{"set", "b", 2, nil, kv.Usage{Bytes: 6, Keys: 2}},
			{"set", "c", 0, nil, kv.Usage{Bytes: 7, Keys: 3}},
			{"set", "d", 0, kv.ErrQuota, kv.Usage{Bytes: 7, Keys: 3}},
			{"set", "c", 4, kv.ErrQuota, kv.Usage{Bytes: 7, Keys: 3}},
			{"set", "c", 3, nil, kv.Usage{Bytes: 10, Keys: 3}},
		}},
		{"unlimited", kv.Quota{Bytes: -1}, []step{
			{"set", "a", 100000, nil, kv.Usage{Bytes: 100001, Keys: 1}},
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := db.Module(fmt.Sprint("q", i), tt.quota)
			for j, s := range tt.steps {
				before := content(t, p)
				var err error
				switch s.op {
				case "set":
					_, err = p.Set("g", s.key, make([]byte, s.size))
				case "cas":
					_, err = p.CompareAndSet("g", s.key, make([]byte, s.size), 0)
				case "del":
					_, err = p.Delete("g", s.key)
				}
				wantErr(t, err, s.err)
				if err != nil {
					var qe *kv.QuotaError
					if !errors.As(err, &qe) || qe.Partition != fmt.Sprintf("module %q", fmt.Sprint("q", i)) {
						t.Fatalf("step %d: %#v", j, err)
					}
					if after := content(t, p); fmt.Sprint(after) != fmt.Sprint(before) {
						t.Fatalf("step %d: a refused write changed the content", j)
					}
				}
				if u := must(p.Usage())(t); u != s.usage {
					t.Fatalf("step %d: usage %+v, want %+v", j, u, s.usage)
				}
				checkUsage(t, p)
			}
		})
	}

	// A refused write does not use up a version either.
	p := db.Module("seq", kv.Quota{Keys: 1})
	v1 := must(p.Set("g", "a", nil))(t)
	if _, err := p.Set("g", "b", nil); !errors.Is(err, kv.ErrQuota) {
		t.Fatal(err)
	}
	if v2 := must(p.Set("g", "a", nil))(t); v2 != v1+1 {
		t.Fatalf("version %d after %d", v2, v1)
	}

	// Shared quota counts all shared groups together.
	s := db.Shared(kv.Quota{Keys: 2})
	must(s.Set("one", "k", nil))(t)
	must(s.Set("two", "k", nil))(t)
	_, err := s.Set("three", "k", nil)
	wantErr(t, err, kv.ErrQuota)
	if g := must(s.Groups())(t); !slices.Equal(g, []string{"one", "two"}) {
		t.Fatalf("a refused write left group %q", g)
	}
	// A lowered quota still lets a partition shrink.
	must(db.Shared(kv.Quota{Keys: 1}).Delete("one", "k"))(t)
}

func testUsageExact(t *testing.T, open Opener) {
	db := open(t, kv.Options{NoSync: true})
	p := db.Module("m", kv.Quota{})
	r := uint32(1)
	rnd := func(n int) int { r = r*1664525 + 1013904223; return int(r>>8) % n }
	for range 2000 {
		g, k := fmt.Sprint("g", rnd(3)), fmt.Sprint("k", rnd(40))
		switch rnd(4) {
		case 0, 1:
			must(p.Set(g, k, make([]byte, rnd(50))))(t)
		case 2:
			must(p.Delete(g, k))(t)
		case 3:
			e, err := p.Get(g, k)
			if err == nil {
				p.CompareAndSet(g, k, append(e.Value, 'x'), e.Version)
			}
		}
	}
	checkUsage(t, p)
}

func testDeleteModule(t *testing.T, open Opener) {
	db := open(t, kv.Options{})
	a, b := db.Module("a", kv.Quota{}), db.Module("b", kv.Quota{})
	for _, g := range []string{"x", "y"} {
		must(a.Set(g, "k", []byte("v")))(t)
		must(b.Set(g, "k", []byte("v")))(t)
	}
	must(db.Shared(kv.Quota{}).Set("x", "k", nil))(t)
	if m := must(db.Modules())(t); !slices.Equal(m, []string{"a", "b"}) {
		t.Fatalf("modules %q", m)
	}
	last := must(a.Set("x", "k", []byte("v2")))(t)
	if err := db.DeleteModule("a"); err != nil {
		t.Fatal(err)
	}
	if g := must(a.Groups())(t); len(g) != 0 {
		t.Fatalf("groups left: %q", g)
	}
	if u := must(a.Usage())(t); u != (kv.Usage{}) {
		t.Fatalf("usage left: %+v", u)
	}
	if m := must(db.Modules())(t); !slices.Equal(m, []string{"b"}) {
		t.Fatalf("modules %q", m)
	}
	if len(content(t, b)) != 2 || len(content(t, db.Shared(kv.Quota{}))) != 1 {
		t.Fatal("DeleteModule touched another partition")
	}
	// The module comes back: no version it saw before.
	if v := must(a.Set("x", "k", nil))(t); v <= last {
		t.Fatalf("version %d after DeleteModule, had %d", v, last)
	}
	if err := db.DeleteModule("never-installed"); err != nil {
		t.Fatal(err)
	}
}

func testClosed(t *testing.T, open Opener) {
	db := open(t, kv.Options{})
	p := db.Module("m", kv.Quota{})
	must(p.Set("g", "k", nil))(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	bad := db.Module("_bad", kv.Quota{})
	calls := map[string]func() error{
		"Get":              func() error { _, err := p.Get("g", "k"); return err },
		"Set":              func() error { _, err := p.Set("g", "k", nil); return err },
		"Delete":           func() error { _, err := p.Delete("g", "k"); return err },
		"List":             func() error { _, _, err := p.List("g", "", "", 0); return err },
		"CompareAndSet":    func() error { _, err := p.CompareAndSet("g", "k", nil, 1); return err },
		"CompareAndDelete": func() error { return p.CompareAndDelete("g", "k", 1) },
		"kv.Usage":         func() error { _, err := p.Usage(); return err },
		"Groups":           func() error { _, err := p.Groups(); return err },
		"invalid args":     func() error { _, err := p.Set("_x", "", nil); return err },
		"new partition":    func() error { _, err := db.System().Get("_x", "k"); return err },
		"invalid module":   func() error { _, err := bad.Usage(); return err },
		"DeleteModule":     func() error { return db.DeleteModule("m") },
		"Modules":          func() error { _, err := db.Modules(); return err },
		"Close":            db.Close,
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, kv.ErrClosed) {
			t.Errorf("%s after Close: %v", name, err)
		}
	}
}

func testCompareAndSet(t *testing.T, open Opener) {
	p := open(t, kv.Options{}).Module("m", kv.Quota{})
	var v uint64 // the key's version as the test knows it
	type step struct {
		name    string
		op      string // cas, cad
		version func() uint64
		err     error
		current func() uint64 // for conflicts
	}
	zero := func() uint64 { return 0 }
	cur := func() uint64 { return v }
	stale := func() uint64 { return v - 1 }
	future := func() uint64 { return v + 100 }
	steps := []step{
		{"create if absent", "cas", zero, nil, nil},
		{"create again conflicts", "cas", zero, kv.ErrConflict, cur},
		{"stale version", "cas", stale, kv.ErrConflict, cur},
		{"future version", "cas", future, kv.ErrConflict, cur},
		{"current version", "cas", cur, nil, nil},
		{"current version again", "cas", cur, nil, nil},
		{"delete stale", "cad", stale, kv.ErrConflict, cur},
		{"delete expecting absent", "cad", zero, kv.ErrConflict, cur},
		{"delete current", "cad", cur, nil, nil},
		{"delete gone", "cad", func() uint64 { return 7 }, kv.ErrConflict, zero},
		{"delete absent expecting absent", "cad", zero, nil, nil},
		{"set absent with a version", "cas", func() uint64 { return 7 }, kv.ErrConflict, zero},
		{"recreate", "cas", zero, nil, nil},
	}
	for _, s := range steps {
		want := s.version()
		var err error
		switch s.op {
		case "cas":
			var nv uint64
			nv, err = p.CompareAndSet("g", "k", []byte(s.name), want)
			if err == nil {
				if nv <= v {
					t.Fatalf("%s: version %d after %d", s.name, nv, v)
				}
				v = nv
			}
		case "cad":
			err = p.CompareAndDelete("g", "k", want)
			if err == nil && want != 0 {
				v = 0
			}
		}
		wantErr(t, err, s.err)
		if err != nil {
			var ce *kv.ConflictError
			if !errors.As(err, &ce) {
				t.Fatalf("%s: %T %v", s.name, err, err)
			}
			if *ce != (kv.ConflictError{Group: "g", Key: "k", Expected: want, Current: s.current()}) {
				t.Fatalf("%s: %+v", s.name, *ce)
			}
		}
		e, gerr := p.Get("g", "k")
		switch {
		case v == 0 && !errors.Is(gerr, kv.ErrNotFound):
			t.Fatalf("%s: key exists: %+v %v", s.name, e, gerr)
		case v != 0 && (gerr != nil || e.Version != v):
			t.Fatalf("%s: Get = %+v %v, want version %d", s.name, e, gerr, v)
		}
	}
	checkUsage(t, p)
}

// Increment adds one to the decimal counter at group/key (0 when absent)
// with a compare-and-set loop, and says how many times it met another
// writer's change and tried again. Any error but a conflict ends it.
func Increment(p *kv.Partition, group, key string) (retried int, err error) {
	for ; ; retried++ {
		n, version := 0, uint64(0)
		e, err := p.Get(group, key)
		if err == nil {
			n, _ = strconv.Atoi(string(e.Value))
			version = e.Version
		} else if !errors.Is(err, kv.ErrNotFound) {
			return retried, err
		}
		_, err = p.CompareAndSet(group, key, []byte(strconv.Itoa(n+1)), version)
		if !errors.Is(err, kv.ErrConflict) {
			return retried, err
		}
	}
}

// TestCASCounter has 50 goroutines increment one counter with
// compare-and-set retry loops: no increment may be lost.
func testCASCounter(t *testing.T, open Opener) {
	const workers, each = 50, 20
	p := open(t, kv.Options{NoSync: true}).Shared(kv.Quota{})
	var wg sync.WaitGroup
	var conflicts sync.Map
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for range each {
				retried, err := Increment(p, "counters", "c")
				if err != nil {
					errs <- err
					return
				}
				if retried > 0 {
					conflicts.Store(w, true)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	e := must(p.Get("counters", "c"))(t)
	if string(e.Value) != strconv.Itoa(workers*each) {
		t.Fatalf("counter = %s, want %d", e.Value, workers*each)
	}
	if e.Version != workers*each {
		t.Fatalf("version = %d, want %d: a failed compare-and-set used a version", e.Version, workers*each)
	}
}

func testVersionsNeverRepeat(t *testing.T, open Opener) {
	db := open(t, kv.Options{})
	p := db.Module("m", kv.Quota{})
	seen := map[uint64]bool{}
	record := func(v uint64) {
		t.Helper()
		if seen[v] || v == 0 {
			t.Fatalf("version %d given twice", v)
		}
		seen[v] = true
	}
	for range 5 {
		record(must(p.Set("g", "k", []byte("x")))(t))
		record(must(p.Set("h", "k", []byte("x")))(t))
		record(must(p.CompareAndSet("g", "new", nil, 0))(t))
		must(p.Delete("g", "k"))(t)
		must(p.Delete("g", "new"))(t)
		must(p.Delete("h", "k"))(t) // the group and its bucket go too
		if err := db.DeleteModule("m"); err != nil {
			t.Fatal(err)
		}
	}
	// Old versions cannot be used against a recreated key.
	old := must(p.Set("g", "k", []byte("a")))(t)
	must(p.Delete("g", "k"))(t)
	must(p.Set("g", "k", []byte("b")))(t)
	if _, err := p.CompareAndSet("g", "k", []byte("c"), old); !errors.Is(err, kv.ErrConflict) {
		t.Fatalf("stale version after re-create: %v", err)
	}
}

// TestConcurrentMixed runs every operation on several partitions at once,
// for the race detector, then checks usage still adds up.
func testConcurrentMixed(t *testing.T, open Opener) {
	db := open(t, kv.Options{NoSync: true})
	parts := []*kv.Partition{db.Module("a", kv.Quota{Keys: 30}), db.Module("b", kv.Quota{}), db.Shared(kv.Quota{Bytes: 2000}), db.System()}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			r := uint32(w + 1)
			rnd := func(n int) int { r = r*1664525 + 1013904223; return int(r>>8) % n }
			for range 150 {
				pi := rnd(len(parts))
				p := parts[pi]
				g := []string{"x", "y"}[rnd(2)]
				if pi == len(parts)-1 { // the system partition
					g = "_" + g
				}
				k := strconv.Itoa(rnd(20))
				var err error
				switch rnd(7) {
				case 0:
					_, err = p.Set(g, k, make([]byte, rnd(100)))
				case 1:
					_, err = p.Delete(g, k)
				case 2:
					_, err = p.Get(g, k)
				case 3:
					_, _, err = p.List(g, "", "", 5)
				case 4:
					_, err = p.CompareAndSet(g, k, nil, uint64(rnd(3)))
				case 5:
					_, err = p.Groups()
				case 6:
					_, err = p.Usage()
				}
				if err != nil && !errors.Is(err, kv.ErrNotFound) && !errors.Is(err, kv.ErrConflict) && !errors.Is(err, kv.ErrQuota) {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, p := range parts {
		checkUsage(t, p)
	}
}

func wantErr(t testing.TB, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("error = %v, want %v", err, want)
	}
}

func keysOf(entries []kv.Entry) []string {
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.Key
	}
	return keys
}

// content is everything a partition holds, read through the public API.
func content(t testing.TB, p *kv.Partition) map[string][]kv.Entry {
	t.Helper()
	out := map[string][]kv.Entry{}
	for _, g := range must(p.Groups())(t) {
		after := ""
		for {
			page, next, err := p.List(g, "", after, 0)
			if err != nil {
				t.Fatal(err)
			}
			out[g] = append(out[g], page...)
			if next == "" {
				break
			}
			after = next
		}
	}
	return out
}

// checkUsage compares a partition's recorded usage with its content.
func checkUsage(t testing.TB, p *kv.Partition) {
	t.Helper()
	var want kv.Usage
	for _, entries := range content(t, p) {
		for _, e := range entries {
			want.Bytes += int64(len(e.Key) + len(e.Value))
			want.Keys++
		}
	}
	if got := must(p.Usage())(t); got != want {
		t.Fatalf("usage = %+v, content adds up to %+v", got, want)
	}
}
