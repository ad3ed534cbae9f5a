package jsengine

import (
	"bytes"
	"context"
	"testing"
)

// Nothing an instance wrote is readable by a later one, whose memory may
// reuse the closed instance's address space (wasmhost's reservation pool):
// a secret spread over megabytes of one instance's memory is found in no
// page of the instances made after it closed, read up to the largest size
// the first one reached.
func TestClosedInstanceSecretNotVisible(t *testing.T) {
	ctx := context.Background()
	secret := []byte("corets-secret-7f3a9c")
	for round := 0; round < 3; round++ {
		a, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "a", Output: func(string, string) {}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Eval(ctx, `globalThis.s = []; for (let i = 0; i < 2000; i++) s.push("`+string(secret)+`" + i + "x".repeat(1000)); s.length`); err != nil {
			t.Fatal(err)
		}
		size := a.mod.Memory().Size()
		if all, _ := a.mod.Memory().Read(0, size); !bytes.Contains(all, secret) {
			t.Fatal("the secret is not in the first instance's memory: the test proves nothing")
		}
		a.Close()

		for i := 0; i < 2; i++ {
			b, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "b", Output: func(string, string) {}})
			if err != nil {
				t.Fatal(err)
			}
			mem := b.mod.Memory()
			if cur := mem.Size(); cur < size {
				if _, ok := mem.Grow((size - cur + 65535) / 65536); !ok {
					t.Fatal("cannot grow the second instance's memory")
				}
			}
			all, _ := mem.Read(0, mem.Size())
			if j := bytes.Index(all, secret); j >= 0 {
				t.Fatalf("round %d: a new instance reads the closed one's secret at %#x", round, j)
			}
			b.Close()
		}
	}
}
