package main

import (
	"reflect"
	"testing"
)

func TestParseMeta(t *testing.T) {
	src := `// Copyright
/*---
esid: sec-x
description: >
  a description mentioning nothing special
includes: [propertyHelper.js, compareArray.js]
flags: [onlyStrict, async]
features:
  - Symbol.iterator
  - class-fields-private
negative:
  phase: parse
  type: SyntaxError
---*/
$DONOTEVALUATE();
`
	m, ok := ParseMeta(src)
	if !ok {
		t.Fatal("no frontmatter found")
	}
	if want := []string{"propertyHelper.js", "compareArray.js"}; !reflect.DeepEqual(m.Includes, want) {
		t.Errorf("includes %q, want %q", m.Includes, want)
	}
	if !m.Flags["onlyStrict"] || !m.Flags["async"] || len(m.Flags) != 2 {
		t.Errorf("flags %v", m.Flags)
	}
	if want := []string{"Symbol.iterator", "class-fields-private"}; !reflect.DeepEqual(m.Features, want) {
		t.Errorf("features %q, want %q", m.Features, want)
	}
	if m.Negative == nil || *m.Negative != (Negative{Phase: "parse", Type: "SyntaxError"}) {
		t.Errorf("negative %+v", m.Negative)
	}
	if !m.onlyStrict() || m.noStrict() {
		t.Error("strictness")
	}
	if got := Includes(m); !reflect.DeepEqual(got, []string{"sta.js", "assert.js", "propertyHelper.js", "compareArray.js", "doneprintHandle.js"}) {
		t.Errorf("Includes = %q", got)
	}
}

func TestParseMetaEdges(t *testing.T) {
	cases := []struct {
		name, src string
		ok        bool
		flags     []string
		includes  []string
	}{
		{"none", "var x = 1;", false, nil, nil},
		{"unterminated", "/*---\nflags: [raw]\n", false, nil, nil},
		{"raw is noStrict", "/*---\nflags: [raw]\n---*/", true, []string{"raw"}, nil},
		{"list over lines", "/*---\nincludes: [a.js,\n  b.js]\nflags: [noStrict]\n---*/", true, []string{"noStrict"}, []string{"a.js", "b.js"}},
		{"block list", "/*---\nincludes:\n  - a.js\n  - b.js\nflags: [module]\n---*/", true, []string{"module"}, []string{"a.js", "b.js"}},
		{"empty list", "/*---\nflags: []\n---*/", true, nil, nil},
		// run-test262 reads the first "/*-" comment that is not "/*-/"
		{"comment before", "/* not it */\n/*---\nflags: [CanBlockIsFalse]\n---*/", true, []string{"CanBlockIsFalse"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, ok := ParseMeta(c.src)
			if ok != c.ok {
				t.Fatalf("ok = %v", ok)
			}
			var flags []string
			for _, f := range []string{"raw", "noStrict", "onlyStrict", "module", "async", "CanBlockIsFalse"} {
				if m.Flags[f] {
					flags = append(flags, f)
				}
			}
			if !reflect.DeepEqual(flags, c.flags) || !reflect.DeepEqual(m.Includes, c.includes) {
				t.Errorf("flags %q includes %q, want %q %q", flags, m.Includes, c.flags, c.includes)
			}
		})
	}
	if m, _ := ParseMeta("/*---\nflags: [raw]\n---*/"); !m.noStrict() {
		t.Error("raw must count as noStrict, as run-test262 has it")
	}
}

func TestLoadConf(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/test262.conf"
	writeFile(t, file, `[config]
style=new
testdir=test262/test
harnessexclude=x.js
async=yes
module=no
[features]
Atomics
BigInt=yes
Temporal=skip
[exclude]
# comment
test262/test/built-ins/Date/
test262/test/language/a.js
elsewhere/b.js
`)
	c, err := LoadConf(file)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Features["Atomics"] || !c.Features["BigInt"] || c.Features["Temporal"] {
		t.Errorf("features %v", c.Features)
	}
	if !c.HarnessSkip["x.js"] || c.SkipAsync || !c.SkipModule {
		t.Errorf("config %+v", c)
	}
	for path, want := range map[string]bool{
		"test/built-ins/Date/now.js": true, "test/language/a.js": true,
		"test/language/b.js": false, "test/built-ins/DateX/a.js": false,
	} {
		if c.excluded(path) != want {
			t.Errorf("excluded(%s) = %v", path, !want)
		}
	}
	m, _ := ParseMeta("/*---\nfeatures: [Temporal]\n---*/")
	if !skip(m, c) {
		t.Error("a skipped feature must skip the test")
	}
	m, _ = ParseMeta("/*---\nfeatures: [NotInConf]\n---*/")
	if !skip(m, c) {
		t.Error("a feature the conf does not list must skip the test (run-test262 does)")
	}
	m, _ = ParseMeta("/*---\nfeatures: [Atomics]\nincludes: [y.js]\n---*/")
	if skip(m, c) {
		t.Error("a listed feature must run")
	}
	writeFile(t, file, "[config]\nstyle\n")
	if _, err := LoadConf(file); err == nil {
		t.Error("a [config] line without = must be an error")
	}
}
