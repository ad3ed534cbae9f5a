// core.js turns the host functions of package hostfns into the globals a
// module uses: `core` (files, store, processes, embedder calls) and `fetch`
// with `Headers` and `Response`. It runs once per engine, before any module
// code, and receives the private host object that module code never sees.
//
// Wire formats (see hostfns/*.go): most requests are JSON text. Requests
// that carry bytes (file writes, request bodies) and replies that carry
// bytes (file reads, response bodies) are frames: a 4-byte little-endian
// length, that many bytes of JSON, then the raw bytes.
//
// Text never passes through a JS encoder: strings go to host.call as they
// are, host.frame builds a request frame from strings or bytes, and text
// replies arrive as strings; the bridge (bridge.c, "strings") converts both
// ways, with lone surrogates and invalid bytes as U+FFFD.
(host) => {
  'use strict';
  const call = host.call;
  const hostFrame = host.frame;
  const fn = (name) => {
    const id = host.lookup(name);
    if (id < 0) throw new Error('corets: host function ' + name + ' is missing');
    return id;
  };
  const H = {
    info: fn('core.info'), who: fn('core.module'),
    read: fn('core.file.read'), readBytes: fn('core.file.readBytes'), write: fn('core.file.write'),
    list: fn('core.file.list'), stat: fn('core.file.stat'), remove: fn('core.file.delete'), mkdir: fn('core.file.mkdir'),
    get: fn('core.store.get'), set: fn('core.store.set'), del: fn('core.store.delete'),
    keys: fn('core.store.list'), cas: fn('core.store.cas'),
    start: fn('core.process.start'), wait: fn('core.process.wait'), stop: fn('core.process.stop'),
    fetch: fn('core.fetch'), fetchOpen: fn('core.fetch.open'), fetchRead: fn('core.fetch.read'), fetchCancel: fn('core.fetch.cancel'), fetchReadAll: fn('core.fetch.readAll'), fetchUpload: fn('core.fetch.upload'), fetchWrite: fn('core.fetch.write'),
    custom: fn('core.call'), customAsync: fn('core.callAsync'),
  };
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const stringify = JSON.stringify, parse = JSON.parse;
  const freeze = Object.freeze, defineProperty = Object.defineProperty;
  const isView = ArrayBuffer.isView;
  const Promise_ = Promise, promiseResolve = Promise.resolve.bind(Promise), promiseReject = Promise.reject.bind(Promise);

  // Every core method returns a promise, as CoreTS's did. Synchronous host
  // functions settle it at once; a refusal becomes a rejection.
  function now(id, arg, decode) {
    try {
      const r = call(id, arg);
      return promiseResolve(decode ? decode(r) : r);
    } catch (e) {
      return promiseReject(e);
    }
  }
  const asJSON = (s) => (s === undefined ? null : parse(s));
  const asUndefined = () => undefined;

  function str(v, what) {
    if (typeof v !== 'string') throw new TypeError(what + ' must be a string, got ' + (v === null ? 'null' : typeof v));
    return v;
  }
  // A body as the host takes it: a string (the bridge writes its UTF-8)
  // or a Uint8Array over the caller's bytes.
  function bodyOf(data, what) {
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new TypeError(what + ' must be a string, an ArrayBuffer or a typed array');
  }
  function bytesOf(data, what) {
    const b = bodyOf(data, what);
    return typeof b === 'string' ? encoder.encode(b) : b;
  }
  const frame = (head, body) => hostFrame(stringify(head), body);
  function unframe(buf) {
    const all = new Uint8Array(buf);
    const n = new DataView(buf).getUint32(0, true);
    return { head: parse(decoder.decode(all.subarray(4, 4 + n))), body: all.subarray(4 + n) };
  }
  const guard = (f) => function () {
    try { return f.apply(this, arguments); } catch (e) { return promiseReject(e); }
  };

  // info is the host's static description: which embedder functions are
  // asynchronous. The module's identity is asked for when first used,
  // since this script runs before any module is bound.
  const info = parse(call(H.info));
  const asyncCalls = new Set(info.async);

  const core = {
    // The module's identity as the host knows it.
    get module() { return parse(call(H.who)); },

    fileRead: guard((path) => now(H.read, str(path, 'path'))),
    fileReadBytes: guard((path) => now(H.readBytes, str(path, 'path'), (b) => new Uint8Array(b))),
    fileWrite: guard((path, data) => now(H.write, frame({ path: str(path, 'path') }, bodyOf(data, 'data')), asUndefined)),
    fileWriteBytes: guard((path, data) => now(H.write, frame({ path: str(path, 'path') }, bodyOf(data, 'data')), asUndefined)),
    fileList: guard((path) => now(H.list, str(path, 'path'), parse)),
    fileStat: guard((path) => now(H.stat, str(path, 'path'), asJSON)),
    fileDelete: guard((path) => now(H.remove, str(path, 'path'), asUndefined)),
    fileMkdir: guard((path) => now(H.mkdir, str(path, 'path'), asUndefined)),

    storeGet: guard((group, key) =>
      now(H.get, stringify({ group: str(group, 'group'), key: str(key, 'key') }), (s) => (s === undefined ? null : parse(s).value))),
    storeGetEntry: guard((group, key) =>
      now(H.get, stringify({ group: str(group, 'group'), key: str(key, 'key') }), asJSON)),
    storeSet: guard((group, key, value) =>
      now(H.set, stringify({ group: str(group, 'group'), key: str(key, 'key'), value: jsonValue(value) }), (s) => parse(s).version)),
    storeDelete: guard((group, key) =>
      now(H.del, stringify({ group: str(group, 'group'), key: str(key, 'key') }), (s) => s === 'true')),
    storeList: guard((group, opts) => {
      const o = opts || {};
      return now(H.keys, stringify({ group: str(group, 'group'), prefix: o.prefix || '', cursor: o.cursor || '', limit: o.limit || 0 }), parse);
    }),
    storeCompareAndSet: guard((group, key, value, version) => {
      if (!Number.isSafeInteger(version) || version < 0) throw new TypeError('version must be a non-negative integer (0: the key must not exist)');
      return now(H.cas, stringify({ group: str(group, 'group'), key: str(key, 'key'), value: value === undefined ? undefined : jsonValue(value), version, delete: value === undefined }), parse);
    }),

    processStart: guard((cmd, args, opts) => {
      const a = args === undefined ? [] : args;
      if (!Array.isArray(a) || a.some((x) => typeof x !== 'string')) throw new TypeError('args must be an array of strings');
      const o = opts || {};
      const req = { cmd: str(cmd, 'cmd'), args: a, cwd: o.cwd === undefined ? '' : str(o.cwd, 'opts.cwd'), env: o.env || {} };
      if (o.stdin !== undefined) req.stdin = str(o.stdin, 'opts.stdin');
      return now(H.start, stringify(req), parse);
    }),
    processWait: guard((id) => call(H.wait, stringify(id)).then(parse)),
    processStop: guard((id) => now(H.stop, stringify(id), asUndefined)),

    // call reaches a host function the embedder added, granted by a
    // capability of the embedder's own in the manifest.
    call: guard((name, arg) => {
      const req = stringify({ name: str(name, 'name'), arg: arg === undefined ? null : jsonValue(arg) });
      if (asyncCalls.has(name)) return call(H.customAsync, req).then(asJSON);
      const r = call(H.custom, req);
      return r instanceof Promise_ ? r.then(asJSON) : promiseResolve(asJSON(r));
    }),
  };
  // jsonValue checks that v survives JSON; the request carries it as a
  // nested value, which the host stores as the JSON text it is.
  function jsonValue(v) {
    if (stringify(v) === undefined) throw new TypeError('value must be representable as JSON, got ' + typeof v);
    return v;
  }
  defineProperty(globalThis, 'core', { value: freeze(core), writable: false, enumerable: false, configurable: false });

  // ---- fetch ----
  const kHeaders = Symbol('headers');
  function normName(n) {
    const s = String(n).toLowerCase();
    if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(s)) throw new TypeError('invalid header name: ' + n);
    return s;
  }
  function normValue(v) {
    const s = String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (/[\0\r\n]/.test(s)) throw new TypeError('invalid header value');
    return s;
  }
  class Headers {
    constructor(init) {
      this[kHeaders] = new Map();
      if (init == null) return;
      if (init instanceof Headers) {
        for (const [k, v] of init) this.append(k, v);
      } else if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const p = Array.from(pair);
          if (p.length !== 2) throw new TypeError('a header pair must have two elements');
          this.append(p[0], p[1]);
        }
      } else if (typeof init === 'object') {
        for (const k of Object.keys(init)) this.append(k, init[k]);
      } else {
        throw new TypeError('Headers: init must be an object or an iterable of pairs');
      }
    }
    append(name, value) {
      const n = normName(name), v = normValue(value), m = this[kHeaders];
      const old = m.get(n);
      m.set(n, old === undefined ? v : n === 'set-cookie' ? old + '\n' + v : old + ', ' + v);
    }
    set(name, value) { this[kHeaders].set(normName(name), normValue(value)); }
    get(name) { const v = this[kHeaders].get(normName(name)); return v === undefined ? null : v.replace(/\n/g, ', '); }
    getSetCookie() { const v = this[kHeaders].get('set-cookie'); return v === undefined ? [] : v.split('\n'); }
    has(name) { return this[kHeaders].has(normName(name)); }
    delete(name) { this[kHeaders].delete(normName(name)); }
    forEach(cb, thisArg) { for (const [k, v] of this) cb.call(thisArg, v, k, this); }
    *entries() {
      const keys = Array.from(this[kHeaders].keys()).sort();
      for (const k of keys) {
        // Each Set-Cookie is its own pair, as fetch's "sort and combine" says.
        if (k === 'set-cookie') for (const v of this.getSetCookie()) yield [k, v];
        else yield [k, this.get(k)];
      }
    }
    *keys() { for (const [k] of this.entries()) yield k; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    get [Symbol.toStringTag]() { return 'Headers'; }
  }

  // Headers print as node's: Headers { name: 'value' }.
  defineProperty(Headers.prototype, Symbol.for('nodejs.util.inspect.custom'), {
    value(depth, options, inspect) {
      if (typeof depth === 'number' && depth < 0) return '[Headers]';
      const obj = Object.create({ constructor: Headers });
      for (const [k, v] of this) obj[k] = v;
      return this[kHeaders].size === 0 ? 'Headers {}' : 'Headers ' + inspect(obj, options);
    },
    writable: true, configurable: true,
  });

  // ---- bodies (Response and Request share them, as fetch's Body mixin) ----
  // A body is its bytes (null: none) and whether it was read; host.bodyInit
  // (prelude/65-blob.js) extracts one from a string, BufferSource, Blob,
  // URLSearchParams or FormData with the Content-Type it implies.
  const kBody = Symbol('body'), kUsed = Symbol('bodyUsed');
  const extract = host.bodyInit, makeBlob = host.makeBlob, parseFormData = host.parseFormData;
  const emptyBytes = () => new Uint8Array(0);
  const kStreamB = Symbol('bodyStream'), FROM_STREAM = new Uint8Array(0);
  function setBody(o, body, headers) {
    if (body == null) { o[kBody] = null; return; }
    if (typeof body === 'object' && host.isReadableStream(body)) {
      if (body.locked || host.isDisturbed(body)) throw new TypeError('Response body object should not be disturbed or locked');
      o[kBody] = FROM_STREAM;
      o[kStreamB] = body;
      return;
    }
    const b = extract(body);
    o[kBody] = b.bytes;
    if (b.type !== null && !headers.has('content-type')) headers.set('content-type', b.type);
  }
  const unusable = (o) => o[kUsed] || (o[kStreamB] !== undefined && (o[kStreamB].locked || host.isDisturbed(o[kStreamB])));
  function take(o) {
    if (unusable(o)) return promiseReject(new TypeError('Body is unusable: Body has already been read'));
    if (o[kBody] === null) return promiseResolve(emptyBytes());
    o[kUsed] = true;
    // a body whose stream was made is read through it, which ends locked and closed, as node's
    if (o[kBody] !== FROM_STREAM && o[kStreamB] === undefined) return promiseResolve(o[kBody]);
    const hb = hostBodies.get(o[kStreamB]);
    if (hb !== undefined && hb.open) {
      // a host body nobody read: the host reads the rest in one piece
      hb.open = false;
      o[kStreamB].getReader(); // locked, as a body that was read
      return call(H.fetchReadAll, hb.idBuf).then((buf) => unframe(buf).body);
    }
    return readAll(o[kStreamB]);
  }
  // readAll collects a stream body's chunks, which must be bytes.
  function readAll(stream) {
    const reader = stream.getReader();
    const chunks = [];
    let size = 0;
    const next = () => reader.read().then(({ value, done }) => {
      if (done) {
        const out = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) { out.set(c, at); at += c.length; }
        return out;
      }
      if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
      chunks.push(value.slice());
      size += value.length;
      return next();
    });
    return next();
  }
  // cloneBody gives the copy its own body: the bytes copied, or one branch
  // of a tee of the stream (the original keeps the other).
  function cloneBody(from, to) {
    if (from[kBody] === FROM_STREAM) {
      const [a, b] = from[kStreamB].tee();
      from[kStreamB] = a;
      to[kBody] = FROM_STREAM;
      to[kStreamB] = b;
    } else {
      to[kBody] = from[kBody] === null ? null : from[kBody].slice();
    }
  }
  const bodyMethods = {
    get body() {
      if (this[kBody] === null) return null;
      if (this[kStreamB] === undefined) this[kStreamB] = host.bytesStream(this[kBody], () => { this[kUsed] = true; });
      return this[kStreamB];
    },
    get bodyUsed() { return this[kUsed] || (this[kStreamB] !== undefined && host.isDisturbed(this[kStreamB])); },
    arrayBuffer() { return take(this).then((b) => b.slice().buffer); },
    bytes() { return take(this).then((b) => b.slice()); },
    text() { return take(this).then((b) => decoder.decode(b)); },
    json() { return this.text().then(parse); },
    blob() { return take(this).then((b) => makeBlob(b.slice(), this.headers.get('content-type') || '')); },
    formData() {
      return take(this).then((b) => {
        const type = this.headers.get('content-type') || '';
        if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i.test(type)) {
          throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
        }
        return parseFormData(b, type);
      });
    },
  };
  function mixBody(C) {
    for (const k of Object.keys(Object.getOwnPropertyDescriptors(bodyMethods))) {
      const d = Object.getOwnPropertyDescriptor(bodyMethods, k);
      d.enumerable = false;
      defineProperty(C.prototype, k, d);
    }
  }

  const nullBodyStatus = (s) => s === 101 || s === 103 || s === 204 || s === 205 || s === 304;
  const kInternal = Symbol('internal');
  class Response {
    constructor(body = null, init = undefined) {
      const o = init || {};
      if (o === kInternal) {
        this.status = 200; this.statusText = ''; this.headers = new Headers(); this[kBody] = null;
      } else {
        const status = o.status === undefined ? 200 : Math.trunc(Number(o.status)) || 0;
        if (status < 200 || status > 599) throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
        const statusText = o.statusText === undefined ? '' : String(o.statusText);
        if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(statusText)) throw new TypeError('Invalid statusText');
        this.status = status;
        this.statusText = statusText;
        this.headers = new Headers(o.headers);
        if (body != null && nullBodyStatus(status)) throw new TypeError('Response constructor: Invalid response status code ' + status);
        setBody(this, body, this.headers);
      }
      this.url = '';
      this.redirected = false;
      this.type = 'default';
      this[kUsed] = false;
    }
    get ok() { return this.status >= 200 && this.status <= 299; }
    clone() {
      if (unusable(this)) throw new TypeError('Response.clone: Body has already been consumed.');
      const r = new Response(null, kInternal);
      r.status = this.status; r.statusText = this.statusText; r.headers = new Headers(this.headers);
      cloneBody(this, r);
      r.url = this.url; r.redirected = this.redirected; r.type = this.type;
      return r;
    }
    static json(data, init) {
      const h = new Headers(init && init.headers);
      if (!h.has('content-type')) h.set('content-type', 'application/json');
      return new Response(stringify(data), Object.assign({}, init, { headers: h }));
    }
    static redirect(url, status = 302) {
      let href;
      try { href = new URL(String(url instanceof URL ? url.href : url)).href; } catch { throw new TypeError('Failed to parse URL from ' + url); }
      const s = Math.trunc(Number(status)) || 0;
      if (s !== 301 && s !== 302 && s !== 303 && s !== 307 && s !== 308) throw new RangeError('Invalid status code ' + status);
      const r = new Response(null, kInternal);
      r.status = s;
      r.headers.set('location', href);
      return r;
    }
    static error() {
      const r = new Response(null, kInternal);
      r.status = 0;
      r.type = 'error';
      return r;
    }
    get [Symbol.toStringTag]() { return 'Response'; }
  }
  mixBody(Response);

  // Request, as undici's: the URL must be absolute, the method a token
  // (the common ones uppercased), GET and HEAD without a body.
  const kReq = Symbol('request');
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const NORMALIZED = /^(DELETE|GET|HEAD|OPTIONS|POST|PUT)$/i;
  const FORBIDDEN = /^(CONNECT|TRACE|TRACK)$/i;
  const reqDefaults = {
    destination: '', referrer: 'about:client', referrerPolicy: '', mode: 'cors', credentials: 'same-origin',
    cache: 'default', integrity: '', keepalive: false, isReloadNavigation: false, isHistoryNavigation: false,
  };
  class Request {
    constructor(input, init = undefined) {
      if (arguments.length < 1) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      const o = init == null ? {} : init;
      let st;
      if (input instanceof Request) {
        const from = input[kReq];
        if (unusable(input) && (o.body === undefined)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
        st = Object.assign({}, from);
        st.headers = new Headers(input.headers);
        st.body = input[kBody];
        st.bodyStream = input[kStreamB];
        if (o.body === undefined && input[kBody] !== null) input[kUsed] = true;
      } else {
        let u;
        const text = String(input instanceof URL ? input.href : input);
        try { u = new URL(text); } catch { throw new TypeError('Failed to parse URL from ' + text); }
        if (u.username || u.password) throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + text);
        st = Object.assign({ url: u.href, method: 'GET', redirect: 'follow', signal: null, headers: new Headers(), body: null }, reqDefaults);
      }
      if (o.method !== undefined) {
        let m = String(o.method);
        if (!TOKEN.test(m)) throw new TypeError("'" + m + "' is not a valid HTTP method.");
        if (FORBIDDEN.test(m)) throw new TypeError("'" + m + "' HTTP method is unsupported.");
        if (NORMALIZED.test(m)) m = m.toUpperCase();
        st.method = m;
      }
      if (o.redirect !== undefined) {
        const r = String(o.redirect);
        if (r !== 'follow' && r !== 'manual' && r !== 'error') throw new TypeError('Request constructor: ' + r + ' is not an accepted type. Expected one of follow, manual, error.');
        st.redirect = r;
      }
      for (const k of ['referrerPolicy', 'mode', 'credentials', 'cache', 'integrity']) if (o[k] !== undefined) st[k] = String(o[k]);
      if (o.keepalive !== undefined) st.keepalive = !!o.keepalive;
      if (o.signal !== undefined) st.signal = o.signal;
      if (o.headers !== undefined) st.headers = new Headers(o.headers);
      const ac = new AbortController();
      const outer = st.signal;
      if (outer) {
        if (outer.aborted) ac.abort(outer.reason);
        else outer.addEventListener('abort', () => ac.abort(outer.reason), { once: true });
      }
      st.signal = ac.signal;
      this.headers = st.headers;
      delete st.headers;
      const body = o.body !== undefined ? o.body : null;
      if ((body != null || (o.body === undefined && st.body !== null)) && (st.method === 'GET' || st.method === 'HEAD')) {
        throw new TypeError('Request with GET/HEAD method cannot have body.');
      }
      if (o.body != null && typeof o.body === 'object' && host.isReadableStream(o.body) && o.duplex !== 'half') {
        throw new TypeError('RequestInit: duplex option is required when sending a body.');
      }
      if (o.body !== undefined) setBody(this, body, this.headers);
      else { this[kBody] = st.body; if (st.body === FROM_STREAM) this[kStreamB] = st.bodyStream; }
      delete st.body; delete st.bodyStream;
      this[kReq] = st;
      this[kUsed] = false;
    }
    clone() {
      if (unusable(this)) throw new TypeError('unusable');
      const r = Object.create(Request.prototype);
      r[kReq] = Object.assign({}, this[kReq]);
      const ac = new AbortController();
      const sig = this[kReq].signal;
      if (sig.aborted) ac.abort(sig.reason); else sig.addEventListener('abort', () => ac.abort(sig.reason), { once: true });
      r[kReq].signal = ac.signal;
      r.headers = new Headers(this.headers);
      cloneBody(this, r);
      r[kUsed] = false;
      return r;
    }
    get duplex() { return 'half'; }
    get [Symbol.toStringTag]() { return 'Request'; }
    [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
      if (typeof depth === 'number' && depth < 0) return this;
      const obj = Object.create({ constructor: Request });
      for (const k of ['method', 'url', 'headers', 'destination', 'referrer', 'referrerPolicy', 'mode', 'credentials', 'cache',
        'redirect', 'integrity', 'keepalive', 'isReloadNavigation', 'isHistoryNavigation', 'signal']) obj[k] = this[k];
      return 'Request ' + inspect(obj, options);
    }
  }
  for (const k of ['method', 'url', ...Object.keys(reqDefaults), 'redirect', 'signal']) {
    defineProperty(Request.prototype, k, { get() { return this[kReq][k]; }, enumerable: false, configurable: true });
  }
  mixBody(Request);

  // hostBody is a response body the host streams (hostfns/net_stream.go):
  // each pull reads the next chunk, so nothing is read ahead of the reader;
  // cancelling it, aborting the request's signal, or dropping it (the
  // finalizer) closes the connection.
  let bodyRegistry;
  const hostBodies = new WeakMap(); // stream -> its state, while take() may read it whole
  function hostBody(id, signal) {
    const idBuf = new Uint8Array(4);
    new DataView(idBuf.buffer).setUint32(0, id, true);
    const st = { idBuf, open: true };
    let ctl;
    const close = () => {
      if (!st.open) return;
      st.open = false;
      try { call(H.fetchCancel, idBuf); } catch {}
    };
    const source = {
      type: 'bytes',
      start(c) { ctl = c; },
      pull(c) {
        const step = () => call(H.fetchRead, idBuf).then((buf) => {
          if (!st.open) return undefined;
          const u = new Uint8Array(buf);
          if (u.length > 1) c.enqueue(u.slice(1));
          if (u[0] === 1) { st.open = false; c.close(); return undefined; }
          return u.length > 1 ? undefined : step();
        });
        return step().catch((e) => { st.open = false; throw e; });
      },
      cancel() { close(); },
    };
    const stream = new ReadableStream(source, { highWaterMark: 0 });
    if (signal) {
      signal.addEventListener('abort', () => {
        if (!st.open) return;
        close();
        try { ctl.error(signal.reason); } catch {}
      }, { once: true });
    }
    if (typeof FinalizationRegistry === 'function') {
      if (bodyRegistry === undefined) {
        bodyRegistry = new FinalizationRegistry((b) => {
          if (!b.open) return; // ended, or being read whole by take()
          b.open = false;
          try { call(H.fetchCancel, b.idBuf); } catch {}
        });
      }
      // the source, not the stream: a reader holds the stream's state, not the ReadableStream object
      bodyRegistry.register(source, st);
    }
    hostBodies.set(stream, st);
    return stream;
  }

  const METHODS = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/i;
  function fetch(input, init) {
    try {
      const o = init || {};
      if (input instanceof Request) {
        const rq = init === undefined ? input : new Request(input, init);
        if (unusable(rq)) throw new TypeError('Body is unusable: Body has already been read');
        if (rq[kBody] === null) return fetch(rq.url, { method: rq.method, headers: rq.headers, redirect: rq.redirect, signal: rq.signal });
        if (rq[kBody] === FROM_STREAM) {
          rq[kUsed] = true;
          return open(rq.url, rq.method.toUpperCase(), new Headers(rq.headers), rq.redirect, rq.signal, null, rq[kStreamB]);
        }
        return take(rq).then((b) => fetch(rq.url, { method: rq.method, headers: rq.headers, body: b, redirect: rq.redirect, signal: rq.signal }));
      }
      let url = input;
      if (input && typeof input === 'object' && !(input instanceof URL) && typeof input.url === 'string') url = input.url;
      url = String(url instanceof URL ? url.href : url);
      const method = (o.method === undefined ? 'GET' : String(o.method)).toUpperCase();
      if (/^[\0-\x20]*data:/i.test(url)) return fetchDataURL(url, method, o.signal);
      if (!METHODS.test(method)) throw new TypeError('fetch: unsupported method ' + o.method);
      const headers = new Headers(o.headers);
      let body = null;
      if (o.body != null) {
        if (method === 'GET' || method === 'HEAD') throw new TypeError('fetch: a ' + method + ' request cannot have a body');
        if (typeof o.body === 'string') {
          if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
          body = o.body;
        } else if (o.body instanceof URLSearchParams) {
          if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
          body = o.body.toString();
        } else if (typeof o.body === 'object' && host.isReadableStream(o.body)) {
          // checked as a Request (duplex, a locked or read stream), then sent as it is read
          const rq = new Request(url, { method, headers, body: o.body, duplex: o.duplex, redirect: o.redirect, signal: o.signal });
          return fetch(rq);
        } else if (typeof o.body === 'object' && !(o.body instanceof ArrayBuffer) && !isView(o.body)) {
          const b = extract(o.body); // Blob, FormData
          if (b.type !== null && !headers.has('content-type')) headers.set('content-type', b.type);
          body = b.bytes;
        } else {
          body = bodyOf(o.body, 'fetch body');
        }
      }
      const redirect = o.redirect === undefined ? 'follow' : String(o.redirect);
      if (redirect !== 'follow' && redirect !== 'manual' && redirect !== 'error') throw new TypeError('fetch: redirect must be follow, manual or error');
      return open(url, method, headers, redirect, o.signal, body, null);
    } catch (e) {
      return promiseReject(e);
    }
  }
  // sendStream writes a stream body into the host's pipe as the request
  // takes it (hostfns/net_upload.go); a failed read aborts the request.
  function sendStream(idBuf, stream) {
    const reader = stream.getReader();
    const send = (flag, data) => {
      const b = new Uint8Array(5 + (data ? data.length : 0));
      b[0] = flag;
      b.set(idBuf, 1);
      if (data) b.set(data, 5);
      return call(H.fetchWrite, b);
    };
    const pump = () => reader.read().then(({ value, done }) => {
      if (done) return send(1);
      if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
      return send(0, value).then(pump);
    });
    pump().catch((e) => {
      try { send(2).catch(() => {}); } catch {}
      reader.cancel(e).catch(() => {});
    });
  }
  function open(url, method, headers, redirect, signal, body, stream) {
    try {
      if (signal && signal.aborted) return promiseReject(signal.reason);
      const head = { url, method, headers: Array.from(headers), redirect };
      let idBuf;
      if (stream) {
        idBuf = new Uint8Array(call(H.fetchUpload));
        head.upload = new DataView(idBuf.buffer).getUint32(0, true);
      }
      const p = call(H.fetchOpen, frame(head, body));
      if (stream) sendStream(idBuf, stream);
      const done = p.then((buf) => {
        const { head, body } = unframe(buf);
        const r = new Response(null, kInternal);
        r.status = head.status; r.statusText = head.statusText; r.headers = new Headers(head.headers);
        if (head.body) {
          r[kBody] = FROM_STREAM;
          r[kStreamB] = hostBody(head.body, signal);
        } else {
          r[kBody] = body;
        }
        r.url = head.url;
        r.redirected = head.redirected;
        r.type = 'basic';
        return r;
      });
      if (!signal) return done;
      // The host request runs on; an abort settles the caller's promise now.
      return new Promise_((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        done.then((r) => { signal.removeEventListener('abort', onAbort); resolve(r); },
          (e) => { signal.removeEventListener('abort', onAbort); reject(e); });
      });
    } catch (e) {
      return promiseReject(e);
    }
  }
  // A data: URL is answered here, as node's fetch does, with no grant: its
  // bytes are already the module's (prelude/84-data-url.js decodes them).
  function fetchDataURL(url, method, signal) {
    if (signal && signal.aborted) return promiseReject(signal.reason);
    const u = new URL(url);
    u.hash = '';
    const d = host.dataURL(u.href);
    if (d === null) {
      const e = new TypeError('fetch failed');
      e.cause = new TypeError('failed to fetch the data URL');
      return promiseReject(e);
    }
    const r = new Response(null, kInternal);
    r.status = 200; r.statusText = 'OK'; r.headers = new Headers([['content-type', d.type]]);
    r[kBody] = method === 'HEAD' ? null : d.bytes;
    r.url = u.href;
    r.redirected = false;
    r.type = 'basic';
    return promiseResolve(r);
  }
  for (const [name, value] of [['fetch', fetch], ['Headers', Headers], ['Response', Response], ['Request', Request]]) {
    defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  }
}
