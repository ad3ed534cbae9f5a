package jsengine

import (
	"context"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// "intl.segment" is Intl.Segmenter's host side: UAX #29 (Unicode 17.0, the
// version of node 20's ICU) grapheme cluster, word and sentence boundaries
// over the generated tables of intl_segment_tables.go. It receives
// "G|W|S" + "0|1" + text, where "1" says more text follows the window (the
// prelude segments a long string window by window), and answers the ends
// of the segments found, in UTF-16 code units from the window's start,
// comma-separated; a word segment's end is followed by "*" when it is
// word-like. With more text to follow, the boundaries in the window's
// last quarter, whose rules may look past the window, are left out
// (unless that leaves none: a hostile run of combining marks then ends at
// the window's edge). A window is at most maxSegmentWindow bytes: each call
// is a bounded, linear piece of work.

const maxSegmentWindow = 1 << 18

// Property values, in the generator's order (intlgen/segment_tables.go).
const (
	gbOther = iota
	gbCR
	gbLF
	gbControl
	gbExtend
	gbZWJ
	gbRI
	gbPrepend
	gbSpacingMark
	gbL
	gbV
	gbT
	gbLV
	gbLVT
)

const (
	wbOther = iota
	wbCR
	wbLF
	wbNewline
	wbExtend
	wbZWJ
	wbRI
	wbFormat
	wbKatakana
	wbHebrew
	wbALetter
	wbSingleQuote
	wbDoubleQuote
	wbMidNumLet
	wbMidLetter
	wbMidNum
	wbNumeric
	wbExtendNumLet
	wbWSegSpace
)

const (
	sbOther = iota
	sbCR
	sbLF
	sbExtend
	sbSep
	sbFormat
	sbSp
	sbLower
	sbUpper
	sbOLetter
	sbNumeric
	sbATerm
	sbSContinue
	sbSTerm
	sbClose
)

const (
	incbNone = iota
	incbLinker
	incbConsonant
	incbExtend
)

func segProps(r rune) uint16 {
	lo, hi := 0, len(segStarts)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if uint32(r) < segStarts[m] {
			hi = m
		} else {
			lo = m
		}
	}
	return segVals[lo]
}

type segChar struct {
	r     rune
	gb    uint8
	wb    uint8
	sb    uint8
	pict  bool
	incb  uint8
	units int // UTF-16 offset of the character's end
}

func decodeSegChars(s []byte) []segChar {
	cs := make([]segChar, 0, len(s))
	units := 0
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		p := segProps(r)
		if hangulSyllable(r) {
			p &^= 31 << 4 // ICU words: not ALetter (see wordBreaks)
		}
		cs = append(cs, segChar{r: r, gb: uint8(p & 15), wb: uint8(p >> 4 & 31), sb: uint8(p >> 9 & 15),
			pict: p>>13&1 == 1, incb: uint8(p >> 14), units: units})
	}
	return cs
}

func intlSegment(ctx context.Context, _ *Caller, arg []byte) ([]byte, error) {
	if len(arg) < 2 || len(arg) > maxSegmentWindow+2 {
		return nil, rangeError("malformed segment request")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	kind, more := arg[0], arg[1] == '1'
	if kind != 'G' && kind != 'W' && kind != 'S' {
		return nil, rangeError("malformed segment request")
	}
	cs := decodeSegChars(arg[2:])
	if len(cs) == 0 {
		return nil, nil
	}
	var breaks []bool // breaks[i]: a boundary before cs[i]
	switch kind {
	case 'G':
		breaks = graphemeBreaks(cs)
	case 'W':
		breaks = wordBreaks(cs)
	case 'S':
		breaks = sentenceBreaks(cs)
	default:
		return nil, rangeError("malformed segment request")
	}
	n := len(cs)
	limit := n // boundaries before cs[limit] are reported; the end too when !more
	if more {
		limit = n - n/4
		found := false
		for i := 1; i < limit; i++ {
			if breaks[i] {
				found = true
				break
			}
		}
		if !found {
			limit = n - 1
			for limit > 0 && !breaks[limit] {
				limit--
			}
			if limit == 0 {
				limit = n // no boundary at all: end at the window's edge
				more = false
			}
		}
	}
	out := make([]byte, 0, n*3)
	start := 0
	emit := func(end int) {
		out = strconv.AppendInt(out, int64(cs[end-1].units), 10)
		if kind == 'W' && wordLike(cs[start:end]) {
			out = append(out, '*')
		}
		out = append(out, ',')
		start = end
	}
	for i := 1; i < limit; i++ {
		if breaks[i] {
			emit(i)
		}
	}
	if n > 0 && (!more || breaks[limit]) && limit > start {
		emit(limit)
	}
	if len(out) > 0 {
		out = out[:len(out)-1]
	}
	return out, nil
}

// wordLike answers as ICU's rule status does: letters, numbers, kana and
// ideographs make a word, as do two or more connectors ("__").
func wordLike(cs []segChar) bool {
	if hangulSyllable(cs[0].r) { // as ICU: syllables alone, not with a mark
		for _, c := range cs {
			if !hangulSyllable(c.r) {
				return false
			}
		}
		return true
	}
	connectors := 0
	for _, c := range cs {
		switch c.wb {
		case wbALetter, wbHebrew, wbNumeric, wbKatakana:
			return true
		case wbExtendNumLet:
			connectors++
		case wbOther:
			if unicode.Is(unicode.Ideographic, c.r) || unicode.Is(unicode.Hiragana, c.r) || complexContext(c.r) {
				return true
			}
		}
	}
	return connectors > 1
}

func hangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// complexContext is Line_Break=SA's letters: the scripts ICU segments by
// dictionary (Thai, Lao, Khmer, Myanmar, ...).
func complexContext(r rune) bool {
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tai_Tham,
		unicode.Tai_Viet, unicode.New_Tai_Lue, unicode.Tai_Le) && unicode.IsLetter(r)
}

func graphemeBreaks(cs []segChar) []bool {
	b := make([]bool, len(cs)+1)
	b[0] = true
	ri := 0           // regional indicators in a row before the position
	emoji := false    // ExtPict Extend* seen, before the position
	emojiZWJ := false // ExtPict Extend* ZWJ just before the position
	conj := 0         // GB9c: 1 after Consonant [Extend|Linker]*, 2 once a Linker is among them
	for i := range cs {
		c := cs[i]
		if i > 0 {
			p := cs[i-1]
			brk := true
			switch {
			case p.gb == gbCR && c.gb == gbLF:
				brk = false
			case p.gb == gbControl || p.gb == gbCR || p.gb == gbLF:
			case c.gb == gbControl || c.gb == gbCR || c.gb == gbLF:
			case p.gb == gbL && (c.gb == gbL || c.gb == gbV || c.gb == gbLV || c.gb == gbLVT):
				brk = false
			case (p.gb == gbLV || p.gb == gbV) && (c.gb == gbV || c.gb == gbT):
				brk = false
			case (p.gb == gbLVT || p.gb == gbT) && c.gb == gbT:
				brk = false
			case c.gb == gbExtend || c.gb == gbZWJ || c.gb == gbSpacingMark || p.gb == gbPrepend:
				brk = false
			case conj == 2 && c.incb == incbConsonant:
				brk = false
			case emojiZWJ && c.pict:
				brk = false
			case p.gb == gbRI && c.gb == gbRI && ri%2 == 1:
				brk = false
			}
			b[i] = brk
		}
		// the states as of after c
		if c.gb == gbRI {
			ri++
		} else {
			ri = 0
		}
		emojiZWJ = emoji && c.gb == gbZWJ
		switch {
		case c.pict:
			emoji = true
		case emoji && c.gb == gbExtend:
		default:
			emoji = false
		}
		switch {
		case c.incb == incbConsonant:
			conj = 1
		case conj > 0 && c.incb == incbLinker:
			conj = 2
		case conj > 0 && c.incb == incbExtend:
		default:
			conj = 0
		}
	}
	b[len(cs)] = true
	return b
}

func wordBreaks(cs []segChar) []bool {
	n := len(cs)
	b := make([]bool, n+1)
	b[0], b[n] = true, true
	ign := func(w uint8) bool { return w == wbExtend || w == wbFormat || w == wbZWJ }
	// prev(i): the index of the character before position i, skipping
	// Extend/Format/ZWJ (WB4), or -1.
	prev := func(i int) int {
		j := i - 1
		for j >= 0 && ign(cs[j].wb) {
			j--
		}
		// WB4 does not extend CR, LF, Newline (or sot): an ignorable right after one stands alone
		if j >= 0 && j < i-1 && (cs[j].wb == wbCR || cs[j].wb == wbLF || cs[j].wb == wbNewline) {
			return i - 1
		}
		return j
	}
	next := func(i int) int { // the first character after cs[i], skipping ignorables, or -1
		j := i + 1
		for j < n && ign(cs[j].wb) {
			j++
		}
		if j >= n {
			return -1
		}
		return j
	}
	wb := func(j int) uint8 {
		if j < 0 {
			return 255
		}
		return cs[j].wb
	}
	ah := func(w uint8) bool { return w == wbALetter || w == wbHebrew }
	midLetQ := func(w uint8) bool { return w == wbMidLetter || w == wbMidNumLet || w == wbSingleQuote }
	midNumQ := func(w uint8) bool { return w == wbMidNum || w == wbMidNumLet || w == wbSingleQuote }
	ri := 0 // regional indicators in a row before the position, WB4's ignorables skipped
	countRI := func(c segChar) {
		if c.wb == wbRI {
			ri++
		} else if !ign(c.wb) {
			ri = 0
		}
	}
	countRI(cs[0])
	for i := 1; i < n; i++ {
		p, c := cs[i-1], cs[i]
		brk := func() bool {
			if p.wb == wbCR && c.wb == wbLF {
				return false
			}
			if p.wb == wbCR || p.wb == wbLF || p.wb == wbNewline || c.wb == wbCR || c.wb == wbLF || c.wb == wbNewline {
				return true
			}
			if p.wb == wbZWJ && c.pict {
				return false
			}
			if p.wb == wbWSegSpace && c.wb == wbWSegSpace {
				return false
			}
			if ign(c.wb) {
				return false
			}
			// ICU (not UAX #29): a run of Hangul syllables is a word of its
			// own, apart from letters, digits, jamo and connectors, and
			// marks end it
			if hangulSyllable(c.r) || hangulSyllable(p.r) {
				return !(hangulSyllable(c.r) && hangulSyllable(p.r))
			}
			pj := prev(i)
			if pj >= 0 && hangulSyllable(cs[pj].r) {
				return true
			}
			pw, cw := wb(pj), c.wb
			switch {
			case ah(pw) && ah(cw):
				return false
			case ah(pw) && midLetQ(cw) && ah(wb(next(i))):
				return false
			case ah(wb(prev(pj))) && midLetQ(pw) && ah(cw):
				return false
			case pw == wbHebrew && cw == wbSingleQuote:
				return false
			case pw == wbHebrew && cw == wbDoubleQuote && wb(next(i)) == wbHebrew:
				return false
			case wb(prev(pj)) == wbHebrew && pw == wbDoubleQuote && cw == wbHebrew:
				return false
			case pw == wbNumeric && cw == wbNumeric, ah(pw) && cw == wbNumeric, pw == wbNumeric && ah(cw):
				return false
			case wb(prev(pj)) == wbNumeric && midNumQ(pw) && cw == wbNumeric:
				return false
			case pw == wbNumeric && midNumQ(cw) && wb(next(i)) == wbNumeric:
				return false
			case pw == wbKatakana && cw == wbKatakana:
				return false
			case (ah(pw) || pw == wbNumeric || pw == wbKatakana || pw == wbExtendNumLet) && cw == wbExtendNumLet:
				return false
			case pw == wbExtendNumLet && (ah(cw) || cw == wbNumeric || cw == wbKatakana):
				return false
			case pw == wbRI && cw == wbRI && ri%2 == 1:
				return false
			}
			return true
		}()
		b[i] = brk
		countRI(c)
	}
	return b
}

func sentenceBreaks(cs []segChar) []bool {
	n := len(cs)
	b := make([]bool, n+1)
	b[0], b[n] = true, true
	ign := func(s uint8) bool { return s == sbExtend || s == sbFormat }
	para := func(s uint8) bool { return s == sbSep || s == sbCR || s == sbLF }
	sterm := func(s uint8) bool { return s == sbSTerm || s == sbATerm }
	// lowerNext[k]: SB8's look-ahead from k finds a Lower before any
	// OLetter, Upper, ParaSep or SATerm (computed once, right to left).
	lowerNext := make([]bool, n+1)
	for k := n - 1; k >= 0; k-- {
		switch w := cs[k].sb; {
		case w == sbLower:
			lowerNext[k] = true
		case w == sbOLetter || w == sbUpper || para(w) || sterm(w):
		default:
			lowerNext[k] = lowerNext[k+1]
		}
	}
	// the state before position i, SB5 ignorables skipped: the last two
	// classes, and whether they end in SATerm Close* Sp* (term: which one).
	var last, before uint8 = 255, 255
	var term uint8 = 255
	sawSp := false
	step := func(c segChar, afterPara bool) {
		if ign(c.sb) && !afterPara && last != 255 {
			return
		}
		before, last = last, c.sb
		switch {
		case sterm(c.sb):
			term, sawSp = c.sb, false
		case c.sb == sbClose && term != 255 && !sawSp:
		case c.sb == sbSp && term != 255:
			sawSp = true
		default:
			term = 255
		}
	}
	step(cs[0], true)
	for i := 1; i < n; i++ {
		p, c := cs[i-1], cs[i]
		b[i] = func() bool {
			if p.sb == sbCR && c.sb == sbLF {
				return false
			}
			if para(p.sb) {
				return true
			}
			if ign(c.sb) {
				return false
			}
			cw := c.sb
			if last == sbATerm && cw == sbNumeric { // SB6
				return false
			}
			if last == sbATerm && cw == sbUpper && (before == sbUpper || before == sbLower) { // SB7
				return false
			}
			if term == 255 {
				return false // SB998
			}
			if term == sbATerm && lowerNext[i] { // SB8
				return false
			}
			if cw == sbSContinue || sterm(cw) { // SB8a
				return false
			}
			if !sawSp && (cw == sbClose || cw == sbSp || para(cw)) { // SB9
				return false
			}
			if cw == sbSp || para(cw) { // SB10
				return false
			}
			return true // SB11
		}()
		step(c, para(p.sb))
	}
	return b
}
