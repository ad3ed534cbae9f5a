package kv

import (
	"testing"
)

func TestConflictErrorMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		e    ConflictError
		want string
	}{
		{ConflictError{"g", "k", 0, 4}, `store conflict on key "k" in group "g": expected it to be absent, it is at version 4`},
		{ConflictError{"g", "k", 3, 0}, `store conflict on key "k" in group "g": expected version 3, it does not exist`},
		{ConflictError{"g", "k", 3, 4}, `store conflict on key "k" in group "g": expected version 3, it is at version 4`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
