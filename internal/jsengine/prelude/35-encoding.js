// TextEncoder and TextDecoder (UTF-8 here, the others in 36-text-legacy.js), and the UTF-8 helpers URL uses.
  const encodingMod = lazy(makeEncoding);

  // UTF-8 is the bridge's (bridge.c, "strings"): C reads and writes the
  // string's own characters, where a JS loop cost about a second per MiB.
  // Lone surrogates become U+FFFD (EF BF BD), and decoding replaces each
  // maximal invalid subpart with one U+FFFD, as the Encoding standard says.
  const hostUtf8Encode = host.utf8Encode;
  const hostUtf8EncodeInto = host.utf8EncodeInto;
  const hostUtf8Decode = host.utf8Decode;
  const hostUtf8Tail = host.utf8Tail;

  function makeEncoding() {
    const utf8Encode = (s) => hostUtf8Encode(s);
    const utf8DecodeLossy = (bytes) => hostUtf8Decode(bytes, false);
    const empty = new Uint8Array(0);

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
        const [read, written] = hostUtf8EncodeInto(`${src}`, dest);
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
      #encoding = 'utf-8'; // another: decoded by 36-text-legacy.js
      #fatal;
      #ignoreBOM;
      #pending = null; // the start of a character cut by a stream chunk's end
      #bomSeen = false;
      constructor(encoding = 'utf-8', options = undefined) {
        const label = `${encoding}`.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
        if (!utf8Labels.includes(label) && (this.#encoding = legacyEncoding(label)) === null) {
          throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${label}" encoding is not supported`);
        }
        if (options != null && typeof options !== 'object') throw argTypeError('options', 'of type object', options);
        this.#fatal = !!(options && options.fatal);
        this.#ignoreBOM = !!(options && options.ignoreBOM);
      }
      get encoding() { return this.#encoding; }
      get fatal() { return this.#fatal; }
      get ignoreBOM() { return this.#ignoreBOM; }
      decode(input = undefined, options = undefined) {
        let bytes = input === undefined ? empty : toBytes(input, 'input');
        const stream = !!(options && options.stream);
        if (this.#pending !== null) {
          const joined = new Uint8Array(this.#pending.length + bytes.length);
          joined.set(this.#pending);
          joined.set(bytes, this.#pending.length);
          bytes = joined;
          this.#pending = null;
        }
        let s;
        if (this.#encoding !== 'utf-8') {
          try {
            [s, this.#pending] = legacyDecode(this.#encoding, bytes, stream, this.#fatal);
          } catch (e) {
            this.#bomSeen = false;
            throw e;
          }
        } else if (stream) {
          const t = hostUtf8Tail(bytes);
          if (t > 0) {
            this.#pending = bytes.slice(bytes.length - t);
            bytes = bytes.subarray(0, bytes.length - t);
          }
        }
        if (s === undefined) s = hostUtf8Decode(bytes, this.#fatal);
        if (s === null) {
          this.#pending = null;
          this.#bomSeen = false;
          throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding utf-8');
        }
        if (!this.#bomSeen && s.length > 0) {
          this.#bomSeen = true;
          if (!this.#ignoreBOM && s.charCodeAt(0) === 0xfeff && /^utf-/.test(this.#encoding)) s = s.slice(1);
        }
        if (!stream) this.#bomSeen = false;
        return s;
      }
      [customInspect](depth, options) {
        return `TextDecoder ${inspect({ encoding: this.#encoding, fatal: this.#fatal, ignoreBOM: this.#ignoreBOM }, options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });
      }
    }

    return { TextEncoder, TextDecoder, utf8Encode, utf8DecodeLossy };
  }
