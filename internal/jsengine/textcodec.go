package jsengine

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// TextDecoder's legacy encodings (prelude/36-text-legacy.js): the Encoding
// standard's labels and its single-byte and CJK decoders, from
// golang.org/x/text, whose tables are the standard's indexes (except for
// the C1 range of the single-byte ones, patched below). UTF-8 stays on the bridge's own path;
// UTF-16 is decoded here by hand, because x/text's decoder cannot tell a
// lone surrogate (an error with fatal) from an encoded U+FFFD.

// textEncoding receives a label and returns its encoding's name, nothing
// for a label the standard does not know, or "!name" for an encoding that
// node 20 does not support (its error names the encoding, not the label).
func textEncoding(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
	if len(arg) > 64 {
		return nil, nil
	}
	e, err := htmlindex.Get(string(arg))
	if err != nil {
		return nil, nil
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return nil, nil
	}
	switch name {
	case "iso-8859-16", "x-user-defined", "replacement":
		return []byte("!" + name), nil
	}
	return []byte(name), nil
}

var errTextFatal = errors.New("the encoded data was not valid")

// textDecode receives flags (bit 0: more input follows, bit 1: fatal), the
// encoding name's length and the name, then the bytes. It returns
// "consumed,text": how many bytes it decoded (the rest start a character
// that the next chunk completes) and their text.
func textDecode(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
	if len(arg) < 2 || len(arg) < 2+int(arg[1]) {
		return nil, errors.New("malformed text.decode request")
	}
	more, fatal := arg[0]&1 != 0, arg[0]&2 != 0
	name := string(arg[2 : 2+int(arg[1])])
	src := arg[2+int(arg[1]):]
	var (
		out []byte
		n   int
		bad bool
	)
	switch name {
	case "utf-16le", "utf-16be":
		out, n, bad = decodeUTF16(src, name == "utf-16be", more)
	default:
		e, err := htmlindex.Get(name)
		if err != nil {
			return nil, errors.New("text.decode: unknown encoding " + strconv.Quote(name))
		}
		out, n, bad = decodeLegacy(e, name, src, more)
	}
	if bad && fatal {
		return nil, errTextFatal
	}
	res := make([]byte, 0, len(out)+12)
	res = strconv.AppendInt(res, int64(n), 10)
	res = append(res, ',')
	return append(res, out...), nil
}

// decodeLegacy runs x/text's decoder; a U+FFFD in its output is the
// standard's error (no table maps a byte to it).
func decodeLegacy(e encoding.Encoding, name string, src []byte, more bool) ([]byte, int, bool) {
	t := e.NewDecoder()
	dst := make([]byte, len(src)*3+16)
	var nDst, nSrc int
	for {
		d, s, err := t.Transform(dst[nDst:], src[nSrc:], !more)
		nDst += d
		nSrc += s
		if err == transform.ErrShortDst {
			dst = append(dst[:nDst], make([]byte, len(dst))...)
			dst = dst[:cap(dst)]
			continue
		}
		break // nil, or ErrShortSrc: the rest waits for the next chunk
	}
	out := dst[:nDst]
	switch name {
	case "gbk", "gb18030", "big5", "euc-jp", "iso-2022-jp", "shift_jis", "euc-kr":
	default: // a single-byte encoding
		out = patchC1(src[:nSrc], out)
	}
	return out, nSrc, bytes.Contains(out, []byte("\uFFFD"))
}

// patchC1: the standard's single-byte indexes map the bytes of 0x80-0x9F
// that have no character to the C1 controls, where x/text has none. In a single-byte decoding the
// i-th rune comes from the i-th byte.
func patchC1(src, out []byte) []byte {
	if !bytes.Contains(out, []byte("\uFFFD")) {
		return out
	}
	fixed := make([]byte, 0, len(out))
	for i := 0; len(out) > 0; i++ {
		r, size := utf8.DecodeRune(out)
		out = out[size:]
		if r == utf8.RuneError && size == 3 && i < len(src) && src[i] >= 0x80 && src[i] < 0xa0 {
			r = rune(src[i])
		}
		fixed = utf8.AppendRune(fixed, r)
	}
	return fixed
}

// decodeUTF16 decodes whole code units; with more input to come, an odd
// last byte and a lead surrogate at the end wait for the next chunk.
func decodeUTF16(src []byte, be, more bool) ([]byte, int, bool) {
	out := make([]byte, 0, len(src)*3/2+4)
	bad := false
	unit := func(i int) rune {
		if be {
			return rune(src[i])<<8 | rune(src[i+1])
		}
		return rune(src[i+1])<<8 | rune(src[i])
	}
	i := 0
	for ; i+1 < len(src); i += 2 {
		u := unit(i)
		switch {
		case u >= 0xd800 && u < 0xdc00:
			if i+3 < len(src) {
				if v := unit(i + 2); v >= 0xdc00 && v < 0xe000 {
					out = utf8.AppendRune(out, 0x10000+(u-0xd800)<<10+(v-0xdc00))
					i += 2
					continue
				}
			} else if more {
				return out, i, bad // the trail may come in the next chunk
			}
			out = append(out, "\uFFFD"...)
			bad = true
		case u >= 0xdc00 && u < 0xe000:
			out = append(out, "\uFFFD"...)
			bad = true
		default:
			out = utf8.AppendRune(out, u)
		}
	}
	if i < len(src) && !more {
		out = append(out, "\uFFFD"...)
		bad = true
		i++
	}
	return out, i, bad
}
