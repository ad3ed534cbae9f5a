package bundle

// esbuild's parser, visitor and printer recurse once per level of the
// syntax tree, on a goroutine stack that Go grows up to 1 GB. A module file
// of a few hundred KB of nesting costs a gigabyte of host memory and a few
// more kill the whole process with "fatal error: stack overflow", which no
// recover() catches. So every input is measured here, before esbuild sees
// it, by a small scanner that over-estimates the depth of the tree esbuild
// would build, and refused past MaxNesting.
//
// The scanner is not a parser: it must never be fooled into a low figure,
// and may be pessimistic by a small factor on ordinary code. It knows
// strings, comments, regular expressions and template literals (so that
// brackets inside them do not count) and counts, per bracket level:
//
//   - right: right-nesting operators, each of which puts what follows one
//     level deeper: assignments, "=>", "?", ":", "**", "extends";
//   - cur: the operand being built: prefix operators (!, -, typeof, await,
//     new, ...), and postfix chains (a.b.c, a()()(), a[0][0], a?.b,
//     tagged templates), which esbuild nests to the left;
//   - stmt: statements nested without braces (if, else, while, for, do,
//     with), so "if(a)x;else if(b)x;else ..." counts every else.
//
// A comma ends right and cur (nothing nests across it), a semicolon or a
// line break where JavaScript inserts one ends all three (stmt survives
// when "else" follows), and a binary operator ends cur (esbuild folds left
// chains of binary operators without recursion, and measured 1+1+...+1 is
// cheap). A closed bracket leaves behind how deep it went, since what
// follows it continues the same chain: ((a.b).b).b is three deep.

import (
	"fmt"
	"strings"
)

// MaxNesting is how deep a module's source or JSON file may nest,
// as counted by the scanner above: every bracket level, plus the operators
// and statements nested within one. Hand-written code stays below 100;
// esbuild handles this depth in a few MB of stack.
const MaxNesting = 1000

// MaxArrowNesting bounds arrow functions nested in one another
// (a => b => ..., or through their bodies), which esbuild handles in time
// quadratic in their depth: 200 took half a second, 1,000 sixteen.
const MaxArrowNesting = 100

// MaxJSXTags bounds the "<" followed by a name or ">" in a .jsx or
// .tsx file. The scanner does not follow JSX (its text is not JavaScript),
// and esbuild nests elements recursively: 20,000 nested elements cost it
// 141 MB. Counting every such "<", whether an element, a type argument or
// a comparison, and never subtracting, cannot be fooled by text, strings or
// comments; real files stay far below it.
const MaxJSXTags = 4000

// scanJSXTags applies MaxJSXTags.
func scanJSXTags(src []byte, limit int) *nestingError {
	n := 0
	for i := 0; i+1 < len(src); i++ {
		if src[i] != '<' {
			continue
		}
		c := src[i+1]
		if c == '>' || c == '_' || c == '$' || c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
			if n++; n > limit {
				s := &depthScanner{src: src}
				e := s.errorAt(i)
				e.Limit, e.JSX = limit, true
				return e
			}
		}
	}
	return nil
}

// nestingError says where an input first went past a limit.
type nestingError struct {
	Line, Column int // 1-based line, 0-based byte column
	LineText     string
	Arrows       bool // the arrow function limit, not the nesting one
	JSX          bool // MaxJSXTags
	Limit        int
}

func (e *nestingError) Error() string {
	what := "nests more than %d levels deep (brackets, operators and statements within one another)"
	switch {
	case e.Arrows:
		what = "nests more than %d arrow functions within one another"
	case e.JSX:
		what = "has more than %d JSX tags or type arguments (\"<\" before a name)"
	}
	return fmt.Sprintf(what, e.Limit)
}

// scanNesting measures src against the limits; it returns nil when src
// stays within them. JSON goes through it too: its brackets and colons are
// JavaScript's.
func scanNesting(src []byte, limit, arrowLimit int) *nestingError {
	s := &depthScanner{src: src, limit: limit, arrowLimit: arrowLimit}
	s.push(lvBlock)
	s.run()
	return s.err
}

type levelKind uint8

const (
	lvBlock levelKind = iota // { in statement position, or the file
	lvGroup                  // ( [ { in operand position: its depth carries on
	lvCall                   // ( [ after an operand: call or index, one more
	lvCond                   // ( after if/while/for/with/switch/catch
	lvSubst                  // ${ in a template literal
)

type level struct {
	kind             levelKind
	right, cur, stmt int
	caseColon        bool // a case/default label's colon is due
	open, peak       int  // total when opened, deepest total seen inside
	arrows           int  // "=>" among right
}

type depthScanner struct {
	src               []byte
	i                 int
	limit, arrowLimit int
	arrows            int // sum over stack of arrows

	stack []level
	total int // sum over stack of 1 + right + cur + stmt
	peak  int // the deepest total seen

	// what the previous token was
	operandEnd   bool // an operand just ended: ( [ ` continue it, / divides
	prevStmtKw   bool // if/while/for/with/switch/catch: ( opens a condition
	pendingReset bool // a statement ended; stmt is kept only if else follows
	sawNewline   bool // a line break since the previous token
	tokStart     int

	err *nestingError
}

func (s *depthScanner) top() *level { return &s.stack[len(s.stack)-1] }

// add changes one of the top level's counters by d and checks the limit.
func (s *depthScanner) add(p *int, d int) {
	*p += d
	s.total += d
	if d > 0 {
		s.check()
	}
}

func (s *depthScanner) set(p *int, v int) { s.add(p, v-*p) }

func (s *depthScanner) check() {
	t := s.top()
	if s.total > t.peak {
		t.peak = s.total
	}
	if s.total > s.peak {
		s.peak = s.total
	}
	if s.err != nil {
		return
	}
	if s.total > s.limit {
		s.err = s.errorAt(s.tokStart)
		s.err.Limit = s.limit
	} else if s.arrows > s.arrowLimit {
		s.err = s.errorAt(s.tokStart)
		s.err.Limit, s.err.Arrows = s.arrowLimit, true
	}
}

// resetRight ends the right-nesting operators of the top level.
func (s *depthScanner) resetRight() {
	t := s.top()
	s.arrows -= t.arrows
	t.arrows = 0
	s.set(&t.right, 0)
}

func (s *depthScanner) errorAt(pos int) *nestingError {
	line, start := 1, 0
	for j := 0; j < pos && j < len(s.src); j++ {
		if s.src[j] == '\n' {
			line++
			start = j + 1
		}
	}
	end := start
	for end < len(s.src) && s.src[end] != '\n' && s.src[end] != '\r' {
		end++
	}
	return &nestingError{Line: line, Column: pos - start, LineText: string(s.src[start:end])}
}

func (s *depthScanner) push(k levelKind) {
	s.stack = append(s.stack, level{kind: k, open: s.total})
	s.total++
	s.top().peak = s.total
	s.check()
}

// pop closes the top level and carries its depth into the chain it
// belongs to.
func (s *depthScanner) pop() levelKind {
	if len(s.stack) == 1 {
		return lvBlock // an unmatched closer: esbuild will say so
	}
	c := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.total = c.open
	s.arrows -= c.arrows
	p := s.top()
	if c.peak > p.peak {
		p.peak = c.peak
	}
	rel := c.peak - c.open
	switch c.kind {
	case lvGroup, lvBlock:
		s.set(&p.cur, rel)
	case lvCall:
		s.set(&p.cur, max(p.cur, rel)+1)
	case lvSubst:
		s.set(&p.cur, max(p.cur, rel))
	}
	return c.kind
}

// endStatement is a semicolon or an inserted one.
func (s *depthScanner) endStatement() {
	t := s.top()
	s.resetRight()
	s.set(&t.cur, 0)
	t.caseColon = false
	s.pendingReset = true
}

func (s *depthScanner) run() {
	for s.err == nil {
		s.skipSpace()
		if s.i >= len(s.src) {
			return
		}
		s.tokStart = s.i
		s.token()
	}
}

// skipSpace skips white space and comments, noting line breaks.
func (s *depthScanner) skipSpace() {
	s.sawNewline = false
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n' || c == '\r':
			s.sawNewline = true
			s.i++
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			s.i++
		case c == '/' && s.i+1 < len(s.src) && s.src[s.i+1] == '/':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		case c == '/' && s.i+1 < len(s.src) && s.src[s.i+1] == '*':
			s.i += 2
			for s.i < len(s.src) && !(s.src[s.i] == '*' && s.i+1 < len(s.src) && s.src[s.i+1] == '/') {
				if s.src[s.i] == '\n' {
					s.sawNewline = true
				}
				s.i++
			}
			s.i += 2
		case c == '#' && s.i == 0 && len(s.src) > 1 && s.src[1] == '!':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		case c == 0xE2 && s.i+2 < len(s.src) && s.src[s.i+1] == 0x80 && (s.src[s.i+2] == 0xA8 || s.src[s.i+2] == 0xA9):
			s.sawNewline = true // U+2028, U+2029
			s.i += 3
		case c == 0xC2 && s.i+1 < len(s.src) && s.src[s.i+1] == 0xA0, c == 0xEF && s.i+2 < len(s.src) && s.src[s.i+1] == 0xBB && s.src[s.i+2] == 0xBF:
			s.i += int(c>>5) - 4 // NBSP 2 bytes, BOM 3 bytes
		default:
			return
		}
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c == '\\' || c >= 0x80 ||
		('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// startToken handles what depends on the token before: an inserted
// semicolon at a line break, and the statement counter after one.
func (s *depthScanner) startToken(word []byte, startsOperand bool) {
	if s.sawNewline && s.operandEnd && startsOperand {
		// a line break between two operands is a statement's end
		s.endStatement()
	}
	if s.pendingReset {
		s.pendingReset = false
		if string(word) != "else" {
			s.set(&s.top().stmt, 0)
		}
	}
}

func (s *depthScanner) token() {
	c := s.src[s.i]
	switch {
	case c == '"' || c == '\'':
		s.startToken(nil, true)
		s.skipString(c)
		s.operandEnd, s.prevStmtKw = true, false
	case c == '`':
		tagged := s.operandEnd
		s.startToken(nil, false)
		s.i++
		if tagged {
			s.add(&s.top().cur, 1)
		}
		s.templateText()
	case '0' <= c && c <= '9' || c == '.' && s.i+1 < len(s.src) && '0' <= s.src[s.i+1] && s.src[s.i+1] <= '9':
		s.startToken(nil, true)
		for s.i < len(s.src) && (isIdentByte(s.src[s.i]) || s.src[s.i] == '.') {
			s.i++
		}
		s.operandEnd, s.prevStmtKw = true, false
	case isIdentByte(c) || c == '#' || c == '@':
		s.i++
		for s.i < len(s.src) && isIdentByte(s.src[s.i]) {
			s.i++
		}
		s.word(s.src[s.tokStart:s.i])
	default:
		s.punct()
	}
}

func (s *depthScanner) word(w []byte) {
	t := s.top
	switch string(w) {
	case "in", "instanceof", "as", "satisfies", "of", "keyof", "extends":
		s.startToken(w, false)
	default:
		s.startToken(w, true)
	}
	s.operandEnd, s.prevStmtKw = false, false
	switch string(w) {
	case "in", "instanceof", "as", "satisfies", "of":
		s.set(&t().cur, 0)
	case "extends":
		s.set(&t().cur, 0)
		s.add(&t().right, 1)
	case "typeof", "void", "delete", "await", "yield", "new", "keyof", "unique", "infer":
		s.add(&t().cur, 1)
	case "if", "while", "for", "with", "switch", "catch":
		if string(w) != "switch" && string(w) != "catch" {
			s.add(&t().stmt, 1)
		}
		s.prevStmtKw = true
	case "else", "do":
		s.add(&t().stmt, 1)
	case "case", "default":
		t().caseColon = true
	case "return", "throw", "export", "import", "const", "let", "var", "class", "function", "async", "get", "set", "static", "readonly", "type", "interface", "enum", "namespace", "declare", "abstract", "public", "private", "protected", "override", "accessor":
		// keywords after which an operand or a name comes; a / after
		// them starts a regular expression
	default:
		s.operandEnd = true
	}
}

func (s *depthScanner) punct() {
	src, i := s.src, s.i
	c := src[i]
	next := func(k int) byte {
		if i+k < len(src) {
			return src[i+k]
		}
		return 0
	}
	t := s.top
	operandEnd := s.operandEnd
	switch c {
	case '(', '[', '{':
		s.startToken(nil, false)
		s.i++
		kind := lvGroup
		switch {
		case c == '(' && s.prevStmtKw:
			kind = lvCond
		case c != '{' && operandEnd:
			kind = lvCall
		}
		s.operandEnd, s.prevStmtKw = false, false
		s.push(kind)
		return
	case ')', ']', '}':
		s.startToken(nil, false)
		s.i++
		kind := s.pop()
		switch kind {
		case lvSubst:
			s.templateText()
			return
		case lvCond:
			s.operandEnd = false // a statement follows
		default:
			s.operandEnd = true
		}
		if c == '}' {
			s.pendingReset = true // a block statement may have ended; else keeps stmt
		}
		s.prevStmtKw = false
		return
	case ';':
		s.startToken(nil, false)
		s.i++
		s.endStatement()
		s.operandEnd, s.prevStmtKw = false, false
		return
	case ',':
		s.startToken(nil, false)
		s.i++
		s.resetRight()
		s.set(&t().cur, 0)
		s.operandEnd, s.prevStmtKw = false, false
		return
	case '/':
		if !operandEnd {
			s.startToken(nil, false)
			s.skipRegexp()
			s.operandEnd, s.prevStmtKw = true, false
			return
		}
	}
	s.startToken(nil, false)
	// the longest operator at i
	n := 1
	if strings.IndexByte(operatorBytes, next(1)) >= 0 {
		for _, op := range punctuators {
			if len(op) > n && i+len(op) <= len(src) && string(src[i:i+len(op)]) == op {
				n = len(op)
			}
		}
	}
	op := src[i : i+n]
	if string(op) == "?." && '0' <= next(2) && next(2) <= '9' {
		op, n = op[:1], 1 // a ? .5 : b
	}
	s.i += n
	s.prevStmtKw = false
	switch o := string(op); {
	case o == "." || o == "?." || o == "!" && operandEnd:
		// member access, optional chain, TypeScript's non-null "!"
		s.add(&t().cur, 1)
		s.operandEnd = o == "!"
		return
	case o == "++" || o == "--":
		if !operandEnd {
			s.add(&t().cur, 1)
		}
		return // postfix keeps operandEnd
	case !operandEnd && (o == "!" || o == "~" || o == "+" || o == "-" || o == "..."):
		s.add(&t().cur, 1)
	case o == ":" && t().caseColon:
		t().caseColon = false
		s.resetRight()
		s.set(&t().cur, 0)
	case rightOps[o]:
		s.set(&t().cur, 0)
		if o == "=>" {
			t().arrows++
			s.arrows++
		}
		s.add(&t().right, 1)
	default: // binary operators, "<" and ">" of type arguments too
		s.set(&t().cur, 0)
	}
	s.operandEnd = false
}

// operatorBytes are the second bytes of the longer punctuators.
const operatorBytes = ".?=>*<&|+-"

var punctuators = []string{
	"...", "?.", "??=", "??", "=>", "===", "!==", "==", "!=", "**=", "**", "<<=", ">>>=", ">>=", "<<", ">>>", ">>",
	"<=", ">=", "&&=", "||=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "++", "--",
}

// rightOps nest what follows them one level deeper.
var rightOps = map[string]bool{
	"=": true, "=>": true, "?": true, ":": true, "**": true,
	"+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "**=": true, "<<=": true, ">>=": true,
	">>>=": true, "&=": true, "|=": true, "^=": true, "&&=": true, "||=": true, "??=": true,
}

// skipString skips a quoted string; a line break ends an unterminated one
// (esbuild will report it).
func (s *depthScanner) skipString(q byte) {
	s.i++
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case q:
			s.i++
			return
		case '\\':
			s.i += 2
			continue
		case '\n':
			return
		}
		s.i++
	}
}

// templateText skips a template literal's text up to its end or the next
// "${", which opens a level.
func (s *depthScanner) templateText() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case '`':
			s.i++
			s.operandEnd, s.prevStmtKw = true, false
			return
		case '\\':
			s.i += 2
			continue
		case '$':
			if s.i+1 < len(s.src) && s.src[s.i+1] == '{' {
				s.tokStart = s.i
				s.i += 2
				s.operandEnd, s.prevStmtKw = false, false
				s.push(lvSubst)
				return
			}
		}
		s.i++
	}
}

// skipRegexp skips a regular expression literal and its flags.
func (s *depthScanner) skipRegexp() {
	s.i++
	class := false
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case '\\':
			s.i += 2
			continue
		case '[':
			class = true
		case ']':
			class = false
		case '/':
			if !class {
				s.i++
				for s.i < len(s.src) && isIdentByte(s.src[s.i]) {
					s.i++
				}
				return
			}
		case '\n':
			return
		}
		s.i++
	}
}
