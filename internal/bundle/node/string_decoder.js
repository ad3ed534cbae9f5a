// node:string_decoder for CoreTS-Wasm modules: StringDecoder keeps the
// bytes of an incomplete character (UTF-8, UTF-16LE) or base64 group
// between writes, as node 20's does; UTF-8 goes through the engine's
// streaming TextDecoder.
'use strict';
const I = globalThis[Symbol.for('corets.node')];
const { Buffer } = require('node:buffer');

function normalize(enc) {
  const e = enc == null || enc === '' ? 'utf8' : `${enc}`.toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'base64url': case 'hex': case 'ascii': return e;
  }
  throw I.nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${enc}`);
}

function toBytes(buf) {
  if (typeof buf === 'string') return Buffer.from(buf);
  if (ArrayBuffer.isView(buf)) return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  throw I.argTypeError('buf', 'an instance of Buffer, TypedArray, or DataView', buf);
}

class StringDecoder {
  constructor(encoding) {
    this.encoding = normalize(encoding);
    this._pending = Buffer.alloc(0);
    this._last = Buffer.alloc(4);
    this._need = 0;
    this._total = 0;
    this._utf8 = this.encoding === 'utf8' ? new TextDecoder('utf-8', { ignoreBOM: true }) : undefined;
  }
  write(buf) {
    if (typeof buf === 'string') return buf;
    const bytes = toBytes(buf);
    switch (this.encoding) {
      case 'utf8':
        return this._utf8.decode(bytes, { stream: true });
      case 'utf16le': return this._utf16(bytes);
      case 'base64': case 'base64url': {
        const all = this._pending.length ? Buffer.concat([this._pending, bytes]) : bytes;
        const end = all.length - (all.length % 3);
        this._pending = Buffer.from(all.subarray(end));
        return all.toString(this.encoding, 0, end);
      }
      default:
        return bytes.toString(this.encoding);
    }
  }
  end(buf) {
    let r = buf === undefined ? '' : this.write(buf);
    switch (this.encoding) {
      case 'utf8':
        r += this._utf8.decode();
        break;
      case 'utf16le':
        if (this._need) r += this._last.toString('utf16le', 0, this._total - this._need);
        this._need = 0;
        break;
      case 'base64': case 'base64url':
        if (this._pending.length) r += this._pending.toString(this.encoding);
        break;
    }
    this._pending = Buffer.alloc(0);
    return r;
  }
  // node's: an odd byte waits for its pair; a high surrogate ending an
  // even run waits for its low one, but one completed from waiting bytes
  // is returned as it is
  _utf16(buf) {
    let r = '';
    let i = 0;
    if (this._need) {
      const need = this._need;
      if (need > buf.length) {
        this._last.set(buf, this._total - need);
        this._need -= buf.length;
        return '';
      }
      this._last.set(buf.subarray(0, need), this._total - need);
      r = this._last.toString('utf16le', 0, this._total);
      this._need = 0;
      i = need;
    }
    if (i >= buf.length) return r;
    if ((buf.length - i) % 2 === 0) {
      const t = buf.toString('utf16le', i);
      const c = t.charCodeAt(t.length - 1);
      if (c >= 0xd800 && c <= 0xdbff) {
        this._need = 2;
        this._total = 4;
        this._last[0] = buf[buf.length - 2];
        this._last[1] = buf[buf.length - 1];
        return r + t.slice(0, -1);
      }
      return r + t;
    }
    this._need = 1;
    this._total = 2;
    this._last[0] = buf[buf.length - 1];
    return r + buf.toString('utf16le', i, buf.length - 1);
  }
  text(buf, offset) {
    return this.write(toBytes(buf).subarray(offset));
  }
}
Object.defineProperty(StringDecoder, 'name', { value: 'StringDecoder' });

module.exports = { StringDecoder };
