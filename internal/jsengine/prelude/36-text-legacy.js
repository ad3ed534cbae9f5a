// TextDecoder's other encodings: UTF-16LE/BE and the Encoding standard's
// legacy single-byte and CJK ones, decoded by the host (textcodec.go).
// 35-encoding.js's TextDecoder keeps the stream state (the bytes of a
// character cut by a chunk's end, the BOM) and calls these two.
  const H_TEXT_ENCODING = host.lookup('text.encoding');
  const H_TEXT_DECODE = host.lookup('text.decode');

  // legacyEncoding returns the encoding's name for a label, or null.
  function legacyEncoding(label) {
    if (H_TEXT_ENCODING < 0 || label.length > 64) return null;
    const name = hostCall(H_TEXT_ENCODING, label);
    if (typeof name !== 'string' || name === '') return null;
    if (name[0] === '!') throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${name.slice(1)}" encoding is not supported`);
    return name;
  }

  // legacyDecode returns [text, the bytes the next chunk continues (or
  // null)]; more: input continues. ISO-2022-JP's state is its last escape
  // sequence, carried to the next chunk in front of its bytes.
  function legacyDecode(name, bytes, more, fatal) {
    const req = new Uint8Array(2 + name.length + bytes.length);
    req[0] = (more ? 1 : 0) | (fatal ? 2 : 0);
    req[1] = name.length;
    for (let i = 0; i < name.length; i++) req[2 + i] = name.charCodeAt(i);
    req.set(bytes, 2 + name.length);
    let r;
    try {
      r = hostCall(H_TEXT_DECODE, req);
    } catch (e) {
      if (fatal) throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', `The encoded data was not valid for encoding ${name}`);
      throw e;
    }
    const comma = r.indexOf(',');
    const n = Number(r.slice(0, comma));
    let carry = n < bytes.length && more ? bytes.slice(n) : null;
    if (more && name === 'iso-2022-jp') {
      for (let i = n - 1; i >= 0; i--) {
        if (bytes[i] !== 0x1b) continue;
        const esc = bytes.subarray(i, i + 3);
        if (esc.length === 3 && !(esc[1] === 0x28 && esc[2] === 0x42)) { // ESC ( B is the initial state
          const c = new Uint8Array(3 + (carry === null ? 0 : carry.length));
          c.set(esc);
          if (carry !== null) c.set(carry, 3);
          carry = c;
        }
        break;
      }
    }
    return [r.slice(comma + 1), carry];
  }
