// The data: URL processor of the Fetch standard, for fetch (hostfns/core.js
// reaches it as host.dataURL): a data: URL is answered in the guest, with
// no grant and no host call, so it costs only the guest's own memory and
// fuel. Also the MIME type parser and serializer of the MIME Sniffing
// standard, which the processor needs.
  host.dataURL = (href) => dataURLMod().process(href);
  const dataURLMod = lazy(makeDataURL);

  function makeDataURL() {
    const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
    const quotedOK = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;
    const httpWS = /^[\t\n\r ]+|[\t\n\r ]+$/g;

    // parseMimeType returns { type, subtype, params: Map } or null.
    function parseMimeType(input) {
      input = input.replace(httpWS, '');
      let i = input.indexOf('/');
      if (i < 0) return null;
      const type = input.slice(0, i);
      if (type === '' || !tokenRe.test(type)) return null;
      let j = input.indexOf(';', i + 1);
      if (j < 0) j = input.length;
      const subtype = input.slice(i + 1, j).replace(/[\t\n\r ]+$/, '');
      if (subtype === '' || !tokenRe.test(subtype)) return null;
      const params = new Map();
      let p = j;
      while (p < input.length) {
        p++; // the ';'
        while (p < input.length && /[\t\n\r ]/.test(input[p])) p++;
        let e = p;
        while (e < input.length && input[e] !== ';' && input[e] !== '=') e++;
        const name = input.slice(p, e).toLowerCase();
        p = e;
        if (p < input.length) {
          if (input[p] === ';') continue;
          p++; // the '='
        }
        if (p >= input.length) break;
        let value;
        if (input[p] === '"') {
          value = '';
          p++;
          for (;;) {
            while (p < input.length && input[p] !== '"' && input[p] !== '\\') value += input[p++];
            if (p < input.length && input[p] === '\\') {
              p++;
              if (p >= input.length) { value += '\\'; break; }
              value += input[p++];
              continue;
            }
            p++; // the closing quote (or the end)
            break;
          }
          while (p < input.length && input[p] !== ';') p++;
        } else {
          e = input.indexOf(';', p);
          if (e < 0) e = input.length;
          value = input.slice(p, e).replace(/[\t\n\r ]+$/, '');
          p = e;
          if (value === '') continue;
        }
        if (name !== '' && tokenRe.test(name) && quotedOK.test(value) && !params.has(name)) params.set(name, value);
      }
      return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params };
    }
    function serializeMimeType(m) {
      let s = m.type + '/' + m.subtype;
      for (const [k, v] of m.params) {
        s += ';' + k + '=' + (v !== '' && tokenRe.test(v) ? v : '"' + v.replace(/(["\\])/g, '\\$1') + '"');
      }
      return s;
    }

    const hexVal = (c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);
    function percentDecode(bytes) {
      const out = new Uint8Array(bytes.length);
      let n = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === 0x25 && i + 2 < bytes.length) {
          const h = hexVal(bytes[i + 1]), l = hexVal(bytes[i + 2]);
          if (h >= 0 && l >= 0) {
            out[n++] = (h << 4) | l;
            i += 2;
            continue;
          }
        }
        out[n++] = b;
      }
      return out.subarray(0, n);
    }
    const b64 = new Int8Array(256).fill(-1);
    for (let i = 0; i < 64; i++) b64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
    // forgiving-base64 decode over bytes; null on failure.
    function forgivingBase64(bytes) {
      const data = new Uint8Array(bytes.length);
      let n = 0;
      for (const b of bytes) if (b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x20) data[n++] = b;
      if (n % 4 === 0 && n > 0 && data[n - 1] === 0x3d) n -= data[n - 2] === 0x3d ? 2 : 1;
      if (n % 4 === 1) return null;
      const out = new Uint8Array(Math.floor(n * 3 / 4));
      let buf = 0, bits = 0, o = 0;
      for (let i = 0; i < n; i++) {
        const v = b64[data[i]];
        if (v < 0) return null;
        buf = ((buf << 6) | v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out[o++] = (buf >> bits) & 0xff;
        }
      }
      return out;
    }

    // process(href): href is the URL's serialization without its fragment.
    // Returns { type, bytes } or null (the standard's failure).
    function process(href) {
      const rest = href.slice(5); // after "data:"
      const comma = rest.indexOf(',');
      if (comma < 0) return null;
      let mimeType = rest.slice(0, comma).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
      let bytes = percentDecode(encodingMod().utf8Encode(rest.slice(comma + 1)));
      const b64m = /;[ ]*base64$/i.exec(mimeType);
      if (b64m !== null) {
        bytes = forgivingBase64(bytes);
        if (bytes === null) return null;
        mimeType = mimeType.slice(0, mimeType.length - 6).replace(/[ ]+$/, '').slice(0, -1);
      }
      if (mimeType.startsWith(';')) mimeType = 'text/plain' + mimeType;
      const m = parseMimeType(mimeType);
      return { type: m === null ? 'text/plain;charset=US-ASCII' : serializeMimeType(m), bytes };
    }

    return { process, parseMimeType, serializeMimeType };
  }
