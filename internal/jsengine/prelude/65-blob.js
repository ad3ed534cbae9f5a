// Blob, File and FormData, with node's rules and errors, and the body
// helpers core.js's Request and Response use (on the private host object:
// host.bodyInit, host.makeBlob, host.parseFormData).
  const blobMod = lazy(makeBlob);
  host.bodyInit = (v) => blobMod().bodyInit(v);
  host.makeBlob = (bytes, type) => blobMod().makeBlob(bytes, type);
  host.parseFormData = (bytes, type) => blobMod().parseFormData(bytes, type);
  host.blobBytes = (b) => blobMod().blobBytes(b);

  function makeBlob() {
    const kBytes = Symbol('bytes');
    const empty = new Uint8Array(0);
    const utf8 = (s) => hostUtf8Encode(toWellFormed(`${s}`));
    const invalidThis = (what) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${what}`);

    // A type is kept, lowercased, only if all of it is printable ASCII.
    function normType(t) {
      const s = `${t}`;
      return /^[\x20-\x7e]*$/.test(s) ? s.toLowerCase() : '';
    }
    function concat(parts, size) {
      const out = new Uint8Array(size);
      let at = 0;
      for (const p of parts) { out.set(p, at); at += p.length; }
      return out;
    }
    function partsOf(sources, endings) {
      if (sources === undefined) return empty;
      if (sources === null || (typeof sources !== 'object' && typeof sources !== 'function') || typeof sources[Symbol.iterator] !== 'function') {
        throw argTypeError('sources', 'a sequence', sources);
      }
      const parts = [];
      let size = 0;
      for (const s of sources) {
        let b;
        if (s instanceof Blob) b = s[kBytes];
        else if (isArrayBuffer(s)) b = new Uint8Array(s.slice(0));
        else if (ArrayBuffer.isView(s)) b = new Uint8Array(s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength));
        else {
          let str = `${s}`;
          if (endings === 'native') str = str.replace(/\r\n|\r/g, '\n');
          b = utf8(str);
        }
        parts.push(b);
        size += b.length;
      }
      return parts.length === 1 && parts[0] !== empty ? parts[0].slice() : concat(parts, size);
    }
    function blobOptions(options) {
      if (options != null && typeof options !== 'object' && typeof options !== 'function') {
        throw argTypeError('options', 'a dictionary', options);
      }
      const o = options || {};
      const endings = o.endings === undefined ? 'transparent' : `${o.endings}`;
      if (endings !== 'transparent' && endings !== 'native') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.endings' is invalid. Received ${inspect(o.endings)}`);
      }
      return { type: o.type === undefined ? '' : normType(o.type), endings };
    }

    class Blob {
      constructor(sources = undefined, options = undefined) {
        const o = blobOptions(options);
        this[kBytes] = partsOf(sources, o.endings);
        this[kType] = o.type;
      }
      get type() { check(this); return this[kType]; }
      get size() { check(this); return this[kBytes].length; }
      slice(start = 0, end = undefined, contentType = '') {
        check(this);
        const n = this[kBytes].length;
        const rel = (v, d) => {
          if (v === undefined) return d;
          const x = Math.trunc(Number(v)) || 0;
          return x < 0 ? Math.max(n + x, 0) : Math.min(x, n);
        };
        const s = rel(start, 0), e = rel(end, n);
        return makeBlob(this[kBytes].slice(s, Math.max(s, e)), contentType === undefined ? '' : normType(contentType));
      }
      arrayBuffer() {
        if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
        return Promise.resolve(this[kBytes].slice().buffer);
      }
      text() {
        if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
        return Promise.resolve(hostUtf8Decode(this[kBytes], false));
      }
      bytes() {
        if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
        return Promise.resolve(this[kBytes].slice());
      }
      stream() {
        check(this);
        return streamsMod().bytesStream(this[kBytes]);
      }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        const obj = Object.create({ constructor: this.constructor });
        obj.size = this.size;
        obj.type = this.type;
        if (this instanceof File) { obj.name = this.name; obj.lastModified = this.lastModified; }
        return `${this.constructor.name} ${inspect(obj, options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });
      }
    }
    const kType = Symbol('type');
    const isBlob = (v) => v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, kBytes);
    function check(v) { if (!isBlob(v)) throw invalidThis('Blob'); }
    function makeBlob(bytes, type) {
      const b = Object.create(Blob.prototype);
      b[kBytes] = bytes;
      b[kType] = type ? normType(type) : '';
      return b;
    }

    const kName = Symbol('name'), kModified = Symbol('lastModified');
    class File extends Blob {
      constructor(fileBits, fileName, options = undefined) {
        if (arguments.length < 2) throw missingArgs('The "fileBits" and "fileName" arguments must be specified');
        super(fileBits, options);
        this[kName] = `${fileName}`;
        const lm = options != null ? options.lastModified : undefined;
        this[kModified] = lm === undefined ? Date.now() : Number(lm) || 0;
      }
      get name() { fileCheck(this, '#name'); return this[kName]; }
      get lastModified() { fileCheck(this, '#lastModified'); return this[kModified]; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'File', configurable: true });
      }
    }
    // node's own message, from its private fields.
    function fileCheck(v, field) {
      if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, kName)) {
        throw new TypeError(`Cannot read private member ${field} from an object whose class did not declare it`);
      }
    }
    function makeFile(bytes, name, type) {
      const f = Object.create(File.prototype);
      f[kBytes] = bytes;
      f[kType] = type ? normType(type) : '';
      f[kName] = name;
      f[kModified] = Date.now();
      return f;
    }

    // ---- FormData ----
    const kList = Symbol('list');
    function entryValue(value, filename, method) {
      if (isBlob(value)) {
        if (filename !== undefined) return makeFileFrom(value, `${filename}`);
        if (value instanceof File) return value;
        return makeFileFrom(value, 'blob');
      }
      if (filename !== undefined) throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'Blob'`);
      return toWellFormed(`${value}`);
    }
    function makeFileFrom(blob, name) {
      const f = makeFile(blob[kBytes], name, blob[kType]);
      if (blob instanceof File) f[kModified] = blob[kModified];
      return f;
    }
    function needArgs(method, n, got) {
      if (got < n) throw new TypeError(`FormData.${method}: ${n} argument${n > 1 ? 's' : ''} required, but ${got ? 'only ' : ''}${got} found.`);
    }
    class FormData {
      constructor(form = undefined) {
        if (form !== undefined) throw new TypeError('FormData constructor: Argument 1 could not be converted to: undefined.');
        this[kList] = [];
      }
      append(name, value, filename = undefined) {
        fdCheck(this);
        needArgs('append', 2, arguments.length);
        this[kList].push([toWellFormed(`${name}`), entryValue(value, filename, 'append')]);
      }
      delete(name) {
        fdCheck(this);
        needArgs('delete', 1, arguments.length);
        const n = toWellFormed(`${name}`);
        this[kList] = this[kList].filter((e) => e[0] !== n);
      }
      get(name) {
        fdCheck(this);
        needArgs('get', 1, arguments.length);
        const n = toWellFormed(`${name}`);
        const e = this[kList].find((x) => x[0] === n);
        return e === undefined ? null : e[1];
      }
      getAll(name) {
        fdCheck(this);
        needArgs('getAll', 1, arguments.length);
        const n = toWellFormed(`${name}`);
        return this[kList].filter((x) => x[0] === n).map((x) => x[1]);
      }
      has(name) {
        fdCheck(this);
        needArgs('has', 1, arguments.length);
        const n = toWellFormed(`${name}`);
        return this[kList].some((x) => x[0] === n);
      }
      set(name, value, filename = undefined) {
        fdCheck(this);
        needArgs('set', 2, arguments.length);
        const n = toWellFormed(`${name}`);
        const entry = [n, entryValue(value, filename, 'set')];
        const list = this[kList];
        const i = list.findIndex((x) => x[0] === n);
        if (i < 0) { list.push(entry); return; }
        list[i] = entry;
        this[kList] = list.filter((x, j) => j <= i || x[0] !== n);
      }
      *keys() { for (const [k] of this.entries()) yield k; }
      *values() { for (const [, v] of this.entries()) yield v; }
      *entries() { fdCheck(this); for (let i = 0; i < this[kList].length; i++) yield this[kList][i].slice(); }
      forEach(cb, thisArg = undefined) {
        fdCheck(this);
        checkFunction(cb, 'callback');
        for (const [k, v] of this.entries()) cb.call(thisArg, v, k, this);
      }
      [Symbol.iterator]() { return this.entries(); }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        if (this[kList].length === 0) return 'FormData {}';
        const obj = Object.create({ constructor: FormData });
        for (const [k, v] of this[kList]) {
          if (!Object.prototype.hasOwnProperty.call(obj, k)) obj[k] = v;
          else if (Array.isArray(obj[k])) obj[k].push(v);
          else obj[k] = [obj[k], v];
        }
        return `FormData ${inspect(obj, options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });
      }
    }
    function fdCheck(v) {
      if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, kList)) throw invalidThis('FormData');
    }

    // multipart/form-data, as undici writes it: CRLF lines, names with
    // \n, \r and " escaped as %0A, %0D and %22.
    function escapeName(s) {
      return s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
    }
    function normLines(s) { return s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n'); }
    function serialize(fd) {
      let boundary = '----formdata-corets-';
      const rnd = new Uint8Array(8);
      hostRandomFill(rnd);
      for (const b of rnd) boundary += `${b % 10}${(b >> 4) % 10}`;
      const parts = [];
      let size = 0;
      const push = (b) => { parts.push(b); size += b.length; };
      for (const [name, value] of fd[kList]) {
        if (typeof value === 'string') {
          push(utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normLines(name))}"\r\n\r\n${normLines(value)}\r\n`));
        } else {
          push(utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normLines(name))}"; filename="${escapeName(value[kName])}"\r\nContent-Type: ${value[kType] || 'application/octet-stream'}\r\n\r\n`));
          push(value[kBytes]);
          push(utf8('\r\n'));
        }
      }
      push(utf8(`--${boundary}--\r\n`));
      return { bytes: concat(parts, size), type: `multipart/form-data; boundary=${boundary}` };
    }

    // bodyInit extracts a body the way fetch's "extract a body" does:
    // the bytes and the Content-Type it implies (null if none).
    function bodyInit(v) {
      if (typeof v === 'string') return { bytes: utf8(v), type: 'text/plain;charset=UTF-8' };
      if (isBlob(v)) return { bytes: v[kBytes], type: v[kType] || null };
      if (isArrayBuffer(v)) return { bytes: new Uint8Array(v.slice(0)), type: null };
      if (ArrayBuffer.isView(v)) return { bytes: new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)), type: null };
      if (v instanceof URLSearchParams) return { bytes: utf8(v.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
      if (v instanceof FormData) return serialize(v);
      return { bytes: utf8(`${v}`), type: 'text/plain;charset=UTF-8' };
    }

    // ---- parsing (Body.formData) ----
    function indexOf(hay, needle, from) {
      const first = needle[0], last = hay.length - needle.length;
      outer: for (let i = from; i <= last; i++) {
        if (hay[i] !== first) continue;
        for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    }
    function parseParams(header) { // 'form-data; name="a"; filename="b"' -> {name, filename}
      const out = {};
      const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
      let m;
      while ((m = re.exec(header)) !== null) {
        out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
      }
      return out;
    }
    const failed = () => new TypeError('Failed to parse body as FormData.');
    function parseMultipart(bytes, boundary) {
      const fd = new FormData();
      const delim = utf8(`--${boundary}`);
      let at = indexOf(bytes, delim, 0);
      if (at < 0) throw failed();
      const dec = (b) => hostUtf8Decode(b, false);
      for (;;) {
        at += delim.length;
        if (bytes[at] === 45 && bytes[at + 1] === 45) return fd; // "--": the end
        if (bytes[at] !== 13 || bytes[at + 1] !== 10) throw failed();
        at += 2;
        const headEnd = indexOf(bytes, utf8('\r\n\r\n'), at);
        if (headEnd < 0) throw failed();
        const headers = {};
        for (const line of dec(bytes.subarray(at, headEnd)).split('\r\n')) {
          const c = line.indexOf(':');
          if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
        }
        const next = indexOf(bytes, utf8(`\r\n--${boundary}`), headEnd + 4);
        if (next < 0) throw failed();
        const body = bytes.subarray(headEnd + 4, next);
        const disp = headers['content-disposition'];
        if (disp === undefined || !/^form-data\b/i.test(disp)) throw failed();
        const p = parseParams(disp);
        if (p.name === undefined) throw failed();
        const name = p.name.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%22/g, '"');
        if (p.filename !== undefined) {
          fd[kList].push([name, makeFile(body.slice(), p.filename, headers['content-type'] || 'application/octet-stream')]);
        } else {
          fd[kList].push([name, dec(body)]);
        }
        at = next + 2;
      }
    }
    function parseFormData(bytes, contentType) {
      const type = (contentType || '').toLowerCase();
      if (/^multipart\/form-data\s*(;|$)/.test(type)) {
        const b = parseParams(contentType).boundary;
        if (!b) throw failed();
        return parseMultipart(bytes, b);
      }
      if (/^application\/x-www-form-urlencoded\s*(;|$)/.test(type)) {
        const fd = new FormData();
        for (const [k, v] of new URLSearchParams(hostUtf8Decode(bytes, false))) fd[kList].push([k, v]);
        return fd;
      }
      throw new TypeError('Response.formData: unsupported content-type ' + (contentType || '""'));
    }

    return { Blob, File, FormData, bodyInit, makeBlob, parseFormData, blobBytes: (b) => (isBlob(b) ? b[kBytes] : null) };
  }
