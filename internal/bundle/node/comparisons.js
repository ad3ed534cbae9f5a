// The deep comparison behind util.isDeepStrictEqual and assert's
// deepEqual/deepStrictEqual, after node 20's internal/util/comparisons:
// strict mode compares with Object.is, prototypes and type tags; loose
// mode with == and without prototypes. Only node:util and node:assert
// import it (as ./comparisons).
'use strict';
const I = globalThis[Symbol.for('corets.node')];

const tag = (v) => Object.prototype.toString.call(v);
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);

function ownKeys(v, strict) {
  const keys = Object.keys(v);
  if (strict) {
    for (const s of Object.getOwnPropertySymbols(v)) if (isEnumerable(v, s)) keys.push(s);
  }
  return keys;
}

function isDeepEqual(a, b) { return innerDeepEqual(a, b, false, undefined); }
function isDeepStrictEqual(a, b) { return innerDeepEqual(a, b, true, undefined); }

function innerDeepEqual(a, b, strict, memos) {
  if (a === b) return a !== 0 || !strict || Object.is(a, b);
  if (strict) {
    if (typeof a !== 'object') return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
    if (typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') {
        // eslint-disable-next-line eqeqeq
        return a == b || (Number.isNaN(a) && Number.isNaN(b));
      }
      return false;
    }
    if (b === null || typeof b !== 'object') return false;
  }
  const aTag = tag(a);
  if (aTag !== tag(b)) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    const ka = ownKeys(a, strict);
    const kb = ownKeys(b, strict);
    if (ka.length !== kb.length) return false;
    return keyCheck(a, b, strict, memos, 'array', ka);
  }
  if (aTag === '[object Object]' && !I.isMap(a) && !I.isSet(a) && !ArrayBuffer.isView(a)) {
    return keyCheck(a, b, strict, memos, 'object');
  }
  if (I.isDate(a)) {
    if (!I.isDate(b) || Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) return false;
  } else if (a instanceof RegExp) {
    if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (I.isError(a) || a instanceof Error) {
    if (!(b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
    if (hasOwn(a, 'cause') !== hasOwn(b, 'cause') || (hasOwn(a, 'cause') && !innerDeepEqual(a.cause, b.cause, strict, memos))) return false;
    if (hasOwn(a, 'errors') !== hasOwn(b, 'errors') || (hasOwn(a, 'errors') && !innerDeepEqual(a.errors, b.errors, strict, memos))) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b)) return false;
    if (!strict && (a instanceof Float32Array || a instanceof Float64Array)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    } else {
      const ua = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const ub = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      if (ua.length !== ub.length) return false;
      for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
    }
    const ka = ownKeys(a, strict).filter((k) => typeof k !== 'string' || !/^\d+$/.test(k));
    const kb = ownKeys(b, strict).filter((k) => typeof k !== 'string' || !/^\d+$/.test(k));
    if (ka.length !== kb.length) return false;
    return keyCheck(a, b, strict, memos, 'object', ka);
  } else if (I.isSet(a)) {
    if (!I.isSet(b) || a.size !== b.size) return false;
    return keyCheck(a, b, strict, memos, 'set');
  } else if (I.isMap(a)) {
    if (!I.isMap(b) || a.size !== b.size) return false;
    return keyCheck(a, b, strict, memos, 'map');
  } else if (I.isArrayBuffer(a)) {
    if (!I.isArrayBuffer(b) || a.byteLength !== b.byteLength) return false;
    const ua = new Uint8Array(a), ub = new Uint8Array(b);
    for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
  } else {
    const ba = I.getBoxed(a);
    if (ba) {
      const bb = I.getBoxed(b);
      if (!bb || ba[0] !== bb[0] || !Object.is(ba[1], bb[1])) return false;
    } else if (I.getBoxed(b)) return false;
    if (typeof a === 'function' || a instanceof WeakMap || a instanceof WeakSet || a instanceof Promise) {
      return false; // compared by identity only, and a !== b
    }
  }
  return keyCheck(a, b, strict, memos, 'object');
}

function keyCheck(a, b, strict, memos, kind, aKeys) {
  if (aKeys === undefined) {
    aKeys = ownKeys(a, strict);
    const bKeys = ownKeys(b, strict);
    if (aKeys.length !== bKeys.length) return false;
  }
  for (const k of aKeys) {
    if (!isEnumerable(b, k)) return false;
  }
  if (aKeys.length === 0 && (kind === 'object' || (kind === 'array' && a.length === 0))) return true;
  if (memos === undefined) {
    memos = { a: new Map(), b: new Map(), position: 0 };
  } else {
    const memoA = memos.a.get(a);
    if (memoA !== undefined) {
      const memoB = memos.b.get(b);
      if (memoB !== undefined) return memoA === memoB;
    }
    memos.position++;
  }
  memos.a.set(a, memos.position);
  memos.b.set(b, memos.position);
  const result = objEquiv(a, b, strict, aKeys, memos, kind);
  memos.a.delete(a);
  memos.b.delete(b);
  return result;
}

function objEquiv(a, b, strict, keys, memos, kind) {
  if (kind === 'set') {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (kind === 'map') {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (kind === 'array') {
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
      } else if (hasOwn(b, i)) {
        return false;
      }
    }
    for (const k of keys) {
      if (typeof k === 'string' && /^\d+$/.test(k)) continue;
      if (!innerDeepEqual(a[k], b[k], strict, memos)) return false;
    }
    return true;
  }
  for (const k of keys) {
    if (!innerDeepEqual(a[k], b[k], strict, memos)) return false;
  }
  return true;
}

function setEquiv(a, b, strict, memos) {
  let pending = null;
  for (const v of a) {
    if (typeof v === 'object' && v !== null) (pending ||= []).push(v);
    else if (!b.has(v)) {
      if (strict) return false;
      if (!setMightHaveLoosePrim(a, b, v)) return false;
      (pending ||= []).push(v);
    }
  }
  if (pending !== null) {
    const rest = [];
    for (const v of b) {
      if ((typeof v === 'object' && v !== null) || (!strict && !a.has(v))) rest.push(v);
    }
    for (const v of pending) {
      const i = rest.findIndex((w) => innerDeepEqual(v, w, strict, memos));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
    return rest.length === 0;
  }
  return true;
}
function setMightHaveLoosePrim(a, b, prim) {
  for (const v of b) {
    // eslint-disable-next-line eqeqeq
    if (typeof v !== 'object' && v == prim) return true;
  }
  return false;
}

function mapEquiv(a, b, strict, memos) {
  let pending = null;
  for (const [k, v] of a) {
    if (typeof k === 'object' && k !== null) (pending ||= []).push([k, v]);
    else if (b.has(k) && innerDeepEqual(v, b.get(k), strict, memos)) continue;
    else {
      if (strict) return false;
      (pending ||= []).push([k, v]);
    }
  }
  if (pending !== null) {
    const rest = [];
    for (const [k, v] of b) {
      if ((typeof k === 'object' && k !== null) || !a.has(k) || !strict) rest.push([k, v]);
    }
    for (const [k, v] of pending) {
      const i = rest.findIndex(([k2, v2]) => innerDeepEqual(k, k2, strict, memos) && innerDeepEqual(v, v2, strict, memos));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
  }
  return true;
}

module.exports = { isDeepEqual, isDeepStrictEqual };
