package bundle

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// nestingShapes are the ways to make esbuild recurse, each n levels deep.
var nestingShapes = map[string]func(n int) string{
	"paren":   func(n int) string { return "export const x = " + rep("(", n) + "1" + rep(")", n) + ";\n" },
	"array":   func(n int) string { return "export const x = " + rep("[", n) + rep("]", n) + ";\n" },
	"object":  func(n int) string { return "export const x = " + rep("{a:", n) + "1" + rep("}", n) + ";\n" },
	"block":   func(n int) string { return rep("{", n) + rep("}", n) + "\nexport const x = 1;\n" },
	"not":     func(n int) string { return "export const x = " + rep("!", n) + "1;\n" },
	"minus":   func(n int) string { return "export const x = " + rep("- ", n) + "1;\n" },
	"typeof":  func(n int) string { return "export const x = " + rep("typeof ", n) + "1;\n" },
	"await":   func(n int) string { return "export const f = async () => " + rep("await ", n) + "1;\n" },
	"new":     func(n int) string { return "export const x = " + rep("new ", n) + "Object;\n" },
	"ternary": func(n int) string { return "let a = 1, b = 2;\nexport const x = " + rep("a ? b : ", n) + "1;\n" },
	"ternary-nl": func(n int) string {
		return "let a = 1, b = 2;\nexport const x = a\n" + rep("? b\n: a\n", n) + "? 1 : 2;\n"
	},
	"pow":       func(n int) string { return "export const x = " + rep("2 ** ", n) + "1;\n" },
	"assign":    func(n int) string { return "let a;\nexport const x = " + rep("a = ", n) + "1;\n" },
	"member":    func(n int) string { return "let a: any = {};\nexport const x = a" + rep(".b", n) + ";\n" },
	"member-nl": func(n int) string { return "let a: any = {};\nexport const x = a" + rep("\n.b", n) + ";\n" },
	"call":      func(n int) string { return "let a: any = () => a;\nexport const x = a" + rep("()", n) + ";\n" },
	"index":     func(n int) string { return "let a: any;\nexport const x = a" + rep("[0]", n) + ";\n" },
	"optional":  func(n int) string { return "let a: any;\nexport const x = a" + rep("?.b", n) + ";\n" },
	"nonnull":   func(n int) string { return "let a: any;\nexport const x = a" + rep("!", n) + ";\n" },
	"tagged":    func(n int) string { return "let a: any;\nexport const x = a" + rep("``", n) + ";\n" },
	"grouped": func(n int) string {
		return "let a: any;\nexport const x = " + rep("(", n) + "a" + rep(").b", n) + ";\n"
	},
	"arrow": func(n int) string { return "export const f = " + rep("a => ", n) + "1;\n" },
	"arrow-block": func(n int) string {
		return "export const f = " + rep("a => { return ", n) + "1" + rep("}", n) + ";\n"
	},
	"function": func(n int) string { return rep("function f() {", n) + rep("}", n) + "\nexport const x = 1;\n" },
	"template": func(n int) string { return "export const x = " + rep("`${", n) + "1" + rep("}`", n) + ";\n" },
	"else-if": func(n int) string {
		return "let a = 1;\nexport let x = 0;\n" + rep("if (a) x = 1; else ", n) + "x = 2;\n"
	},
	"else-if-block": func(n int) string {
		return "let a = 1;\nexport let x = 0;\n" + rep("if (a) { x = 1 } else ", n) + "{ x = 2 }\n"
	},
	"if-nl": func(n int) string { return "let a = 1;\nexport let x = 0;\n" + rep("if (a)\n", n) + "x = 2;\n" },
	"while": func(n int) string { return rep("while (0)\n", n) + ";\nexport const x = 1;\n" },
	"label": func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "l%d: ", i)
		}
		return b.String() + ";\nexport const x = 1;\n"
	},
	"class": func(n int) string {
		return "export const x = " + rep("class extends ", n) + "Object" + rep(" {}", n) + ";\n"
	},
	"yield":  func(n int) string { return "export function* g() { " + rep("yield ", n) + "1; }\n" },
	"spread": func(n int) string { return "export const x = " + rep("[...", n) + "[]" + rep("]", n) + ";\n" },
}

func rep(s string, n int) string { return strings.Repeat(s, n) }

// maxNesting is src's depth as the scanner counts it.
func maxNesting(src string) int {
	s := &depthScanner{src: []byte(src), limit: 1 << 30, arrowLimit: 1 << 30}
	s.push(lvBlock)
	s.run()
	return s.peak
}

// acceptedMax is the largest n for which gen(n) passes the scanner.
func acceptedMax(gen func(int) string) int {
	lo, hi := 1, 2*MaxNesting
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if scanNesting([]byte(gen(mid)), MaxNesting, MaxArrowNesting) == nil {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func TestScanNestingShapes(t *testing.T) {
	for name, gen := range nestingShapes {
		t.Run(name, func(t *testing.T) {
			ok := gen(20)
			if err := scanNesting([]byte(ok), MaxNesting, MaxArrowNesting); err != nil {
				t.Errorf("20 levels refused: %v", err)
			}
			d := maxNesting(gen(500))
			t.Logf("500 levels measured %d", d)
			bad := gen(5000)
			err := scanNesting([]byte(bad), MaxNesting, MaxArrowNesting)
			if err == nil {
				t.Fatalf("5000 levels accepted (measured %d)", d)
			}
		})
	}
}

// TestScanNestingRealCode measures real JavaScript: esbuild's own test
// scripts from the module cache, and the project's modules.
func TestScanNestingRealCode(t *testing.T) {
	var files []string
	if out, err := filepath.Glob(filepath.Join(os.Getenv("HOME"), "go/pkg/mod/github.com/evanw/esbuild@*/scripts/*.js")); err == nil {
		files = append(files, out...)
	}
	filepath.WalkDir("../../testdata", func(p string, d os.DirEntry, err error) error {
		if strings.Contains(filepath.ToSlash(p), "hostile/bundle-") {
			return nil // made to be refused
		}
		if err == nil && (strings.HasSuffix(p, ".ts") || strings.HasSuffix(p, ".js")) {
			files = append(files, p)
		}
		return nil
	})
	deepest, where := 0, ""
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if d := maxNesting(string(src)); d > deepest {
			deepest, where = d, f
		}
		if err := scanNesting(src, MaxNesting, MaxArrowNesting); err != nil {
			t.Errorf("%s refused: %v at %d:%d", f, err, err.Line, err.Column)
		}
	}
	t.Logf("%d files; deepest %d, in %s", len(files), deepest, where)
}

// TestBundleNestingRefused: every shape, nested far past the limit, is
// refused before esbuild parses it, with the file, line and column of the
// token that went too deep and the limit. On the old code the deep parens
// (the reviewer's 600 KB file) killed the test binary with "fatal error:
// stack overflow", and the rest bundled after seconds and hundreds of MB.
func TestBundleNestingRefused(t *testing.T) {
	cases := map[string]map[string]string{
		"parens-600k": {"main.ts": nestingShapes["paren"](300_000)},
		"json": {"main.ts": "import d from './lib/d.json';\nexport const x = d;\n",
			"lib/d.json": "{\"a\":\n" + rep("[", 5000) + rep("]", 5000) + "}"},
		"imported": {"main.ts": "export { x } from './lib/deep';\n", "lib/deep.ts": nestingShapes["not"](5000)},
		// JSX text hides the rest from the scanner; every tag counts
		"jsx": {"main.ts": "export { x } from './main.tsx';\n", "main.tsx": "export const x = " + rep("<a>'", 5000) + rep("</a>", 5000) + ";\n"},
	}
	for name, gen := range nestingShapes {
		cases[name] = map[string]string{"main.ts": gen(5000)}
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Build(writeBundleModule(t, files), Options{})
			if !errors.Is(err, ErrNestingTooDeep) {
				t.Fatalf("got %v, want ErrNestingTooDeep", err)
			}
			var be *Error
			if !errors.As(err, &be) || len(be.Messages) != 1 {
				t.Fatalf("want one message, got %v", err)
			}
			m := be.Messages[0]
			file := "main.ts"
			switch name {
			case "jsx":
				file = "main.tsx"
			case "json":
				file = "lib/d.json"
			case "imported":
				file = "lib/deep.ts"
			}
			if m.File != file || m.Line < 1 || m.Column < 1 || m.LineText == "" {
				t.Errorf("not located in %s: %+v", file, m)
			}
			limit := strconv.Itoa(MaxNesting)
			switch name {
			case "arrow", "arrow-block":
				limit = strconv.Itoa(MaxArrowNesting)
			case "jsx":
				limit = strconv.Itoa(MaxJSXTags)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "✘ [ERROR] ") || !strings.Contains(msg, fmt.Sprintf("\n    %s:%d:%d:\n", file, m.Line, m.Column)) || !strings.Contains(msg, limit) {
				t.Errorf("message lacks location or limit %s:\n%.400s", limit, msg)
			}
		})
	}
}

// TestBundleNestingAccepted: what real code does, nested a little, still
// bundles; so does each shape at a depth real code might reach.
func TestBundleNestingAccepted(t *testing.T) {
	for name, gen := range nestingShapes {
		t.Run(name, func(t *testing.T) {
			if _, err := Build(writeBundleModule(t, map[string]string{"main.ts": gen(30)}), Options{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// FuzzScanNesting: the scanner never panics, never reads past its input,
// and never reports less than the bracket depth alone.
func FuzzScanNesting(f *testing.F) {
	for _, gen := range nestingShapes {
		f.Add(gen(3))
	}
	f.Add("a = /[(]/ + `${x}` + '(' // (\n/* ( */ b")
	f.Add("`${`${`")
	f.Add("((") // unclosed brackets count too
	f.Fuzz(func(t *testing.T, src string) {
		scanNesting([]byte(src), 50, 10)
		if !strings.ContainsAny(src, "'\"`/") {
			depth, max := 0, 0
			for _, c := range src {
				switch c {
				case '(', '[', '{':
					depth++
					max = maxInt(max, depth)
				case ')', ']', '}':
					depth = maxInt(depth-1, 0)
				}
			}
			if got := maxNesting(src); got < max {
				t.Fatalf("measured %d, brackets alone nest %d", got, max)
			}
		}
	})
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// BenchmarkScanNesting is the scanner's speed on real code.
func BenchmarkScanNesting(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(os.Getenv("HOME"), "go/pkg/mod/github.com/evanw/esbuild@*/scripts/*.js"))
	var src []byte
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			src = append(src, data...)
			src = append(src, '\n')
		}
	}
	if len(src) == 0 {
		b.Skip("no esbuild scripts in the module cache")
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		scanNesting(src, 1<<30, 1<<30)
	}
}
