package kv

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameBytes is the longest group name or module code.
const MaxNameBytes = 128

// checkName checks a group name or module code: 1..MaxNameBytes bytes of
// UTF-8 without control characters, so it prints safely in errors and logs.
func checkName(what, name string) error {
	switch {
	case name == "":
		return errorf(ErrInvalid, "store %s name is empty", what)
	case len(name) > MaxNameBytes:
		return errorf(ErrInvalid, "store %s name %s is %d bytes, the limit is %d", what, quote(name), len(name), MaxNameBytes)
	case !utf8.ValidString(name):
		return errorf(ErrInvalid, "store %s name %s is not valid UTF-8", what, quote(name))
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return errorf(ErrInvalid, "store %s name %s contains a control character", what, quote(name))
	}
	return nil
}

func checkModuleCode(code string) error {
	if err := checkName("module", code); err != nil {
		return err
	}
	if strings.HasPrefix(code, "_") {
		return errorf(ErrInvalid, "store module name %s starts with \"_\", which is reserved for the runtime", quote(code))
	}
	return nil
}

// checkGroup checks a group name and that it belongs to the partition's
// namespace: "_" groups in System, all others outside it.
func (p *Partition) checkGroup(group string) error {
	if err := checkName("group", group); err != nil {
		return err
	}
	reserved := strings.HasPrefix(group, "_")
	if p.kind == kindSystem && !reserved {
		return errorf(ErrInvalid, "store group %s is not a system group: system group names start with \"_\"", quote(group))
	}
	if p.kind != kindSystem && reserved {
		return errorf(ErrInvalid, "store group %s is reserved: names starting with \"_\" belong to the runtime", quote(group))
	}
	return nil
}

// checkKey checks a key against limit: Options.MaxKeyBytes for writes, the
// ceiling for reads and deletes, so a key written under a larger setting
// can still be read and removed.
func checkKey(key string, limit int) error {
	switch {
	case key == "":
		return errorf(ErrInvalid, "store key is empty")
	case len(key) > limit:
		return errorf(ErrTooLarge, "store key %s is %d bytes, the limit is %d", quote(key), len(key), limit)
	case !utf8.ValidString(key):
		return errorf(ErrInvalid, "store key %s is not valid UTF-8", quote(key))
	}
	return nil
}

func (db *DB) checkValue(value []byte) error {
	if len(value) > db.opt.MaxValueBytes {
		return errorf(ErrTooLarge, "store value is %d bytes, the limit is %d", len(value), db.opt.MaxValueBytes)
	}
	return nil
}

// checkCursor checks a List prefix or cursor: like a key, but may be empty.
func checkCursor(what, s string) error {
	switch {
	case len(s) > MaxKeyBytesCeiling:
		return errorf(ErrInvalid, "store list %s is %d bytes, longer than any key (%d)", what, len(s), MaxKeyBytesCeiling)
	case !utf8.ValidString(s):
		return errorf(ErrInvalid, "store list %s %s is not valid UTF-8", what, quote(s))
	}
	return nil
}

// quote quotes s for an error message, cut to a readable length: names in
// errors come from untrusted modules.
func quote(s string) string {
	const max = 64
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if cut == 0 {
		cut = max
	}
	return strconv.Quote(s[:cut]) + "..."
}
