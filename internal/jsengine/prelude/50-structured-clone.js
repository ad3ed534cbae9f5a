// structuredClone.
  const hostDetach = host.detach;
  // QuickJS reports a detached ArrayBuffer's byteLength as 0 and refuses
  // to view it.
  function isDetached(ab) {
    if (brands().ab.call(ab) !== 0) return false;
    try { new Uint8Array(ab); return false; } catch { return true; }
  }
  function makeStructuredClone() {
    const { getConstructorName } = inspectMod();
    const cloneError = (what) => domException(`${what} could not be cloned.`, 'DataCloneError');
    function structuredClone() { // (value, options), with node's length of 0
      if (arguments.length === 0) throw missingArgs('The value argument must be specified');
      const value = arguments[0];
      const options = arguments[1];
      const memory = new Map();
      if (options !== undefined && (options === null || (typeof options !== 'object' && typeof options !== 'function'))) {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined');
      }
      const transfer = transferList(options === undefined ? undefined : options.transfer);
      for (const t of transfer) {
        if (memory.has(t)) throw domException('Transfer list contains duplicate ArrayBuffer', 'DataCloneError');
        memory.set(t, isArrayBuffer(t) ? null : portHooks.prepare(t)); // a MessagePort: its successor (85-messaging.js)
      }
      const out = cloneValue(value, memory);
      // The clone holds copies; the sources are detached only once it
      // succeeded, as node leaves them whole when cloning fails.
      for (const t of transfer) {
        if (!isArrayBuffer(t)) portHooks.commit(t, memory.get(t));
        else if (!isDetached(t)) hostDetach(t);
      }
      return out;
    }
    function transferList(list) {
      if (list == null) return [];
      if (typeof list !== 'object' && typeof list !== 'function') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
      }
      const out = typeof list[Symbol.iterator] === 'function' ? Array.from(list) : [];
      for (const t of out) {
        if (!isArrayBuffer(t) && !portHooks.is(t)) throw nodeError(TypeError, 'ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList');
      }
      return out;
    }
    function cloneName(v) {
      if (typeof v === 'function') return Function.prototype.toString.call(v);
      if (typeof v === 'symbol') return Symbol.prototype.toString.call(v);
      if (v === null || typeof v !== 'object') return `${v}`;
      const c = getConstructorName(v, { depth: 2 }, 0);
      return `#<${c === null ? 'Object' : c}>`;
    }
    const errorCtors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
    function cloneValue(v, memory) {
      if (typeof v === 'function' || typeof v === 'symbol') throw cloneError(cloneName(v));
      if (v === null || typeof v !== 'object') return v;
      if (memory.has(v)) {
        const m = memory.get(v);
        if (m !== null) return m;
      }
      let out;
      if (Array.isArray(v)) {
        out = new Array(v.length);
        memory.set(v, out);
        for (const k of Object.keys(v)) out[k] = cloneValue(v[k], memory);
        return out;
      }
      if (isArrayBuffer(v)) {
        if (isDetached(v)) throw domException('An ArrayBuffer is detached and could not be cloned.', 'DataCloneError');
        out = v.slice(0);
        memory.set(v, out);
        return out;
      }
      if (ArrayBuffer.isView(v)) {
        const buf = cloneValue(v.buffer, memory);
        const tag = typedArrayTag(v);
        out = tag === undefined ? new DataView(buf, v.byteOffset, v.byteLength) : new globalThis[tag](buf, v.byteOffset, v.length);
        memory.set(v, out);
        return out;
      }
      if (portHooks.is(v)) { // a MessagePort not in the transfer list
        throw nodeError(TypeError, 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST', 'Object that needs transfer was found in message but not listed in transferList');
      }
      if ((out = subtleClone(v)) !== undefined) { // a CryptoKey (47-subtle.js)
        memory.set(v, out);
        return out;
      }
      if (isDate(v)) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (isMap(v)) {
        out = new Map();
        memory.set(v, out);
        for (const [k, val] of Array.from(v)) out.set(cloneValue(k, memory), cloneValue(val, memory));
        return out;
      } else if (isSet(v)) {
        out = new Set();
        memory.set(v, out);
        for (const k of Array.from(v)) out.add(cloneValue(k, memory));
        return out;
      } else if (isError(v)) {
        const name = v.name;
        const C = hasOwn(errorCtors, name) ? errorCtors[name] : Error;
        out = Object.create(C.prototype);
        memory.set(v, out);
        const def = (k, val) => Object.defineProperty(out, k, { value: val, writable: true, configurable: true, enumerable: false });
        const msgDesc = Object.getOwnPropertyDescriptor(v, 'message');
        if (msgDesc !== undefined && 'value' in msgDesc) def('message', `${msgDesc.value}`);
        const stack = v.stack;
        if (typeof stack === 'string') def('stack', stack);
        if (hasOwn(v, 'cause')) def('cause', cloneValue(v.cause, memory));
        return out;
      } else {
        const boxed = getBoxed(v);
        if (boxed) out = Object(boxed[1]);
        else {
          const tag = ObjectProto.toString.call(v);
          if (tag !== '[object Object]' && tag !== '[object Arguments]' &&
              (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet ||
               /\[object (WeakRef|FinalizationRegistry|Generator|AsyncGenerator|Module)\]/.test(tag))) {
            throw cloneError(cloneName(v));
          }
          out = {};
          memory.set(v, out);
          for (const k of Object.keys(v)) out[k] = cloneValue(v[k], memory);
          return out;
        }
      }
      memory.set(v, out);
      return out;
    }

    return structuredClone;
  }
