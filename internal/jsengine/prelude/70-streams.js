// Web Streams: ReadableStream (default and byte streams, default and BYOB
// readers, async iteration, tee, pipeTo, pipeThrough, from),
// WritableStream, TransformStream and the queuing strategies, after the
// WHATWG algorithms, with node's errors. The engine cannot detach an
// ArrayBuffer (it has no ArrayBuffer.prototype.transfer), so byte streams
// take their buffers without transferring them: a chunk enqueued and a view
// given to a BYOB read stay usable, and the view read into aliases the
// result, where node detaches them.
  const streamsMod = lazy(makeStreams);
  // A stream of one Uint8Array chunk (bodies, Blob#stream); onRead runs
  // when it is first read (the body is then used).
  host.bytesStream = (bytes, onRead) => streamsMod().bytesStream(bytes, onRead);
  host.isReadableStream = (v) => v !== null && typeof v === 'object' && kStreamOf(v) !== undefined;
  host.isDisturbed = (v) => kStreamOf(v).disturbed;
  const kStreamOf = (v) => { const m = streamsMod(); return Object.prototype.hasOwnProperty.call(v, m.kStream) ? v[m.kStream] : undefined; };

  function makeStreams() {
    const invalidState = (what) => nodeError(TypeError, 'ERR_INVALID_STATE', `Invalid state: ${what}`);
    const invalidValue = (Ctor, prop, v) => nodeError(Ctor, 'ERR_INVALID_ARG_VALUE', `The property '${prop}' is invalid. Received ${inspect(v)}`);
    const noop = () => {};
    function deferred() {
      let resolve, reject;
      const promise = new Promise((a, b) => { resolve = a; reject = b; });
      return { promise, resolve, reject };
    }
    const handled = (p) => { p.catch(noop); return p; };
    function callMethod(obj, name, args) {
      if (obj == null) return undefined;
      const f = obj[name];
      if (f === undefined) return undefined;
      if (typeof f !== 'function') throw argTypeError(name, 'of type function', f);
      return f.apply(obj, args);
    }
    function promiseCall(obj, name, args) {
      try { return Promise.resolve(callMethod(obj, name, args)); } catch (e) { return Promise.reject(e); }
    }
    function strategyOf(strategy, defaultHWM) {
      const s = strategy == null ? {} : strategy;
      let hwm = defaultHWM;
      if (s.highWaterMark !== undefined) {
        hwm = Number(s.highWaterMark);
        if (Number.isNaN(hwm) || hwm < 0) throw invalidValue(RangeError, 'strategy.highWaterMark', s.highWaterMark);
      }
      const size = s.size;
      if (size !== undefined && typeof size !== 'function') throw argTypeError('strategy.size', 'of type function', size);
      return { hwm, size: size === undefined ? () => 1 : (c) => size(c) };
    }

    // ---- ReadableStream ----
    const kState = Symbol('state');
    class ReadableStreamDefaultController {
      constructor(key) { if (key !== internalKey) throw illegalConstructor(); }
      get desiredSize() { return desiredSize(this[kState]); }
      close() {
        const c = this[kState];
        if (c.closeRequested || c.stream.state !== 'readable') throw invalidState('Controller is already closed');
        closeController(c);
      }
      enqueue(chunk = undefined) {
        const c = this[kState];
        if (c.closeRequested || c.stream.state !== 'readable') throw invalidState('Controller is already closed');
        enqueue(c, chunk);
      }
      error(e = undefined) { errorController(this[kState], e); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultController', configurable: true });
      }
    }
    function desiredSize(c) {
      const s = c.stream.state;
      if (s === 'errored') return null;
      if (s === 'closed') return 0;
      return c.hwm - c.queueSize;
    }
    function enqueue(c, chunk) {
      const st = c.stream;
      if (st.reader && st.reader.requests.length > 0) {
        st.reader.requests.shift().resolve({ value: chunk, done: false });
      } else {
        let size;
        try {
          size = Number(c.size(chunk));
          if (!(size >= 0) || size === Infinity) throw new RangeError('Invalid size');
        } catch (e) { errorController(c, e); throw e; }
        c.queue.push({ value: chunk, size });
        c.queueSize += size;
      }
      pullIfNeeded(c);
    }
    function closeController(c) {
      c.closeRequested = true;
      if (c.queue.length === 0) closeStream(c.stream);
    }
    function errorController(c, e) {
      const st = c.stream;
      if (st.state !== 'readable') return;
      c.queue = []; c.queueSize = 0;
      if (c.bytes) clearPullIntos(c);
      st.state = 'errored';
      st.error = e;
      const r = st.reader;
      if (r) {
        for (const q of r.requests.splice(0)) q.reject(e);
        r.closed.reject(e);
      }
    }
    function closeStream(st) {
      st.state = 'closed';
      const r = st.reader;
      if (r) {
        // a BYOB reader's reads end when the source responds (respond(0))
        if (!r.byob) for (const q of r.requests.splice(0)) q.resolve({ value: undefined, done: true });
        r.closed.resolve(undefined);
      }
    }
    function pullIfNeeded(c) {
      const st = c.stream;
      if (!c.started || st.state !== 'readable' || c.closeRequested) return;
      const want = (st.reader && st.reader.requests.length > 0) || desiredSize(c) > 0;
      if (!want) return;
      if (c.pulling) { c.pullAgain = true; return; }
      c.pulling = true;
      c.pull().then(() => {
        c.pulling = false;
        if (c.pullAgain) { c.pullAgain = false; pullIfNeeded(c); }
      }, (e) => errorController(c, e));
    }
    function readFrom(st) {
      st.disturbed = true;
      if (st.state === 'closed') return Promise.resolve({ value: undefined, done: true });
      if (st.state === 'errored') return Promise.reject(st.error);
      const c = st.controller;
      if (c.bytes) return bytePullSteps(c);
      if (c.queue.length > 0) {
        const { value, size } = c.queue.shift();
        c.queueSize -= size;
        if (c.queue.length === 0) c.queueSize = 0;
        if (c.closeRequested && c.queue.length === 0) closeStream(st);
        else pullIfNeeded(c);
        return Promise.resolve({ value, done: false });
      }
      const d = deferred();
      st.reader.requests.push(d);
      pullIfNeeded(c);
      return d.promise;
    }
    function cancelStream(st, reason) {
      st.disturbed = true;
      if (st.state === 'closed') return Promise.resolve();
      if (st.state === 'errored') return Promise.reject(st.error);
      closeStream(st);
      if (st.reader && st.reader.byob) for (const q of st.reader.requests.splice(0)) q.resolve({ value: undefined, done: true });
      const c = st.controller;
      c.queue = []; c.queueSize = 0;
      if (c.bytes) clearPullIntos(c);
      return c.cancel(reason).then(noop);
    }
    function setupController(stream, source, strategy) {
      const { hwm, size } = strategyOf(strategy, 1);
      const ctl = new ReadableStreamDefaultController(internalKey);
      const c = {
        stream, queue: [], queueSize: 0, hwm, size, started: false, pulling: false, pullAgain: false, closeRequested: false,
        pull: () => promiseCall(source, 'pull', [ctl]),
        cancel: (r) => promiseCall(source, 'cancel', [r]),
      };
      ctl[kState] = c;
      stream.controller = c;
      const start = callMethod(source, 'start', [ctl]);
      Promise.resolve(start).then(() => { c.started = true; pullIfNeeded(c); }, (e) => errorController(c, e));
    }

    const kStream = Symbol('stream');
    class ReadableStreamDefaultReader {
      constructor(stream) {
        if (!(stream instanceof ReadableStream)) throw argTypeError('stream', 'an instance of ReadableStream', stream);
        const st = stream[kStream];
        if (st.reader) throw invalidState('ReadableStream is locked');
        attachReader(this, st, false);
      }
      get closed() { return this[kState].closed.promise; }
      read() {
        const r = this[kState];
        if (!r.stream) return Promise.reject(invalidState('The reader is not attached to a stream'));
        return readFrom(r.stream);
      }
      cancel(reason = undefined) {
        const r = this[kState];
        if (!r.stream) return Promise.reject(invalidState('The reader is not attached to a stream'));
        return cancelStream(r.stream, reason);
      }
      releaseLock() { releaseReader(this[kState]); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultReader', configurable: true });
      }
    }
    function attachReader(reader, st, byob) {
      reader[kState] = { stream: st, requests: [], closed: deferred(), byob };
      handled(reader[kState].closed.promise);
      st.reader = reader[kState];
      if (st.state === 'closed') reader[kState].closed.resolve(undefined);
      else if (st.state === 'errored') reader[kState].closed.reject(st.error);
    }
    function releaseReader(r) {
        if (!r.stream) return;
        if (r.stream.controller.bytes) clearPullIntos(r.stream.controller);
        const e = invalidState('Releasing reader');
        for (const q of r.requests.splice(0)) q.reject(e);
        if (r.stream.state === 'readable') r.closed.reject(e);
        else { r.closed = deferred(); handled(r.closed.promise); r.closed.reject(e); }
        r.stream.reader = null;
        r.stream = null;
    }

    // ---- byte streams ----
    // The controller's state shares the default controller's fields (queue,
    // queueSize, hwm, started, pulling, closeRequested, pull, cancel); the
    // queue holds { buffer, byteOffset, byteLength } and pullIntos the
    // pending reads into buffers (BYOB reads, and default reads when
    // autoAllocateChunkSize is set).
    const viewTypeError = (name, v) => argTypeError(name, 'an instance of Buffer, TypedArray, or DataView', v);
    class ReadableByteStreamController {
      constructor(key) { if (key !== internalKey) throw illegalConstructor(); }
      get byobRequest() { return byobRequestOf(this[kState]); }
      get desiredSize() { return desiredSize(this[kState]); }
      close() {
        const c = this[kState];
        if (c.closeRequested || c.stream.state !== 'readable') throw invalidState('ReadableStream is already closed');
        byteClose(c);
      }
      enqueue(chunk) {
        const c = this[kState];
        if (!ArrayBuffer.isView(chunk)) throw viewTypeError('buffer', chunk);
        if (chunk.byteLength === 0 || chunk.buffer.byteLength === 0) throw invalidState('chunk ArrayBuffer is zero-length or detached');
        if (c.closeRequested || c.stream.state !== 'readable') throw invalidState('ReadableStream is already closed');
        byteEnqueue(c, chunk);
      }
      error(e = undefined) { errorController(this[kState], e); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'ReadableByteStreamController', configurable: true });
      }
    }
    class ReadableStreamBYOBRequest {
      constructor(key) { if (key !== internalKey) throw illegalConstructor(); }
      get view() { return this[kState].c === null ? null : this[kState].view; }
      respond(bytesWritten) {
        const q = this[kState];
        if (q.c === null) throw invalidState('This BYOB request has been invalidated');
        const c = q.c, first = c.pullIntos[0], n = Number(bytesWritten);
        if (c.stream.state === 'closed') {
          if (n !== 0) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'bytesWritten' is invalid. Received ${inspect(bytesWritten)}`);
        } else {
          if (n === 0) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'bytesWritten' is invalid. Received ${inspect(bytesWritten)}`);
          if (!(n >= 0) || first.bytesFilled + n > first.byteLength) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'bytesWritten' is invalid. Received ${inspect(bytesWritten)}`);
        }
        respondInternal(c, n);
      }
      respondWithNewView(view) {
        const q = this[kState];
        if (!ArrayBuffer.isView(view)) throw viewTypeError('view', view);
        if (q.c === null) throw invalidState('This BYOB request has been invalidated');
        const c = q.c, first = c.pullIntos[0];
        if (c.stream.state === 'closed') {
          if (view.byteLength !== 0) throw nodeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: View is not zero-length');
        } else if (view.byteLength === 0) {
          throw nodeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: View is zero-length');
        }
        if (first.byteOffset + first.bytesFilled !== view.byteOffset) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'view.byteOffset\' is invalid.' + describeReceived(view.byteOffset).replace(/^ Received type number \((.*)\)$/, ' Received $1'));
        if (first.buffer.byteLength !== view.buffer.byteLength) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'view.buffer.byteLength' is invalid. Received ${view.buffer.byteLength}`);
        if (first.bytesFilled + view.byteLength > first.byteLength) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'view.byteLength' is invalid. Received ${view.byteLength}`);
        first.buffer = view.buffer;
        respondInternal(c, view.byteLength);
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'ReadableStreamBYOBRequest', configurable: true });
      }
    }
    function byobRequestOf(c) {
      if (c.req === null && c.pullIntos.length > 0) {
        const d = c.pullIntos[0];
        const q = new ReadableStreamBYOBRequest(internalKey);
        q[kState] = { c, view: new Uint8Array(d.buffer, d.byteOffset + d.bytesFilled, d.byteLength - d.bytesFilled) };
        c.req = q;
      }
      return c.req;
    }
    function invalidateRequest(c) {
      if (c.req !== null) { c.req[kState].c = null; c.req[kState].view = null; c.req = null; }
    }
    function clearPullIntos(c) {
      invalidateRequest(c);
      c.pullIntos = [];
    }
    function setupByteController(stream, source, strategy) {
      const s = strategy == null ? {} : strategy;
      if (s.size !== undefined) throw invalidValue(RangeError, 'strategy.size', s.size);
      const { hwm } = strategyOf({ highWaterMark: s.highWaterMark }, 0);
      let auto = source.autoAllocateChunkSize;
      if (auto !== undefined) {
        auto = Number(auto);
        if (!Number.isInteger(auto) || auto <= 0) throw invalidValue(TypeError, 'source.autoAllocateChunkSize', source.autoAllocateChunkSize);
      }
      const ctl = new ReadableByteStreamController(internalKey);
      const c = {
        stream, bytes: true, queue: [], queueSize: 0, hwm, started: false, pulling: false, pullAgain: false, closeRequested: false,
        pullIntos: [], req: null, auto,
        pull: () => promiseCall(source, 'pull', [ctl]),
        cancel: (r) => promiseCall(source, 'cancel', [r]),
      };
      ctl[kState] = c;
      stream.controller = c;
      const start = callMethod(source, 'start', [ctl]);
      Promise.resolve(start).then(() => { c.started = true; pullIfNeeded(c); }, (e) => errorController(c, e));
    }
    function byteClose(c) {
      if (c.queueSize > 0) { c.closeRequested = true; return; }
      if (c.pullIntos.length > 0 && c.pullIntos[0].bytesFilled % c.pullIntos[0].elementSize !== 0) {
        const e = invalidState('Partial read');
        errorController(c, e);
        throw e;
      }
      c.closeRequested = true;
      closeStream(c.stream);
    }
    function queueChunk(c, buffer, byteOffset, byteLength) {
      c.queue.push({ buffer, byteOffset, byteLength });
      c.queueSize += byteLength;
    }
    function byteEnqueue(c, chunk) {
      const st = c.stream, r = st.reader;
      const buffer = chunk.buffer, byteOffset = chunk.byteOffset, byteLength = chunk.byteLength;
      invalidateRequest(c);
      if (r && !r.byob && r.requests.length > 0) {
        // a waiting read takes the chunk (and the buffer it allocated is not needed)
        if (c.pullIntos.length > 0) c.pullIntos.shift();
        r.requests.shift().resolve({ value: new Uint8Array(buffer, byteOffset, byteLength), done: false });
      } else if (r && r.byob) {
        queueChunk(c, buffer, byteOffset, byteLength);
        processPullIntos(c);
      } else {
        queueChunk(c, buffer, byteOffset, byteLength);
      }
      pullIfNeeded(c);
    }
    function handleDrain(c) {
      if (c.queueSize === 0 && c.closeRequested) closeStream(c.stream);
      else pullIfNeeded(c);
    }
    // bytePullSteps is a default reader's read of a byte stream.
    function bytePullSteps(c) {
      const st = c.stream;
      if (c.queueSize > 0) {
        const e = c.queue.shift();
        c.queueSize -= e.byteLength;
        handleDrain(c);
        return Promise.resolve({ value: new Uint8Array(e.buffer, e.byteOffset, e.byteLength), done: false });
      }
      const d = deferred();
      if (c.auto !== undefined) {
        c.pullIntos.push({ buffer: new ArrayBuffer(c.auto), byteOffset: 0, byteLength: c.auto, bytesFilled: 0, minimumFill: 1, elementSize: 1, ctor: Uint8Array, readerType: 'default' });
      }
      st.reader.requests.push(d);
      pullIfNeeded(c);
      return d.promise;
    }
    // fillFromQueue copies queued bytes into d; true once it holds enough.
    function fillFromQueue(c, d) {
      const maxCopy = Math.min(c.queueSize, d.byteLength - d.bytesFilled);
      const maxFilled = d.bytesFilled + maxCopy;
      let remaining = maxCopy, ready = false;
      const aligned = maxFilled - (maxFilled % d.elementSize);
      if (aligned >= d.minimumFill) { remaining = aligned - d.bytesFilled; ready = true; }
      while (remaining > 0) {
        const head = c.queue[0];
        const n = Math.min(remaining, head.byteLength);
        new Uint8Array(d.buffer, d.byteOffset + d.bytesFilled, n).set(new Uint8Array(head.buffer, head.byteOffset, n));
        if (head.byteLength === n) c.queue.shift();
        else { head.byteOffset += n; head.byteLength -= n; }
        c.queueSize -= n;
        invalidateRequest(c);
        d.bytesFilled += n;
        remaining -= n;
      }
      return ready;
    }
    function viewOf(d) {
      const n = d.bytesFilled / d.elementSize;
      return d.ctor === DataView ? new DataView(d.buffer, d.byteOffset, d.bytesFilled) : new d.ctor(d.buffer, d.byteOffset, n);
    }
    function commitPullInto(c, d) {
      const st = c.stream, r = st.reader;
      const done = st.state === 'closed';
      if (!r || r.requests.length === 0) return;
      r.requests.shift().resolve({ value: viewOf(d), done });
    }
    function processPullIntos(c) {
      while (c.pullIntos.length > 0 && c.queueSize > 0) {
        const d = c.pullIntos[0];
        if (!fillFromQueue(c, d)) return;
        c.pullIntos.shift();
        commitPullInto(c, d);
      }
    }
    function respondInternal(c, n) {
      const first = c.pullIntos[0];
      invalidateRequest(c);
      if (c.stream.state === 'closed') {
        const r = c.stream.reader;
        while (r && r.byob && r.requests.length > 0 && c.pullIntos.length > 0) commitPullInto(c, c.pullIntos.shift());
      } else {
        first.bytesFilled += n;
        if (first.bytesFilled < first.minimumFill) { pullIfNeeded(c); return; }
        c.pullIntos.shift();
        const rem = first.bytesFilled % first.elementSize;
        if (rem > 0) {
          const end = first.byteOffset + first.bytesFilled;
          queueChunk(c, first.buffer.slice(end - rem, end), 0, rem);
          first.bytesFilled -= rem;
        }
        commitPullInto(c, first);
        processPullIntos(c);
      }
      pullIfNeeded(c);
    }
    // byobRead is ReadableStreamBYOBReader#read on the stream.
    function byobRead(st, view, min) {
      st.disturbed = true;
      if (st.state === 'errored') return Promise.reject(st.error);
      const c = st.controller;
      const elementSize = view.BYTES_PER_ELEMENT || 1;
      const d = { buffer: view.buffer, byteOffset: view.byteOffset, byteLength: view.byteLength, bytesFilled: 0,
        minimumFill: min * elementSize, elementSize, ctor: view.constructor === DataView ? DataView : Object.getPrototypeOf(view).constructor, readerType: 'byob' };
      const req = deferred();
      if (c.pullIntos.length > 0) {
        c.pullIntos.push(d);
        st.reader.requests.push(req);
        return req.promise;
      }
      if (st.state === 'closed') return Promise.resolve({ value: viewOf(d), done: true });
      if (c.queueSize > 0) {
        if (fillFromQueue(c, d)) {
          handleDrain(c);
          return Promise.resolve({ value: viewOf(d), done: false });
        }
        if (c.closeRequested) {
          const e = invalidState('ReadableStream closed');
          errorController(c, e);
          return Promise.reject(e);
        }
      }
      c.pullIntos.push(d);
      st.reader.requests.push(req);
      pullIfNeeded(c);
      return req.promise;
    }
    class ReadableStreamBYOBReader {
      constructor(stream) {
        if (!(stream instanceof ReadableStream)) throw argTypeError('stream', 'an instance of ReadableStream', stream);
        const st = stream[kStream];
        if (!st.controller.bytes) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'stream' must be a byte stream. Received ${inspect(stream)}`);
        if (st.reader) throw invalidState('ReadableStream is locked');
        attachReader(this, st, true);
      }
      get closed() { return this[kState].closed.promise; }
      read(view = undefined, options = undefined) {
        const r = this[kState];
        if (!ArrayBuffer.isView(view)) return Promise.reject(viewTypeError('view', view));
        if (view.byteLength === 0 || view.buffer.byteLength === 0) return Promise.reject(invalidState('View or Viewed ArrayBuffer is zero-length or detached'));
        let min = 1;
        if (options != null && options.min !== undefined) {
          min = Number(options.min);
          if (!(min > 0)) return Promise.reject(nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.min' must be greater than 0. Received ${inspect(options.min)}`));
          const len = view instanceof DataView ? view.byteLength : view.length;
          if (min > len) return Promise.reject(nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.min" is out of range. It must be <= view.length. Received ${inspect(options.min)}`));
        }
        if (!r.stream) return Promise.reject(invalidState('The reader is not attached to a stream'));
        return byobRead(r.stream, view, min);
      }
      cancel(reason = undefined) {
        const r = this[kState];
        if (!r.stream) return Promise.reject(invalidState('The reader is not attached to a stream'));
        return cancelStream(r.stream, reason);
      }
      releaseLock() { releaseReader(this[kState]); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'ReadableStreamBYOBReader', configurable: true });
      }
    }

    class ReadableStream {
      constructor(source = undefined, strategy = undefined) {
        if (source != null && typeof source !== 'object') throw argTypeError('source', 'of type object', source);
        const type = source == null ? undefined : source.type;
        if (type !== undefined && `${type}` !== 'bytes') throw invalidValue(TypeError, 'source.type', type);
        this[kStream] = { state: 'readable', error: undefined, reader: null, disturbed: false, controller: null, self: this };
        if (type === undefined) setupController(this[kStream], source, strategy);
        else setupByteController(this[kStream], source, strategy);
      }
      get locked() { return this[kStream].reader !== null; }
      cancel(reason = undefined) {
        if (this.locked) return Promise.reject(invalidState('ReadableStream is locked'));
        return cancelStream(this[kStream], reason);
      }
      getReader(options = undefined) {
        const mode = options == null ? undefined : options.mode;
        if (mode === undefined) return new ReadableStreamDefaultReader(this);
        if (`${mode}` !== 'byob') throw invalidValue(TypeError, 'options.mode', mode);
        return new ReadableStreamBYOBReader(this);
      }
      tee() {
        const reader = this.getReader();
        let canceled1 = false, canceled2 = false, reason1, reason2, reading = false;
        const cancelDone = deferred();
        let b1, b2;
        const pull = () => {
          if (reading) return Promise.resolve();
          reading = true;
          reader.read().then(({ value, done }) => {
            reading = false;
            if (done) {
              if (!canceled1) b1.close();
              if (!canceled2) b2.close();
              cancelDone.resolve();
              return;
            }
            // byte streams' branches each get their own copy
            if (!canceled1) b1.enqueue(value);
            if (!canceled2) b2.enqueue(bytes && !canceled1 ? value.slice() : value);
          }, noop);
          return Promise.resolve();
        };
        const cancelBoth = () => {
          cancelStream(this[kStream], [reason1, reason2]).then(cancelDone.resolve, cancelDone.reject);
        };
        const bytes = !!this[kStream].controller.bytes;
        const type = bytes ? 'bytes' : undefined;
        const r1 = new ReadableStream({
          type, start(c) { b1 = c; }, pull,
          cancel(r) { canceled1 = true; reason1 = r; if (canceled2) cancelBoth(); return cancelDone.promise; },
        });
        const r2 = new ReadableStream({
          type, start(c) { b2 = c; }, pull,
          cancel(r) { canceled2 = true; reason2 = r; if (canceled1) cancelBoth(); return cancelDone.promise; },
        });
        reader.closed.catch((e) => {
          errorController(r1[kStream].controller, e);
          errorController(r2[kStream].controller, e);
          cancelDone.resolve();
        });
        return [r1, r2];
      }
      pipeThrough(transform, options = undefined) {
        if (transform == null || !(transform.readable instanceof ReadableStream)) throw argTypeError('transform.readable', 'an instance of ReadableStream', transform && transform.readable);
        if (!(transform.writable instanceof WritableStream)) throw argTypeError('transform.writable', 'an instance of WritableStream', transform.writable);
        if (this.locked) throw invalidState('The ReadableStream is locked');
        if (transform.writable.locked) throw invalidState('The WritableStream is locked');
        handled(this.pipeTo(transform.writable, options));
        return transform.readable;
      }
      pipeTo(dest, options = undefined) {
        if (!(dest instanceof WritableStream)) return Promise.reject(argTypeError('transform.writable', 'an instance of WritableStream', dest));
        if (this.locked) return Promise.reject(invalidState('The ReadableStream is locked'));
        if (dest.locked) return Promise.reject(invalidState('The WritableStream is locked'));
        const o = options || {};
        const preventClose = !!o.preventClose, preventAbort = !!o.preventAbort, preventCancel = !!o.preventCancel, signal = o.signal;
        const reader = this.getReader(), writer = dest.getWriter();
        const done = deferred();
        let finished = false, shutting = false, sourceClosed = false, pendingRead = null;
        const finish = (err, isErr) => {
          if (finished) return;
          finished = true;
          writer.releaseLock();
          reader.releaseLock();
          if (signal) signal.removeEventListener('abort', onAbort);
          if (isErr) done.reject(err); else done.resolve(undefined);
        };
        const onAbort = () => {
          if (shutting) return;
          shutting = true;
          const e = signal.reason;
          const acts = [];
          if (!preventAbort) acts.push(writer.abort(e));
          if (!preventCancel) acts.push(reader.cancel(e));
          Promise.all(acts).then(() => finish(e, true), (x) => finish(x, true));
        };
        if (signal) {
          if (signal.aborted) { onAbort(); return done.promise; }
          signal.addEventListener('abort', onAbort, { once: true });
        }
        const src = this[kStream], dst = dest[kWStream];
        reader.closed.then(() => {
          if (shutting) return;
          shutting = true;
          sourceClosed = true;
          // A read in flight still delivers its chunk (written before the close).
          Promise.resolve(pendingRead).then(() => {
            if (preventClose) finish(undefined, false);
            else writer.close().then(() => finish(undefined, false), (e) => finish(e, true));
          });
        }, (e) => {
          if (shutting) return;
          shutting = true;
          if (preventAbort) finish(e, true);
          else writer.abort(e).then(() => finish(e, true), (x) => finish(x, true));
        });
        writer.closed.then(() => {
          if (shutting || src.state === 'closed') return;
          shutting = true;
          const e = new TypeError('the destination stream was closed');
          if (preventCancel) finish(e, true); else reader.cancel(e).then(() => finish(e, true), (x) => finish(x, true));
        }, (e) => {
          if (shutting) return;
          shutting = true;
          if (preventCancel) finish(e, true); else reader.cancel(e).then(() => finish(e, true), (x) => finish(x, true));
        });
        const step = () => {
          if (shutting) return;
          writer.ready.then(() => {
            if (shutting) return;
            pendingRead = reader.read().then(({ value, done: end }) => {
              if (end || (shutting && !sourceClosed)) return;
              handled(writer.write(value));
              step();
            });
            return pendingRead;
          }).catch(noop);
        };
        if (dst.state === 'errored' || dst.state === 'erroring') { /* writer.closed rejects */ } else step();
        return done.promise;
      }
      values(options = undefined) {
        const reader = this.getReader();
        const preventCancel = !!(options && options.preventCancel);
        const proto = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
        const it = Object.create(proto);
        let ended = false;
        it.next = () => {
          if (ended) return Promise.resolve({ value: undefined, done: true });
          return reader.read().then((r) => {
            if (r.done) { ended = true; reader.releaseLock(); }
            return r;
          }, (e) => { ended = true; reader.releaseLock(); throw e; });
        };
        it.return = (value) => {
          if (ended) return Promise.resolve({ value, done: true });
          ended = true;
          if (preventCancel) { reader.releaseLock(); return Promise.resolve({ value, done: true }); }
          const p = reader.cancel(value);
          reader.releaseLock();
          return p.then(() => ({ value, done: true }));
        };
        return it;
      }
      [Symbol.asyncIterator](options = undefined) { return this.values(options); }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        const obj = Object.create({ constructor: ReadableStream });
        obj.locked = this.locked;
        obj.state = this[kStream].state;
        obj.supportsBYOB = !!this[kStream].controller.bytes;
        return `ReadableStream ${inspect(obj, options)}`;
      }
      static from(iterable) {
        let it;
        if (iterable != null && typeof iterable[Symbol.asyncIterator] === 'function') it = iterable[Symbol.asyncIterator]();
        else if (iterable != null && typeof iterable[Symbol.iterator] === 'function') it = iterable[Symbol.iterator]();
        else throw nodeError(TypeError, 'ERR_ARG_NOT_ITERABLE', `${inspect(iterable)} must be iterable`);
        return new ReadableStream({
          pull(c) {
            return Promise.resolve(it.next()).then((r) => {
              if (r.done) c.close();
              else return Promise.resolve(r.value).then((v) => c.enqueue(v));
            });
          },
          cancel(reason) {
            if (typeof it.return === 'function') return Promise.resolve(it.return(reason)).then(noop);
          },
        }, { highWaterMark: 0 });
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'ReadableStream', configurable: true });
      }
    }

    // ---- WritableStream ----
    const kWStream = Symbol('wstream');
    class WritableStreamDefaultController {
      constructor(key) { if (key !== internalKey) throw illegalConstructor(); }
      get signal() { return this[kState].abort.signal; }
      error(e = undefined) { const w = this[kState].stream; if (w.state === 'writable') startErroring(w, e); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'WritableStreamDefaultController', configurable: true });
      }
    }
    function wDesired(w) {
      if (w.state === 'errored' || w.state === 'erroring') return null;
      if (w.state === 'closed') return 0;
      return w.hwm - w.queueSize;
    }
    function updateBackpressure(w) {
      const bp = w.state === 'writable' && !w.closeRequest && wDesired(w) <= 0;
      if (bp === w.backpressure) return;
      w.backpressure = bp;
      if (w.writer) {
        if (bp) { w.writer.ready = deferred(); handled(w.writer.ready.promise); } else w.writer.ready.resolve(undefined);
      }
    }
    function startErroring(w, e) {
      w.state = 'erroring';
      w.error = e;
      if (w.writer) rejectReady(w.writer, e);
      if (!w.inFlight && w.started) finishErroring(w);
    }
    function rejectReady(wr, e) {
      wr.ready = deferred(); handled(wr.ready.promise); wr.ready.reject(e);
    }
    function finishErroring(w) {
      w.state = 'errored';
      const e = w.error;
      for (const q of w.queue.splice(0)) if (q.d) q.d.reject(e);
      w.queueSize = 0;
      if (w.closeRequest) { w.closeRequest.reject(e); w.closeRequest = null; }
      const ab = w.pendingAbort;
      if (w.writer) w.writer.closed.reject(e);
      if (!ab) return;
      w.pendingAbort = null;
      if (ab.wasAlreadyErroring) { ab.d.reject(e); return; }
      promiseCall(w.sink, 'abort', [ab.reason]).then(() => ab.d.resolve(undefined), (x) => ab.d.reject(x));
    }
    function advance(w) {
      if (!w.started || w.inFlight) return;
      if (w.state === 'erroring') { finishErroring(w); return; }
      if (w.state !== 'writable') return;
      if (w.queue.length === 0) {
        if (w.closeRequest) {
          const cr = w.closeRequest;
          w.inFlight = true;
          promiseCall(w.sink, 'close', []).then(() => {
            w.inFlight = false;
            if (w.state === 'erroring') { w.pendingAbort = null; }
            w.state = 'closed';
            w.closeRequest = null;
            cr.resolve(undefined);
            if (w.writer) w.writer.closed.resolve(undefined);
          }, (e) => {
            w.inFlight = false;
            w.closeRequest = null;
            cr.reject(e);
            if (w.state === 'writable') startErroring(w, e);
            finishErroring(w);
          });
        }
        return;
      }
      const q = w.queue[0];
      w.inFlight = true;
      promiseCall(w.sink, 'write', [q.chunk, w.ctl]).then(() => {
        w.inFlight = false;
        w.queue.shift();
        w.queueSize -= q.size;
        q.d.resolve(undefined);
        if (w.state === 'writable') updateBackpressure(w);
        advance(w);
      }, (e) => {
        w.inFlight = false;
        w.queue.shift();
        q.d.reject(e);
        if (w.state === 'writable') startErroring(w, e);
        finishErroring(w);
      });
    }
    function abortW(w, reason) {
      if (w.state === 'closed' || w.state === 'errored') return Promise.resolve(undefined);
      w.abort.abort(reason);
      if (w.pendingAbort) return w.pendingAbort.d.promise;
      const wasAlreadyErroring = w.state === 'erroring';
      const d = deferred();
      w.pendingAbort = { d, reason: wasAlreadyErroring ? undefined : reason, wasAlreadyErroring };
      if (!wasAlreadyErroring) startErroring(w, reason);
      return d.promise;
    }
    function closeW(w) {
      if (w.state === 'closed' || w.state === 'errored') return Promise.reject(invalidState('WritableStream is closed'));
      if (w.closeRequest) return Promise.reject(invalidState('WritableStream is closed'));
      const d = deferred();
      w.closeRequest = d;
      if (w.writer && w.backpressure && w.state === 'writable') w.writer.ready.resolve(undefined);
      advance(w);
      return d.promise;
    }

    class WritableStreamDefaultWriter {
      constructor(stream) {
        if (!(stream instanceof WritableStream)) throw argTypeError('stream', 'an instance of WritableStream', stream);
        const w = stream[kWStream];
        if (w.writer) throw invalidState('WritableStream is locked');
        const wr = { stream: w, ready: deferred(), closed: deferred() };
        handled(wr.ready.promise); handled(wr.closed.promise);
        if (w.state === 'writable') { if (!w.backpressure || w.closeRequest) wr.ready.resolve(undefined); }
        else if (w.state === 'erroring') wr.ready.reject(w.error);
        else if (w.state === 'closed') { wr.ready.resolve(undefined); wr.closed.resolve(undefined); }
        else { wr.ready.reject(w.error); wr.closed.reject(w.error); }
        w.writer = wr;
        this[kState] = wr;
      }
      get closed() { return this[kState].closed.promise; }
      get ready() { return this[kState].ready.promise; }
      get desiredSize() {
        const wr = this[kState];
        if (!wr.stream) throw invalidState('Writer is not bound to a WritableStream');
        return wDesired(wr.stream);
      }
      write(chunk = undefined) {
        const wr = this[kState];
        if (!wr.stream) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
        const w = wr.stream;
        if (w.state === 'errored' || w.state === 'erroring') return Promise.reject(w.error);
        if (w.closeRequest || w.state === 'closed') return Promise.reject(invalidState('WritableStream is closed'));
        let size;
        try { size = Number(w.size(chunk)); if (!(size >= 0) || size === Infinity) throw new RangeError('Invalid size'); } catch (e) {
          startErroring(w, e);
          return Promise.reject(e);
        }
        const d = deferred();
        w.queue.push({ chunk, size, d });
        w.queueSize += size;
        updateBackpressure(w);
        advance(w);
        return d.promise;
      }
      close() {
        const wr = this[kState];
        if (!wr.stream) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
        return closeW(wr.stream);
      }
      abort(reason = undefined) {
        const wr = this[kState];
        if (!wr.stream) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
        return abortW(wr.stream, reason);
      }
      releaseLock() {
        const wr = this[kState];
        if (!wr.stream) return;
        const e = invalidState('Writer has been released');
        rejectReady(wr, e);
        wr.closed = deferred(); handled(wr.closed.promise); wr.closed.reject(e);
        wr.stream.writer = null;
        wr.stream = null;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'WritableStreamDefaultWriter', configurable: true });
      }
    }

    class WritableStream {
      constructor(sink = undefined, strategy = undefined) {
        if (sink != null && typeof sink !== 'object') throw argTypeError('sink', 'of type object', sink);
        if (sink != null && sink.type !== undefined) throw invalidValue(RangeError, 'sink.type', sink.type);
        const { hwm, size } = strategyOf(strategy, 1);
        const ctl = new WritableStreamDefaultController(internalKey);
        const w = {
          state: 'writable', error: undefined, writer: null, sink, hwm, size, queue: [], queueSize: 0,
          started: false, inFlight: false, closeRequest: null, pendingAbort: null, backpressure: false,
          abort: new AbortController(), ctl,
        };
        ctl[kState] = { stream: w, abort: w.abort };
        this[kWStream] = w;
        updateBackpressure(w);
        const start = callMethod(sink, 'start', [ctl]);
        Promise.resolve(start).then(() => { w.started = true; advance(w); }, (e) => {
          w.started = true;
          if (w.state === 'writable') startErroring(w, e);
          finishErroring(w);
        });
      }
      get locked() { return this[kWStream].writer !== null; }
      abort(reason = undefined) {
        if (this.locked) return Promise.reject(invalidState('WritableStream is locked'));
        return abortW(this[kWStream], reason);
      }
      close() {
        if (this.locked) return Promise.reject(invalidState('WritableStream is locked'));
        return closeW(this[kWStream]);
      }
      getWriter() { return new WritableStreamDefaultWriter(this); }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        const obj = Object.create({ constructor: WritableStream });
        obj.locked = this.locked;
        obj.state = this[kWStream].state;
        return `WritableStream ${inspect(obj, options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'WritableStream', configurable: true });
      }
    }

    // ---- TransformStream ----
    class TransformStreamDefaultController {
      constructor(key) { if (key !== internalKey) throw illegalConstructor(); }
      get desiredSize() { return desiredSize(this[kState].rc); }
      enqueue(chunk = undefined) {
        const t = this[kState];
        if (t.rc.closeRequested || t.rc.stream.state !== 'readable') throw invalidState('Controller is already closed');
        enqueue(t.rc, chunk);
        const st = t.rc.stream;
        const pullWanted = st.state === 'readable' && !t.rc.closeRequested && ((st.reader && st.reader.requests.length > 0) || desiredSize(t.rc) > 0);
        if (!pullWanted && !t.backpressure) setBackpressure(t, true);
      }
      error(e = undefined) { tError(this[kState], e); }
      terminate() {
        const t = this[kState];
        if (!t.rc.closeRequested && t.rc.stream.state === 'readable') closeController(t.rc);
        const e = new TypeError('TransformStream terminated');
        const w = t.ws[kWStream];
        if (w.state === 'writable') startErroring(w, e);
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'TransformStreamDefaultController', configurable: true });
      }
    }
    function setBackpressure(t, v) {
      if (t.bpChange) t.bpChange.resolve();
      t.bpChange = deferred();
      t.backpressure = v;
    }
    function tError(t, e) {
      errorController(t.rc, e);
      const w = t.ws[kWStream];
      if (w.state === 'writable') startErroring(w, e);
    }
    class TransformStream {
      constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
        if (transformer != null && typeof transformer !== 'object') throw argTypeError('transformer', 'of type object', transformer);
        if (transformer != null && transformer.readableType !== undefined) throw invalidValue(RangeError, 'transformer.readableType', transformer.readableType);
        if (transformer != null && transformer.writableType !== undefined) throw invalidValue(RangeError, 'transformer.writableType', transformer.writableType);
        const ctl = new TransformStreamDefaultController(internalKey);
        const t = { backpressure: false, bpChange: null };
        ctl[kState] = t;
        const startD = deferred();
        setBackpressure(t, true);
        t.readable = new ReadableStream({
          start(c) { t.rc = c[kState]; return startD.promise; },
          pull() { setBackpressure(t, false); return t.bpChange.promise; },
          cancel(reason) { const w = t.ws[kWStream]; if (w.state === 'writable') startErroring(w, reason); return Promise.resolve(); },
        }, readableStrategy === undefined ? { highWaterMark: 0 } : readableStrategy);
        const transform = transformer != null && transformer.transform !== undefined
          ? (chunk) => promiseCall(transformer, 'transform', [chunk, ctl])
          : (chunk) => { try { ctl.enqueue(chunk); return Promise.resolve(); } catch (e) { return Promise.reject(e); } };
        t.ws = new WritableStream({
          start() { return startD.promise; },
          write(chunk) {
            const go = () => transform(chunk).catch((e) => { tError(t, e); throw e; });
            if (t.backpressure) {
              return t.bpChange.promise.then(() => {
                const w = t.ws[kWStream];
                if (w.state === 'erroring') throw w.error;
                return go();
              });
            }
            return go();
          },
          close() {
            return promiseCall(transformer, 'flush', [ctl]).then(() => {
              if (t.rc.stream.state === 'errored') throw t.rc.stream.error;
              if (!t.rc.closeRequested) closeController(t.rc);
            }, (e) => { errorController(t.rc, e); throw e; });
          },
          abort(reason) { errorController(t.rc, reason); return Promise.resolve(); },
        }, writableStrategy);
        this[kState] = t;
        Promise.resolve(callMethodSafe(transformer, ctl)).then(startD.resolve, (e) => { startD.reject(e); });
      }
      get readable() { return this[kState].readable; }
      get writable() { return this[kState].ws; }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        const obj = Object.create({ constructor: TransformStream });
        obj.readable = this.readable;
        obj.writable = this.writable;
        obj.backpressure = desiredSize(this[kState].rc) <= 0;
        return `TransformStream ${inspect(obj, options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'TransformStream', configurable: true });
      }
    }
    function callMethodSafe(transformer, ctl) {
      try { return callMethod(transformer, 'start', [ctl]); } catch (e) { return Promise.reject(e); }
    }

    // ---- queuing strategies ----
    function hwmOf(init) {
      if (init === null || typeof init !== 'object') throw argTypeError('init', 'of type object', init);
      if (init.highWaterMark === undefined) throw missingArgs('The "init.highWaterMark" argument must be specified');
      return Number(init.highWaterMark);
    }
    const countSize = function size() { return 1; };
    const byteSize = function size(chunk) { return chunk.byteLength; };
    class CountQueuingStrategy {
      #hwm;
      constructor(init) { this.#hwm = hwmOf(init); }
      get highWaterMark() { return this.#hwm; }
      get size() { return countSize; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'CountQueuingStrategy', configurable: true });
      }
    }
    class ByteLengthQueuingStrategy {
      #hwm;
      constructor(init) { this.#hwm = hwmOf(init); }
      get highWaterMark() { return this.#hwm; }
      get size() { return byteSize; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'ByteLengthQueuingStrategy', configurable: true });
      }
    }

    function bytesStream(bytes, onRead) {
      let sent = false;
      return new ReadableStream({
        type: 'bytes',
        pull(c) {
          if (onRead) { onRead(); onRead = undefined; }
          if (!sent && bytes.length) c.enqueue(bytes.slice());
          sent = true;
          c.close();
        },
      }, { highWaterMark: 0 });
    }

    // ---- TextEncoderStream, TextDecoderStream ----
    const kTS = Symbol('transform');
    class TextEncoderStream {
      constructor() {
        let pending = '';
        const enc = encodingMod().TextEncoder;
        const e = new enc();
        this[kTS] = new TransformStream({
          transform(chunk, c) {
            let str = pending + `${chunk}`;
            pending = '';
            const last = str.charCodeAt(str.length - 1);
            if (last >= 0xd800 && last <= 0xdbff) { pending = str[str.length - 1]; str = str.slice(0, -1); }
            if (str.length) c.enqueue(e.encode(str));
          },
          flush(c) { if (pending) c.enqueue(new Uint8Array([0xef, 0xbf, 0xbd])); },
        });
      }
      get encoding() { return 'utf-8'; }
      get readable() { return this[kTS].readable; }
      get writable() { return this[kTS].writable; }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        const obj = Object.create({ constructor: TextEncoderStream });
        obj.encoding = 'utf-8'; obj.readable = this.readable; obj.writable = this.writable;
        return `TextEncoderStream ${inspect(obj, options)}`;
      }
    }
    class TextDecoderStream {
      constructor(encoding = 'utf-8', options = undefined) {
        const d = new (encodingMod().TextDecoder)(encoding, options);
        this[kState] = d;
        this[kTS] = new TransformStream({
          transform(chunk, c) {
            const s = d.decode(chunk, { stream: true });
            if (s) c.enqueue(s);
          },
          flush(c) {
            const s = d.decode();
            if (s) c.enqueue(s);
          },
        });
      }
      get encoding() { return this[kState].encoding; }
      get fatal() { return this[kState].fatal; }
      get ignoreBOM() { return this[kState].ignoreBOM; }
      get readable() { return this[kTS].readable; }
      get writable() { return this[kTS].writable; }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        const obj = Object.create({ constructor: TextDecoderStream });
        obj.encoding = this.encoding; obj.fatal = this.fatal; obj.ignoreBOM = this.ignoreBOM;
        obj.readable = this.readable; obj.writable = this.writable;
        return `TextDecoderStream ${inspect(obj, options)}`;
      }
    }

    return {
      kStream, bytesStream, TextEncoderStream, TextDecoderStream,
      ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController,
      ReadableStreamBYOBReader, ReadableStreamBYOBRequest, ReadableByteStreamController,
      WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
      TransformStream, TransformStreamDefaultController, CountQueuingStrategy, ByteLengthQueuingStrategy,
    };
  }
