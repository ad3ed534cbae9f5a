package jsengine

import (
	"context"
	"encoding/json"
	"testing"
)

// The JS UTF-8 codec the prelude used before the bridge did it in C (issue
// 11): a plain transcription of the Encoding standard, kept as the reference
// the native one must agree with, byte for byte and unit for unit.
const utf8Reference = `const FAIL = Symbol("failure");
function utf8Encode(s) {
  const n = s.length;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { size += 4; i++; }
    else size += 3;
  }
  const out = new Uint8Array(size);
  utf8Write(s, out, n);
  return out;
}
// Writes whole characters of s into out while they fit; returns [read, written].
function utf8Write(s, out, n) {
  let j = 0;
  const cap = out.length;
  let i = 0;
  for (; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (j >= cap) break;
      out[j++] = c;
      continue;
    }
    if (c < 0x800) {
      if (j + 2 > cap) break;
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && (d & 0xfc00) === 0xdc00) {
        if (j + 4 > cap) break;
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[j++] = 0xf0 | (c >> 18);
        out[j++] = 0x80 | ((c >> 12) & 63);
        out[j++] = 0x80 | ((c >> 6) & 63);
        out[j++] = 0x80 | (c & 63);
        i++;
        continue;
      }
      c = 0xfffd;
    }
    if (j + 3 > cap) break;
    out[j++] = 0xe0 | (c >> 12);
    out[j++] = 0x80 | ((c >> 6) & 63);
    out[j++] = 0x80 | (c & 63);
  }
  return [i, j];
}
// The WHATWG UTF-8 decoder (maximal subparts become one U+FFFD each).
// st carries a partial sequence across stream chunks. Returns the string,
// or FAIL on the first error when fatal.
function utf8Decode(bytes, st, flush, fatal) {
  let out = '';
  let units = [];
  let { needed, seen, cp, lower, upper } = st;
  const n = bytes.length;
  const push = (c) => {
    if (c > 0xffff) {
      c -= 0x10000;
      units.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    } else {
      units.push(c);
    }
    if (units.length >= 8192) {
      out += String.fromCharCode.apply(null, units);
      units = [];
    }
  };
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (needed === 0) {
      if (b < 0x80) {
        // ASCII run: copy it through in one go.
        let j = i + 1;
        while (j < n && bytes[j] < 0x80) j++;
        if (j - i > 16) {
          if (units.length) { out += String.fromCharCode.apply(null, units); units = []; }
          for (let k = i; k < j; k += 8192) out += String.fromCharCode.apply(null, bytes.subarray(k, Math.min(j, k + 8192)));
          i = j - 1;
        } else {
          for (let k = i; k < j; k++) units.push(bytes[k]);
          i = j - 1;
        }
        continue;
      }
      if (b >= 0xc2 && b <= 0xdf) { needed = 1; cp = b & 0x1f; }
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2; cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3; cp = b & 7;
      } else {
        if (fatal) return FAIL;
        push(0xfffd);
      }
      continue;
    }
    if (b < lower || b > upper) {
      cp = needed = seen = 0;
      lower = 0x80; upper = 0xbf;
      if (fatal) return FAIL;
      push(0xfffd);
      i--; // the byte starts over
      continue;
    }
    lower = 0x80; upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      push(cp);
      cp = needed = seen = 0;
    }
  }
  if (flush && needed !== 0) {
    cp = needed = seen = 0;
    lower = 0x80; upper = 0xbf;
    if (fatal) return FAIL;
    push(0xfffd);
  }
  Object.assign(st, { needed, seen, cp, lower, upper });
  return out + (units.length ? String.fromCharCode.apply(null, units) : '');
}
const freshUtf8State = () => ({ needed: 0, seen: 0, cp: 0, lower: 0x80, upper: 0xbf });
const utf8DecodeLossy = (bytes) => utf8Decode(bytes, freshUtf8State(), true, false);

`

// TestUTF8MatchesReference compares TextEncoder/TextDecoder with the
// reference on generated inputs: short byte strings rich in lead, continuation
// and boundary bytes (lossy, fatal, and streamed split at every point), and
// UTF-16 strings rich in surrogates (encode, and encodeInto at every size).
func TestUTF8MatchesReference(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	code := `(() => {
` + utf8Reference + `
	let seed = 0x2545f491;
	const rnd = (n) => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) % n; };
	const bytePick = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
		0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xfe, 0xff];
	const unitPick = [0x41, 0x7f, 0x80, 0xff, 0x100, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfeff, 0xfffd, 0xffff];
	const bad = [];
	const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
	for (let t = 0; t < 2000 && bad.length < 5; t++) {
		const n = rnd(20);
		const b = new Uint8Array(n);
		for (let i = 0; i < n; i++) b[i] = rnd(2) ? 0x61 : rnd(4) ? bytePick[rnd(bytePick.length)] : rnd(256);
		const want = utf8Decode(b, freshUtf8State(), true, false);
		if (new TextDecoder("utf-8", { ignoreBOM: true }).decode(b) !== want) bad.push(["decode", Array.from(b)]);
		const wantFail = utf8Decode(b, freshUtf8State(), true, true) === FAIL;
		let gotFail = false;
		try { new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b); } catch (e) { gotFail = e.code === "ERR_ENCODING_INVALID_ENCODED_DATA"; }
		if (gotFail !== wantFail) bad.push(["fatal", Array.from(b)]);
		for (let k = 0; k <= n; k++) {
			const d = new TextDecoder("utf-8", { ignoreBOM: true });
			const j = k + rnd(n - k + 1);
			const s = d.decode(b.subarray(0, k), { stream: true }) + d.decode(b.subarray(k, j), { stream: true }) + d.decode(b.subarray(j));
			if (s !== want) bad.push(["stream", k, j, Array.from(b)]);
		}
		const units = [];
		for (let i = rnd(14); i > 0; i--) units.push(rnd(2) ? 0x61 : rnd(3) ? unitPick[rnd(unitPick.length)] : rnd(0x10000));
		const s = String.fromCharCode(...units);
		if (!same(Array.from(new TextEncoder().encode(s)), Array.from(utf8Encode(s)))) bad.push(["encode", units]);
		for (let cap = 0; cap <= 3 * s.length + 1; cap++) {
			const got = new Uint8Array(cap), ref = new Uint8Array(cap);
			const r = new TextEncoder().encodeInto(s, got), w = utf8Write(s, ref, s.length);
			if (r.read !== w[0] || r.written !== w[1] || !same(Array.from(got), Array.from(ref))) bad.push(["encodeInto", cap, units]);
		}
	}
	return bad;
})()`
	if got := eval(t, in, code); got != "[]" {
		t.Errorf("native UTF-8 differs from the reference: %s", got)
	}
}

// FuzzUTF8Decode feeds arbitrary bytes to TextDecoder (lossy, fatal, and
// streamed in two chunks) and compares it with the reference decoder; the
// same bytes read as Latin-1 units also go through TextEncoder.encode and
// encodeInto.
func FuzzUTF8Decode(f *testing.F) {
	for _, s := range []string{"", "a", "h\u00e9\u20ac\U0001F600", "\xed\xa0\x80", "\xf0\x9f\x98", "\xef\xbb\xbfa",
		"a\xf1\x80\x80\xe1\x80\xc2b\x80c\x80\xbfd", "\xc0\x80\xf5\xff"} {
		f.Add([]byte(s), uint8(1))
	}
	in, _ := newInstance(f, InstanceConfig{}, `var __corets_exports = { check(bytes, split, units) {
`+utf8Reference+`
		const b = new Uint8Array(bytes);
		if (b.length !== bytes.length) throw new Error("bad input");
		const want = utf8Decode(b, freshUtf8State(), true, false);
		const d = new TextDecoder("utf-8", { ignoreBOM: true });
		const k = split % (b.length + 1);
		const streamed = d.decode(b.subarray(0, k), { stream: true }) + d.decode(b.subarray(k));
		let fatal = false;
		try { new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b); } catch (e) { fatal = true; }
		const s = String.fromCharCode(...units);
		const enc = Array.from(new TextEncoder().encode(s)).join();
		const into = new Uint8Array(split % (3 * s.length + 1)), ref = new Uint8Array(into.length);
		const r = new TextEncoder().encodeInto(s, into), w = utf8Write(s, ref, s.length);
		return [new TextDecoder("utf-8", { ignoreBOM: true }).decode(b) === want, streamed === want,
			fatal === (utf8Decode(b, freshUtf8State(), true, true) === FAIL), enc === Array.from(utf8Encode(s)).join(),
			r.read === w[0] && r.written === w[1] && into.join() === ref.join()];
	} }`)
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		units := make([]uint16, 0, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
		}
		ints := make([]int, len(data)) // not []byte: JSON would make it base64
		for i, b := range data {
			ints[i] = int(b)
		}
		args, _ := json.Marshal([]any{ints, split, units})
		res, err := in.Call(context.Background(), "check", args)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(res.Value); got != "[true,true,true,true,true]" {
			t.Errorf("% x (split %d): lossy, streamed, fatal, encode, encodeInto agree: %s", data, split, got)
		}
	})
}
