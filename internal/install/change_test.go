package install

import (
	"testing"

	"github.com/corets/corets-wasm/manifest"
)

func TestChangeString(t *testing.T) {
	t.Parallel()
	c := Change{Code: "notes", ToVersion: "2"}
	compareGrants(&c,
		grants{Permissions: map[string][]string{"read": {"./a/"}, "email": {"x@example.com"}}},
		grants{Permissions: map[string][]string{"read": {"./a/", "./b/", "./b/"}, "email": {"y@example.com"}, "env": {"HOME"}},
			Limits: limitsWithFuel(1 << 40)},
		limitsWithFuel(1_000_000_000))
	want := "notes (no version) -> 2 asks for more:\n  + read: ./b/\n  + env: HOME\n  + email: y@example.com\n  + limits.fuel: 1099511627776 (was 1000000000)"
	if got := c.String(); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if c.Removed["email"][0] != "x@example.com" {
		t.Fatalf("removed %v", c.Removed)
	}
	same := Change{Code: "notes"}
	compareGrants(&same, grants{}, grants{}, limitsWithFuel(1_000_000_000))
	if !same.Empty() || same.Added != nil || same.Removed != nil {
		t.Fatalf("no change: %+v", same)
	}
}

func limitsWithFuel(n int64) manifest.Limits { return manifest.Limits{Fuel: n} }
