package etcdkv_test

import (
	"fmt"
	"testing"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/etcdkv"
)

// The figures of a store on a 1-member cluster in this process (loopback,
// fsync off in the test cluster); compare kv's BenchmarkGet/Set for bbolt:
//
//	go test -run '^$' -bench . ./kv/etcdkv
func benchPartition(b *testing.B) *kv.Partition {
	return benchPartitionOn(b, etcdtest.Start(b, 1))
}

func benchPartitionOn(b *testing.B, c *etcdtest.Cluster) *kv.Partition {
	db := open(b, etcdkv.Config{Endpoints: c.Endpoints()}, kv.Options{})
	p := db.Module("bench", kv.Quota{Bytes: 1 << 40})
	value := make([]byte, 100)
	for i := range 1000 {
		if _, err := p.Set("g", fmt.Sprint(i), value); err != nil {
			b.Fatal(err)
		}
	}
	return p
}

func BenchmarkGet(b *testing.B) {
	p := benchPartition(b)
	i := 0
	for b.Loop() {
		if _, err := p.Get("g", fmt.Sprint(i%1000)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkSet(b *testing.B) {
	p := benchPartition(b)
	value := make([]byte, 100)
	i := 0
	for b.Loop() {
		if _, err := p.Set("g", fmt.Sprint(i%1000), value); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSetFsync is BenchmarkSet on a member that syncs its WAL, as a
// real one does: the figure to hold against bbolt's synced Set.
func BenchmarkSetFsync(b *testing.B) {
	p := benchPartitionOn(b, etcdtest.StartWith(b, 1, etcdtest.Options{Fsync: true}))
	value := make([]byte, 100)
	i := 0
	for b.Loop() {
		if _, err := p.Set("g", fmt.Sprint(i%1000), value); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkCompareAndSet(b *testing.B) {
	p := benchPartition(b)
	value := make([]byte, 100)
	v, err := p.Set("g", "c", value)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if v, err = p.CompareAndSet("g", "c", value, v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkList100(b *testing.B) {
	p := benchPartition(b)
	for b.Loop() {
		if entries, _, err := p.List("g", "", "", 100); err != nil || len(entries) != 100 {
			b.Fatal(len(entries), err)
		}
	}
}
