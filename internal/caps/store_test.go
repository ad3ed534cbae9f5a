package caps

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckGroup(t *testing.T) {
	t.Parallel()
	shared := []string{"shared-settings", "team", "_runtime"}
	tests := []struct {
		group string
		scope Scope
		err   error // nil, ErrDenied or ErrInvalid
	}{
		{"settings", Own, nil},
		{"shared-settings", Shared, nil},
		{"team", Shared, nil},
		{"Team", Own, nil},
		{"team ", Own, nil},
		{"a/b", Own, nil},
		{"ключ", Own, nil},
		{strings.Repeat("g", MaxGroupLen), Own, nil},
		{"_", Own, ErrDenied},
		{"_runtime", Own, ErrDenied}, // listing it does not help
		{"_modules", Own, ErrDenied},
		{"", Own, ErrInvalid},
		{strings.Repeat("g", MaxGroupLen+1), Own, ErrInvalid},
		{"a\x00b", Own, ErrInvalid},
		{"a\nb", Own, ErrInvalid},
		{"a\u0085", Own, ErrInvalid},
		{"\xff", Own, ErrInvalid},
		{"\x00_x", Own, ErrInvalid},
	}
	for _, tc := range tests {
		scope, err := CheckGroup(tc.group, shared)
		if tc.err == nil {
			if err != nil || scope != tc.scope {
				t.Errorf("CheckGroup(%q) = %v, %v; want %v", tc.group, scope, err, tc.scope)
			}
			continue
		}
		if !errors.Is(err, tc.err) {
			t.Errorf("CheckGroup(%q) = %v, %v; want %v", tc.group, scope, err, tc.err)
		}
		var denied *DeniedError
		if errors.As(err, &denied) && denied.Grantable {
			t.Errorf("CheckGroup(%q): a runtime group looks grantable: %v", tc.group, err)
		}
	}
	if _, err := CheckGroup("_x", nil); err == nil || err.Error() != `store "_x" is refused: groups beginning with _ are reserved for the runtime` {
		t.Errorf("got %v", err)
	}
	if s, err := CheckGroup("x", nil); err != nil || s != Own || s.String() != "own" || Shared.String() != "shared" {
		t.Errorf("no grants: %v, %v", s, err)
	}

	if err := CheckStoreGrants([]string{"a", "b"}); err != nil {
		t.Error(err)
	}
	for _, bad := range [][]string{{"a", "_x"}, {"a", ""}, {"a", "x\x00"}} {
		if err := CheckStoreGrants(bad); err == nil || !strings.HasPrefix(err.Error(), "permissions.store[1]") {
			t.Errorf("CheckStoreGrants(%q) = %v", bad, err)
		}
	}
}
