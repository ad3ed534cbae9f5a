package caps

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Scope says whose a store group is.
type Scope int

const (
	// Own groups belong to the calling module alone; they need no grant.
	Own Scope = iota
	// Shared groups are listed under permissions.store and shared between
	// the modules that list them.
	Shared
)

func (s Scope) String() string {
	switch s {
	case Own:
		return "own"
	case Shared:
		return "shared"
	}
	return fmt.Sprintf("Scope(%d)", int(s))
}

// MaxGroupLen is the longest store group name, in bytes.
const MaxGroupLen = 128

// CheckGroup says whose a store group is. Groups starting with "_" are the
// runtime's: a *DeniedError no grant lifts. An empty name, one longer than
// MaxGroupLen bytes, invalid UTF-8 or a control character is an error
// matching ErrInvalid. A group listed in shared (exactly) is Shared;
// anything else is the module's Own.
func CheckGroup(group string, shared []string) (Scope, error) {
	if err := validGroup(group); err != nil {
		return Own, err
	}
	if group[0] == '_' {
		return Own, &DeniedError{Capability: "store", Value: group, Reason: "groups beginning with _ are reserved for the runtime"}
	}
	for _, s := range shared {
		if s == group {
			return Shared, nil
		}
	}
	return Own, nil
}

func validGroup(group string) error {
	switch {
	case group == "":
		return invalidf("store group %s is invalid: it is empty", quote(group))
	case len(group) > MaxGroupLen:
		return invalidf("store group %s is invalid: it is longer than %d bytes", quote(group), MaxGroupLen)
	case !utf8.ValidString(group):
		return invalidf("store group %s is invalid: it is not valid UTF-8", quote(group))
	}
	for _, r := range group {
		if unicode.IsControl(r) {
			return invalidf("store group %s is invalid: it contains a control character", quote(group))
		}
	}
	return nil
}

// CheckStoreGrants validates the manifest's permissions.store list: every
// entry must be a valid group name and none may begin with "_". An error
// names permissions.store[i].
func CheckStoreGrants(shared []string) error {
	for i, g := range shared {
		if err := validGroup(g); err != nil {
			return fmt.Errorf("permissions.store[%d]: %w", i, err)
		}
		if g[0] == '_' {
			return fmt.Errorf("permissions.store[%d] %s: groups beginning with _ are reserved for the runtime", i, quote(g))
		}
	}
	return nil
}
