// node:buffer for CoreTS-Wasm modules: Buffer as node 20 has it, a
// Uint8Array subclass, written on the engine's TextEncoder/TextDecoder,
// atob/btoa-free base64 and DataView. Errors carry node's codes and messages.
'use strict';
const I = globalThis[Symbol.for('corets.node')];
const { nodeError, argTypeError, describeReceived } = I;

const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;
const INSPECT_MAX_BYTES = 50;

const utf8Enc = new TextEncoder();
const utf8Dec = new TextDecoder('utf-8', { ignoreBOM: true });

class FastBuffer extends Uint8Array {}

function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw argTypeError('string', 'of type string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Object.defineProperty(Buffer, 'name', { value: 'Buffer' });
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
Object.setPrototypeOf(Buffer, Uint8Array);
Buffer.poolSize = 8192;

function fromBytes(ab, off, len) { return new FastBuffer(ab, off, len); }

// encodings -------------------------------------------------------------

function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (`${enc}`.toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case 'ascii': return 'ascii';
    case '': return 'utf8';
  }
  return undefined;
}
function getEncoding(enc) {
  const e = normalizeEncoding(enc);
  if (e === undefined) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${enc}`);
  return e;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64REV = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) { B64REV[B64.charCodeAt(i)] = i; B64REV[B64URL.charCodeAt(i)] = i; }

function base64Encode(bytes, alphabet, pad) {
  let out = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + alphabet[(v >> 6) & 63] + alphabet[v & 63];
  }
  if (i < n) {
    const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0);
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63];
    out += i + 1 < n ? alphabet[(v >> 6) & 63] : (pad ? '=' : '');
    if (pad) out += '=';
  }
  return out;
}
// node's decoder: skips characters outside both alphabets, stops at '='.
function base64Decode(str) {
  const out = new Uint8Array(Math.ceil(str.length * 3 / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 61) break;
    const v = c < 128 ? B64REV[c] : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out.subarray(0, o);
}
function base64ByteLength(str) {
  let n = str.length;
  if (n > 0 && str.charCodeAt(n - 1) === 61) n--;
  if (n > 1 && str.charCodeAt(n - 1) === 61) n--;
  return (n * 3) >>> 2;
}
const HEX = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));
function hexDecode(str) {
  const n = str.length >>> 1;
  const out = new Uint8Array(n);
  let i = 0;
  for (; i < n; i++) {
    const s = str.slice(i * 2, i * 2 + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(s)) break;
    out[i] = parseInt(s, 16);
  }
  return out.subarray(0, i);
}

function encode(str, enc) { // string -> Uint8Array
  switch (enc) {
    case 'utf8': return utf8Enc.encode(str);
    case 'utf16le': {
      const out = new Uint8Array(str.length * 2);
      for (let i = 0; i < str.length; i++) {
        const c = str.charCodeAt(i);
        out[i * 2] = c & 255;
        out[i * 2 + 1] = c >> 8;
      }
      return out;
    }
    case 'latin1': case 'ascii': {
      const out = new Uint8Array(str.length);
      for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 255;
      return out;
    }
    case 'base64': case 'base64url': return base64Decode(str);
    case 'hex': return hexDecode(str);
  }
  throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${enc}`);
}

function decode(bytes, enc) { // Uint8Array -> string
  switch (enc) {
    case 'utf8': return utf8Dec.decode(bytes);
    case 'utf16le': {
      let s = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      return s;
    }
    case 'latin1': {
      let s = '';
      for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
      return s;
    }
    case 'ascii': {
      let s = '';
      for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i] & 127);
      return s;
    }
    case 'base64': return base64Encode(bytes, B64, true);
    case 'base64url': return base64Encode(bytes, B64URL, false);
    case 'hex': {
      let s = '';
      for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
      return s;
    }
  }
  throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${enc}`);
}

// construction ----------------------------------------------------------

function assertSize(size) {
  if (typeof size !== 'number') throw argTypeError('size', 'of type number', size);
  if (!(size >= 0 && size <= kMaxLength)) throw outOfRange('size', `>= 0 && <= ${kMaxLength}`, size);
}

Buffer.alloc = function alloc(size, fill, encoding) {
  assertSize(size);
  const b = new FastBuffer(size);
  if (fill !== undefined && fill !== 0 && size > 0) b.fill(fill, encoding);
  return b;
};
Buffer.allocUnsafe = function allocUnsafe(size) {
  assertSize(size);
  return new FastBuffer(size);
};
Buffer.allocUnsafeSlow = Buffer.allocUnsafe;

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (I.isArrayBuffer(value) || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
      return fromArrayBuffer(value, encodingOrOffset, length);
    }
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return Buffer.from(valueOf, encodingOrOffset, length);
    }
    if (ArrayBuffer.isView(value) || value.length !== undefined) {
      if (I.isTypedArray(value) && !(value instanceof Uint8Array)) return fromArrayLike(Array.from(value));
      return fromArrayLike(value);
    }
    if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const p = value[Symbol.toPrimitive]('string');
      if (typeof p === 'string') return fromString(p, encodingOrOffset);
    }
  }
  throw fromError(value);
};
function fromError(value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.' +
    describeReceived(value));
}
function fromString(str, enc) {
  const bytes = encode(str, getEncoding(enc));
  return fromBytes(bytes.buffer, bytes.byteOffset, bytes.length);
}
function fromArrayLike(a) {
  const n = a.length > 0 ? a.length >>> 0 : 0;
  const b = new FastBuffer(n);
  for (let i = 0; i < n; i++) b[i] = a[i];
  return b;
}
function fromArrayBuffer(ab, byteOffset, length) {
  if (byteOffset === undefined) byteOffset = 0;
  else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = ab.byteLength - byteOffset;
  if (maxLength < 0) throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
  if (length === undefined) length = maxLength;
  else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds');
    } else length = 0;
  }
  return new FastBuffer(ab, byteOffset, length);
}

Buffer.isBuffer = function isBuffer(b) { return b instanceof Buffer; };
Buffer.isEncoding = function isEncoding(enc) {
  return typeof enc === 'string' && enc.length !== 0 && normalizeEncoding(enc) !== undefined;
};
Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || I.isArrayBuffer(string)) return string.byteLength;
    throw argTypeError('string', 'of type string or an instance of Buffer or ArrayBuffer', string);
  }
  const enc = normalizeEncoding(encoding) || 'utf8';
  switch (enc) {
    case 'utf8': return utf8Enc.encode(string).length;
    case 'utf16le': return string.length * 2;
    case 'latin1': case 'ascii': return string.length;
    case 'base64': case 'base64url': return base64ByteLength(string);
    case 'hex': return string.length >>> 1;
  }
  return 0;
};
function checkBytes(v, name) {
  if (!(v instanceof Uint8Array)) throw argTypeError(name, 'an instance of Buffer or Uint8Array', v);
}
Buffer.compare = function compare(a, b) {
  checkBytes(a, 'buf1');
  checkBytes(b, 'buf2');
  return compareBytes(a, b);
};
function compareBytes(a, b) {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw argTypeError('list', 'an instance of Array', list);
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else validateOffset(length, 'length');
  const out = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const b = list[i];
    if (!(b instanceof Uint8Array)) {
      throw argTypeError(`list[${i}]`, 'an instance of Buffer or Uint8Array', b);
    }
    if (pos + b.length > length) {
      out.set(b.subarray(0, length - pos), pos);
      pos = length;
      break;
    }
    out.set(b, pos);
    pos += b.length;
  }
  if (pos < length) out.fill(0, pos, length);
  return out;
};
Buffer.of = function of(...items) { return fromArrayLike(items); };
Buffer.copyBytesFrom = function copyBytesFrom(view, offset = 0, length) {
  if (!I.isTypedArray(view)) throw argTypeError('view', 'an instance of TypedArray', view);
  const end = length === undefined ? view.length : Math.min(view.length, offset + length);
  const s = view.subarray(offset, end);
  const b = new FastBuffer(s.byteLength);
  b.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
  return b;
};

// validation ------------------------------------------------------------

function validateNumber(v, name) {
  if (typeof v !== 'number') throw argTypeError(name, 'of type number', v);
}
function outOfRange(name, range, v) {
  let received;
  if (Number.isInteger(v) && Math.abs(v) > 2 ** 32) received = addUnderscores(String(v));
  else if (typeof v === 'bigint') {
    received = String(v);
    if (v > 2n ** 32n || v < -(2n ** 32n)) received = addUnderscores(received);
    received += 'n';
  } else received = I.inspect(v);
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}
function addUnderscores(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}
function validateOffset(v, name, min = 0, max = Number.MAX_SAFE_INTEGER) {
  if (typeof v !== 'number') throw argTypeError(name, 'of type number', v);
  if (!Number.isInteger(v)) throw outOfRange(name, 'an integer', v);
  if (v < min || v > max) throw outOfRange(name, `>= ${min} && <= ${max}`, v);
}
function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    throw outOfRange(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
  throw outOfRange(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}
function checkRead(buf, offset, size) {
  if (offset === undefined) offset = 0;
  validateNumber(offset, 'offset');
  if (!Number.isInteger(offset) || offset < 0 || offset + size > buf.length) boundsError(offset, buf.length - size);
  return offset;
}
function dv(buf) { return new DataView(buf.buffer, buf.byteOffset, buf.byteLength); }

// reading and writing numbers ---------------------------------------------

const P = Buffer.prototype;
function defNum(suffix, size, get, set, min, max, range) {
  P['read' + suffix] = function (offset) {
    offset = checkRead(this, offset, size);
    return get(dv(this), offset);
  };
  P['write' + suffix] = function (value, offset) {
    offset = checkRead(this, offset, size);
    if (typeof value !== 'bigint' && min !== undefined) {
      if (typeof value !== 'number') value = +value;
      if (value > max || value < min) throw outOfRange('value', range, value);
    }
    set(dv(this), offset, value);
    return offset + size;
  };
}
const intRange = (bits, signed) => {
  if (!signed) return bits > 32 ? `>= 0n and < 2n ** ${bits}n` : `>= 0 and <= ${2 ** bits - 1}`;
  return bits > 32 ? `>= -(2n ** ${bits - 1}n) and < 2n ** ${bits - 1}n` : `>= -${2 ** (bits - 1)} and <= ${2 ** (bits - 1) - 1}`;
};
defNum('UInt8', 1, (d, o) => d.getUint8(o), (d, o, v) => d.setUint8(o, v), 0, 255, intRange(8, false));
defNum('Int8', 1, (d, o) => d.getInt8(o), (d, o, v) => d.setInt8(o, v), -128, 127, intRange(8, true));
for (const [le, E] of [[true, 'LE'], [false, 'BE']]) {
  defNum('UInt16' + E, 2, (d, o) => d.getUint16(o, le), (d, o, v) => d.setUint16(o, v, le), 0, 0xffff, intRange(16, false));
  defNum('Int16' + E, 2, (d, o) => d.getInt16(o, le), (d, o, v) => d.setInt16(o, v, le), -0x8000, 0x7fff, intRange(16, true));
  defNum('UInt32' + E, 4, (d, o) => d.getUint32(o, le), (d, o, v) => d.setUint32(o, v, le), 0, 0xffffffff, intRange(32, false));
  defNum('Int32' + E, 4, (d, o) => d.getInt32(o, le), (d, o, v) => d.setInt32(o, v, le), -0x80000000, 0x7fffffff, intRange(32, true));
  defNum('Float' + E, 4, (d, o) => d.getFloat32(o, le), (d, o, v) => d.setFloat32(o, +v, le));
  defNum('Double' + E, 8, (d, o) => d.getFloat64(o, le), (d, o, v) => d.setFloat64(o, +v, le));
  defBig('BigUInt64' + E, (d, o) => d.getBigUint64(o, le), (d, o, v) => d.setBigUint64(o, v, le), 0n, 2n ** 64n - 1n, intRange(64, false));
  defBig('BigInt64' + E, (d, o) => d.getBigInt64(o, le), (d, o, v) => d.setBigInt64(o, v, le), -(2n ** 63n), 2n ** 63n - 1n, intRange(64, true));
}
function defBig(suffix, get, set, min, max, range) {
  P['read' + suffix] = function (offset) {
    offset = checkRead(this, offset, 8);
    return get(dv(this), offset);
  };
  P['write' + suffix] = function (value, offset) {
    offset = checkRead(this, offset, 8);
    if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
    if (value > max || value < min) throw outOfRange('value', range, value);
    set(dv(this), offset, value);
    return offset + 8;
  };
}
// variable-width integers (1 to 6 bytes)
function checkByteLength(n) {
  if (typeof n !== 'number') throw argTypeError('byteLength', 'of type number', n);
  if (!Number.isInteger(n)) throw outOfRange('byteLength', 'an integer', n);
  if (n < 1 || n > 6) throw outOfRange('byteLength', '>= 1 and <= 6', n);
}
function readUIntLE(buf, offset, n) {
  let v = 0, mul = 1;
  for (let i = 0; i < n; i++, mul *= 256) v += buf[offset + i] * mul;
  return v;
}
function readUIntBE(buf, offset, n) {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + buf[offset + i];
  return v;
}
P.readUIntLE = function (offset, byteLength) {
  checkByteLength(byteLength);
  offset = checkRead(this, offset, byteLength);
  return readUIntLE(this, offset, byteLength);
};
P.readUIntBE = function (offset, byteLength) {
  checkByteLength(byteLength);
  offset = checkRead(this, offset, byteLength);
  return readUIntBE(this, offset, byteLength);
};
P.readIntLE = function (offset, byteLength) {
  const v = this.readUIntLE(offset, byteLength);
  const lim = 2 ** (8 * byteLength - 1);
  return v >= lim ? v - lim * 2 : v;
};
P.readIntBE = function (offset, byteLength) {
  const v = this.readUIntBE(offset, byteLength);
  const lim = 2 ** (8 * byteLength - 1);
  return v >= lim ? v - lim * 2 : v;
};
function writeVar(buf, value, offset, n, signed, le) {
  checkByteLength(n);
  offset = checkRead(buf, offset, n);
  value = +value;
  const lim = 2 ** (8 * n);
  const min = signed ? -lim / 2 : 0;
  const max = signed ? lim / 2 - 1 : lim - 1;
  if (value > max || value < min) {
    const range = n > 4 ? (signed ? `>= -(2 ** ${8 * n - 1}) and < 2 ** ${8 * n - 1}` : `>= 0 and < 2 ** ${8 * n}`)
      : (signed ? `>= ${min} and <= ${max}` : `>= 0 and <= ${max}`);
    throw outOfRange('value', range, value);
  }
  let v = value < 0 ? value + lim : value;
  for (let i = 0; i < n; i++) {
    const b = v % 256;
    buf[le ? offset + i : offset + n - 1 - i] = b;
    v = (v - b) / 256;
  }
  return offset + n;
}
P.writeUIntLE = function (value, offset, byteLength) { return writeVar(this, value, offset, byteLength, false, true); };
P.writeUIntBE = function (value, offset, byteLength) { return writeVar(this, value, offset, byteLength, false, false); };
P.writeIntLE = function (value, offset, byteLength) { return writeVar(this, value, offset, byteLength, true, true); };
P.writeIntBE = function (value, offset, byteLength) { return writeVar(this, value, offset, byteLength, true, false); };
// node's lower-case aliases
for (const k of Object.getOwnPropertyNames(P)) {
  const m = /^(read|write)(UInt|BigUInt)(.*)$/.exec(k);
  if (m) P[m[1] + m[2].replace('UInt', 'Uint') + m[3]] = P[k];
}

// strings -----------------------------------------------------------------

P.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return utf8Dec.decode(this);
  const len = this.length;
  if (start <= 0 || start === undefined) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  const enc = encoding === undefined ? 'utf8' : getEncoding(encoding);
  return decode(this.subarray(start, end), enc);
};
P.toLocaleString = P.toString;
P.write = function write(string, offset, length, encoding) {
  if (typeof string !== 'string') throw argTypeError('argument', 'of type string', string);
  if (offset === undefined) { encoding = 'utf8'; length = this.length; offset = 0; }
  else if (length === undefined && typeof offset === 'string') { encoding = offset; length = this.length; offset = 0; }
  else {
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) length = remaining;
    else if (typeof length === 'string') { encoding = length; length = remaining; }
    else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  const enc = encoding === undefined ? 'utf8' : getEncoding(encoding);
  let bytes = encode(string, enc);
  if (bytes.length > length) {
    bytes = bytes.subarray(0, length);
    if (enc === 'utf8') { // no partial characters
      let cut = length;
      let i = cut - 1;
      while (i >= 0 && (bytes[i] & 0xc0) === 0x80) i--;
      if (i >= 0) {
        const lead = bytes[i];
        const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (i + need > cut) cut = i;
      }
      bytes = bytes.subarray(0, cut);
    } else if (enc === 'utf16le') bytes = bytes.subarray(0, length & ~1);
  }
  this.set(bytes, offset);
  return bytes.length;
};
P.toJSON = function toJSON() {
  return { type: 'Buffer', data: Array.from(this) };
};
P.equals = function equals(other) {
  checkBytes(other, 'otherBuffer');
  return compareBytes(this, other) === 0;
};
P.compare = function compare(target, targetStart = 0, targetEnd = target && target.length, sourceStart = 0, sourceEnd = this.length) {
  checkBytes(target, 'target');
  validateOffset(targetStart, 'targetStart');
  validateOffset(targetEnd, 'targetEnd', 0, target.length);
  validateOffset(sourceStart, 'sourceStart');
  validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  return compareBytes(this.subarray(sourceStart, sourceEnd), target.subarray(targetStart, targetEnd));
};
P.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  checkBytes(target, 'target');
  targetStart = targetStart === undefined ? 0 : toInteger(targetStart, 'targetStart');
  sourceStart = sourceStart === undefined ? 0 : toInteger(sourceStart, 'sourceStart');
  sourceEnd = sourceEnd === undefined ? this.length : toInteger(sourceEnd, 'sourceEnd');
  if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
  if (sourceStart < 0 || sourceStart > this.length) throw outOfRange('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
  if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
  if (sourceEnd > this.length) sourceEnd = this.length;
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  const n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
  target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
  return n;
};
function toInteger(v, name) {
  const n = Math.trunc(+v);
  if (Number.isNaN(n)) return 0;
  return n;
}
P.fill = function fill(value, offset, end, encoding) {
  if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
  else if (typeof end === 'string') { encoding = end; end = this.length; }
  if (offset === undefined) offset = 0;
  else validateOffset(offset, 'offset');
  if (end === undefined) end = this.length;
  else validateOffset(end, 'end', 0, this.length);
  if (offset >= end) return this;
  if (typeof value === 'number') {
    Uint8Array.prototype.fill.call(this, value & 255, offset, end);
    return this;
  }
  if (typeof value === 'boolean') {
    Uint8Array.prototype.fill.call(this, +value, offset, end);
    return this;
  }
  let bytes;
  if (typeof value === 'string') {
    const enc = encoding === undefined ? 'utf8' : getEncoding(encoding);
    if (value.length === 0) {
      Uint8Array.prototype.fill.call(this, 0, offset, end);
      return this;
    }
    if (value.length === 1 && enc === 'utf8' && value.charCodeAt(0) < 128) {
      Uint8Array.prototype.fill.call(this, value.charCodeAt(0), offset, end);
      return this;
    }
    bytes = encode(value, enc);
    if (bytes.length === 0) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'value' is invalid. Received ${I.inspect(value)}`);
    }
  } else if (value instanceof Uint8Array) bytes = value;
  else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  else {
    Uint8Array.prototype.fill.call(this, (+value) & 255, offset, end);
    return this;
  }
  for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
  return this;
};

function needleBytes(val, enc) {
  if (typeof val === 'string') return encode(val, enc);
  if (val instanceof Uint8Array) return val;
  throw argTypeError('value', 'one of type number or string or an instance of Buffer or Uint8Array', val);
}
function indexOfImpl(buf, val, byteOffset, encoding, dir) {
  if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = undefined; }
  byteOffset = byteOffset === undefined ? (dir ? 0 : buf.length) : +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : buf.length;
  byteOffset = Math.trunc(byteOffset);
  if (byteOffset < 0) byteOffset += buf.length;
  if (typeof val === 'number') {
    val = (val >>> 0) & 255;
    if (dir) {
      for (let i = Math.max(byteOffset, 0); i < buf.length; i++) if (buf[i] === val) return i;
    } else {
      for (let i = Math.min(byteOffset, buf.length - 1); i >= 0; i--) if (buf[i] === val) return i;
    }
    return -1;
  }
  const enc = encoding === undefined ? 'utf8' : getEncoding(encoding);
  const needle = needleBytes(val, enc);
  const n = needle.length;
  if (n === 0) return dir ? Math.min(Math.max(byteOffset, 0), buf.length) : Math.min(byteOffset, buf.length);
  const match = (i) => {
    for (let j = 0; j < n; j++) if (buf[i + j] !== needle[j]) return false;
    return true;
  };
  if (dir) {
    for (let i = Math.max(byteOffset, 0); i + n <= buf.length; i++) if (match(i)) return i;
  } else {
    for (let i = Math.min(byteOffset, buf.length - n); i >= 0; i--) if (match(i)) return i;
  }
  return -1;
}
P.indexOf = function indexOf(val, byteOffset, encoding) { return indexOfImpl(this, val, byteOffset, encoding, true); };
P.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) { return indexOfImpl(this, val, byteOffset, encoding, false); };
P.includes = function includes(val, byteOffset, encoding) { return this.indexOf(val, byteOffset, encoding) !== -1; };

function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  return offset < length ? offset : length;
}
P.subarray = function subarray(start, end) {
  const len = this.length;
  start = start === undefined ? 0 : adjustOffset(start, len);
  end = end === undefined ? len : adjustOffset(end, len);
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};
P.slice = function slice(start, end) { return this.subarray(start, end); };

function swap(buf, size, name) {
  if (buf.length % size !== 0) {
    throw nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${name}`);
  }
  for (let i = 0; i < buf.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}
P.swap16 = function swap16() { return swap(this, 2, '16-bits'); };
P.swap32 = function swap32() { return swap(this, 4, '32-bits'); };
P.swap64 = function swap64() { return swap(this, 8, '64-bits'); };

P[I.customInspect] = function (recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = Array.from(this.subarray(0, actualMax), (b) => HEX[b]).join(' ');
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return `<${this.constructor.name} ${str}>`;
};

// transcode, atob/btoa, Blob and the constants ---------------------------

function isUtf8(input) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(input);
    return true;
  } catch {
    return false;
  }
}
function isAscii(input) {
  const b = input instanceof Uint8Array ? input : new Uint8Array(input.buffer || input);
  for (let i = 0; i < b.length; i++) if (b[i] > 127) return false;
  return true;
}
function SlowBuffer(size) { return Buffer.allocUnsafe(size); }
SlowBuffer.prototype = Buffer.prototype;

module.exports = {
  Buffer,
  SlowBuffer,
  Blob: globalThis.Blob,
  File: globalThis.File,
  atob: globalThis.atob,
  btoa: globalThis.btoa,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  INSPECT_MAX_BYTES,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
};
