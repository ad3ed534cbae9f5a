// CompressionStream and DecompressionStream ("gzip", "deflate",
// "deflate-raw"), as node 20's: the work is done by the host (zstream.go,
// Go's compress/*), which holds each stream's state under a number until
// the stream ends, errors or is cancelled.
//
// Chunks are TypedArrays, DataViews, ArrayBuffers or (as node 20 takes them)
// strings, written as UTF-8. Output comes in Uint8Array chunks of at most
// 16 KiB. A decompressor stops producing while 1 MiB of its output waits
// unread, and its whole output is capped at the module's memory limit.
// Differences from node, on purpose: an ArrayBuffer chunk is taken (node 20
// throws it out of the stream, uncaught); corrupt deflate data is
// Z_DATA_ERROR "invalid compressed data" where zlib names the defect.
  const compressionMod = lazy(makeCompression);

  function makeCompression() {
    const H = host.lookup('zstream');
    const { ReadableStream, WritableStream } = streamsMod();
    const enc = new (encodingMod().TextEncoder)();
    const FORMATS = { gzip: 'g', deflate: 'z', 'deflate-raw': 'r' };
    const NEED = 0, MORE = 1, DONE = 2;
    const QUEUE_BYTES = 1 << 20;
    const ZERRNO = { Z_DATA_ERROR: -3, Z_BUF_ERROR: -5, Z_NEED_DICT: 2 };

    function call(op, id, data) {
      const n = data === undefined ? 0 : data.byteLength;
      const buf = new Uint8Array(5 + n);
      buf[0] = op.charCodeAt(0);
      new DataView(buf.buffer).setUint32(1, id, true);
      if (n) buf.set(data, 5);
      try {
        return new Uint8Array(hostCall(H, buf));
      } catch (e) {
        if (e && Object.prototype.hasOwnProperty.call(ZERRNO, e.name)) {
          const z = new Error(e.message);
          z.errno = ZERRNO[e.name];
          z.code = e.name;
          throw z;
        }
        if (e && e.name === 'RangeError') {
          throw nodeError(RangeError, 'ERR_BUFFER_TOO_LARGE', e.message);
        }
        throw e;
      }
    }
    function chunkBytes(chunk) {
      if (typeof chunk === 'string') return enc.encode(chunk);
      if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (isArrayBuffer(chunk)) return new Uint8Array(chunk);
      if (chunk === null) throw nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
      throw argTypeError('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
    }

    // pair builds the readable/writable pair of one stream. The host state
    // is made on the first write, so a stream never used holds nothing.
    let registry;
    function pair(mode, format) {
      // h holds the host id apart from the streams, for the finalizer
      const h = { id: 0 };
      let rc, wc, finished = false, waiter = null;
      const free = () => {
        if (h.id !== 0) { const i = h.id; h.id = 0; call('f', i); }
        finished = true;
        if (waiter) { const w = waiter; waiter = null; w(); }
      };
      const open = () => {
        if (h.id === 0) {
          const r = new DataView(call('n', 0, new Uint8Array([mode.charCodeAt(0), format.charCodeAt(0)])).buffer);
          h.id = r.getUint32(0, true);
        }
      };
      // drain hands out the host's output; while a decompressor has
      // QUEUE_BYTES unread it waits for the reader before asking for more.
      async function drain(op, data) {
        let r = call(op, h.id, data);
        for (;;) {
          if (r.length > 1) {
            rc.enqueue(r.subarray(1));
          }
          if (r[0] === DONE) { free(); return; }
          if (r[0] !== MORE) return;
          while (mode === 'd' && !finished && rc.desiredSize <= 0) {
            await new Promise((res) => { waiter = res; });
          }
          if (finished) return;
          r = call('m', h.id);
        }
      }
      const fail = (e) => { free(); try { rc.error(e); } catch {} throw e; };
      const readable = new ReadableStream({
        start(c) { rc = c; },
        pull() {
          if (waiter) { const w = waiter; waiter = null; w(); }
        },
        cancel(reason) { free(); wc.error(reason); },
      }, { highWaterMark: QUEUE_BYTES, size: (c) => c.byteLength });
      const sink = {
        start(c) { wc = c; },
        write(chunk) {
          let bytes;
          try { bytes = chunkBytes(chunk); } catch (e) { return fail(e); }
          if (finished) return undefined; // after the end of a deflate stream, as zlib
          try { open(); return drain('w', bytes).catch(fail); } catch (e) { return fail(e); }
        },
        close() {
          if (finished && h.id === 0) { rc.close(); return undefined; }
          try {
            open();
            return drain('e').then(() => { free(); rc.close(); }, fail);
          } catch (e) { return fail(e); }
        },
        abort(reason) { free(); rc.error(reason); },
      };
      const writable = new WritableStream(sink, { highWaterMark: 1 });
      // a stream dropped unfinished gives its host state back when collected:
      // the sink lives as long as anything can still write (a writer or a
      // pipe holds the stream's state, not the WritableStream object)
      if (registry === undefined) {
        registry = new FinalizationRegistry((held) => {
          if (held.id !== 0) { const i = held.id; held.id = 0; try { call('f', i); } catch {} }
        });
      }
      registry.register(sink, h);
      return { readable, writable };
    }

    function makeClass(name, mode) {
      const kPair = Symbol(name);
      const check = (self) => {
        if (self === null || typeof self !== 'object' || !Object.prototype.hasOwnProperty.call(self, kPair)) {
          throw nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${name}`);
        }
        return self[kPair];
      };
      const C = class {
        constructor(format) {
          if (!Object.prototype.hasOwnProperty.call(FORMATS, format) || typeof format !== 'string') {
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'format' is invalid. Received ${inspect(format)}`);
          }
          Object.defineProperty(this, kPair, { value: pair(mode, FORMATS[format]) });
        }
        get readable() { return check(this).readable; }
        get writable() { return check(this).writable; }
        [customInspect](depth, options) {
          if (typeof depth === 'number' && depth < 0) return this;
          const obj = Object.create({ constructor: C });
          obj.readable = this.readable;
          obj.writable = this.writable;
          return `${name} ${inspect(obj, options)}`;
        }
      };
      Object.defineProperty(C, 'name', { value: name });
      for (const k of ['readable', 'writable']) {
        Object.defineProperty(C.prototype, k, { ...Object.getOwnPropertyDescriptor(C.prototype, k), enumerable: true });
      }
      Object.defineProperty(C.prototype, Symbol.toStringTag, { value: name, configurable: true });
      return C;
    }

    return {
      CompressionStream: makeClass('CompressionStream', 'c'),
      DecompressionStream: makeClass('DecompressionStream', 'd'),
    };
  }
