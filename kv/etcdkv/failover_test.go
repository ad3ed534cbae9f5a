package etcdkv_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/etcdkv"
)

// TestLeaderKilled: with the leader of 3 members killed, the store goes on
// through the other two (a call caught by the kill may fail with
// kv.ErrUnavailable, never hang), and keeps every acknowledged write.
func TestLeaderKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("3 members: not with -short")
	}
	c := etcdtest.Start(t, 3)
	db := open(t, etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "fo/", RequestTimeout: 2 * time.Second}, kv.Options{})
	p := db.Module("m", kv.Quota{})
	acked := map[string]uint64{}
	write := func(i int) {
		k := fmt.Sprint("k", i)
		for try := 0; ; try++ {
			v, err := p.Set("g", k, []byte(k))
			if err == nil {
				acked[k] = v
				return
			}
			if !errors.Is(err, kv.ErrUnavailable) && !errors.Is(err, kv.ErrLocked) || try == 30 {
				t.Fatalf("write %d, try %d: %v", i, try, err)
			}
			t.Logf("write %d, try %d: %v", i, try, err)
		}
	}
	for i := range 10 {
		write(i)
	}
	c.Kill(c.Leader())
	for i := 10; i < 20; i++ {
		write(i)
	}
	for k, v := range acked {
		var e kv.Entry
		var err error
		for try := 0; try < 30; try++ {
			if e, err = p.Get("g", k); !errors.Is(err, kv.ErrUnavailable) {
				break
			}
		}
		if err != nil || e.Version != v || string(e.Value) != k {
			t.Fatalf("acknowledged %s at version %d; read %+v %v", k, v, e, err)
		}
	}
	checkUsage(t, p)
}
