// TextEncoder and TextDecoder (UTF-8), and the UTF-8 helpers URL uses.
  const encodingMod = lazy(makeEncoding);

  // Lone surrogates become U+FFFD (EF BF BD), as the Encoding standard says.
  function makeEncoding() {
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

    function toBytes(input, name) {
      if (input instanceof Uint8Array) return input;
      if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      if (isArrayBuffer(input) || (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) {
        return new Uint8Array(input);
      }
      throw argTypeError(name, 'an instance of ArrayBuffer or ArrayBufferView', input);
    }

    class TextEncoder {
      get encoding() { return 'utf-8'; }
      encode(input = '') { return utf8Encode(`${input}`); }
      encodeInto(src, dest) {
        if (!(dest instanceof Uint8Array)) throw argTypeError('dest', 'an instance of Uint8Array', dest);
        const s = `${src}`;
        const [read, written] = utf8Write(s, dest, s.length);
        return { read, written };
      }
      [customInspect](depth, options) {
        return inspect({ encoding: 'utf-8' }, options);
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });
      }
    }

    const utf8Labels = ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'];
    class TextDecoder {
      #fatal;
      #ignoreBOM;
      #state = freshUtf8State();
      #bomSeen = false;
      constructor(encoding = 'utf-8', options = undefined) {
        const label = `${encoding}`.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
        if (!utf8Labels.includes(label)) {
          throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${label}" encoding is not supported`);
        }
        if (options != null && typeof options !== 'object') throw argTypeError('options', 'of type object', options);
        this.#fatal = !!(options && options.fatal);
        this.#ignoreBOM = !!(options && options.ignoreBOM);
      }
      get encoding() { return 'utf-8'; }
      get fatal() { return this.#fatal; }
      get ignoreBOM() { return this.#ignoreBOM; }
      decode(input = undefined, options = undefined) {
        const bytes = input === undefined ? new Uint8Array(0) : toBytes(input, 'input');
        const stream = !!(options && options.stream);
        let s = utf8Decode(bytes, this.#state, !stream, this.#fatal);
        if (s === FAIL) {
          this.#state = freshUtf8State();
          this.#bomSeen = false;
          throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding utf-8');
        }
        if (!this.#bomSeen && s.length > 0) {
          this.#bomSeen = true;
          if (!this.#ignoreBOM && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
        }
        if (!stream) this.#bomSeen = false;
        return s;
      }
      [customInspect](depth, options) {
        return `TextDecoder ${inspect({ encoding: 'utf-8', fatal: this.#fatal, ignoreBOM: this.#ignoreBOM }, options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });
      }
    }

    return { TextEncoder, TextDecoder, utf8Encode, utf8DecodeLossy };
  }
