// prelude.js: the web APIs every CoreTS-Wasm plugin can rely on.
//
// Evaluated once per instance, as a classic script, before any plugin code.
// The engine provides globalThis.__host (see jsengine); this script removes
// it and completes with the timer dispatcher, which the engine calls as
// dispatch(0, timerId) when a host timer expires.
//
// Behaviour follows Node.js 20 wherever plugin authors could observe it
// (console formatting, error messages and codes), because plugins are
// usually tested under node; testdata/node holds the comparison corpus.
// Known differences, kept on purpose:
//  - setTimeout/setInterval return numbers, not Timeout objects (no
//    ref/unref: AbortSignal.timeout's timer is an ordinary pending timer).
//  - Promise state cannot be read from JS, so console.log prints
//    `Promise { <unknown> }`; iterators print as plain objects.
//  - TextDecoder knows UTF-8 only; IDNA is NFKC + lowercase + punycode with
//    a few UTS #46 rules, not the full tables.
//  - exceptions in queueMicrotask callbacks and event listeners surface as
//    unhandled promise rejections (the engine reports them).
//  - structuredClone copies the transfer list's ArrayBuffers without
//    detaching them when the engine lacks ArrayBuffer.prototype.transfer.
//
// Load cost matters (this runs at every instance start): the top level
// only defines small functions and the globals; each API is built by its
// make* function on first use.
(function (host) {
  'use strict';
  delete globalThis.__host;

  const hostCall = host.call;
  const hostNow = host.now;
  const hostRandomFill = host.randomFill;
  const H_CONSOLE = host.lookup('console');
  const H_TIMER_SET = host.lookup('timer.set');
  const H_TIMER_CLEAR = host.lookup('timer.clear');
  const startNow = hostNow();
  const timeOrigin = Date.now();

  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const ObjectProto = Object.prototype;
  const hasOwn = (o, k) => ObjectProto.hasOwnProperty.call(o, k);
  const FAIL = Symbol('failure');

  // Errors carrying node's `code`, with node's exact messages.
  function nodeError(Ctor, code, message) {
    const e = new Ctor(message);
    Object.defineProperty(e, 'code', { value: code, writable: true, configurable: true, enumerable: true });
    return e;
  }
  function describeReceived(v) {
    if (v == null) return ' Received ' + v;
    if (typeof v === 'function' && v.name) return ` Received function ${v.name}`;
    if (typeof v === 'object') {
      if (v.constructor && v.constructor.name) return ` Received an instance of ${v.constructor.name}`;
      return ` Received ${inspect(v, { depth: -1 })}`;
    }
    let s = inspect(v, { colors: false });
    if (s.length > 28) s = s.slice(0, 25) + '...';
    return ` Received type ${typeof v} (${s})`;
  }
  const argTypeError = (name, what, v) =>
    nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${what}.${describeReceived(v)}`);
  const missingArgs = (msg) => nodeError(TypeError, 'ERR_MISSING_ARGS', msg);
  const illegalConstructor = () => nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  function checkFunction(cb, name) {
    if (typeof cb !== 'function') throw argTypeError(name, 'of type function', cb);
  }

  // Brand checks through built-in getters (exact, unlike instanceof).
  let brandGetters;
  function brands() {
    if (brandGetters === undefined) {
      const get = (o, k) => Object.getOwnPropertyDescriptor(o, k).get;
      brandGetters = {
        ta: get(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag),
        map: get(Map.prototype, 'size'),
        set: get(Set.prototype, 'size'),
        ab: get(ArrayBuffer.prototype, 'byteLength'),
      };
    }
    return brandGetters;
  }
  function brand(fn, v) {
    try { fn.call(v); return true; } catch { return false; }
  }
  const typedArrayTag = (v) => brands().ta.call(v); // the class name, or undefined
  const isTypedArray = (v) => typedArrayTag(v) !== undefined;
  const isMap = (v) => brand(brands().map, v);
  const isSet = (v) => brand(brands().set, v);
  const isArrayBuffer = (v) => brand(brands().ab, v);
  const isDate = (v) => brand(Date.prototype.getTime, v);
  const isError = (v) => v instanceof Error || ObjectProto.toString.call(v) === '[object Error]';
  const formatNumber = (n) => (Object.is(n, -0) ? '-0' : `${n}`);
  function getBoxed(value) { // [type, primitive] of a boxed primitive, else null
    const probes = [[Number, 'Number'], [String, 'String'], [Boolean, 'Boolean'], [BigInt, 'BigInt'], [Symbol, 'Symbol']];
    for (const [C, type] of probes) {
      try { return [type, C.prototype.valueOf.call(value)]; } catch {}
    }
    return null;
  }

  function toWellFormed(s) {
    return typeof s.toWellFormed === 'function' ? s.toWellFormed()
      : s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }

  // Each API below is built by its make* function on first use, so loading
  // the prelude only creates these stubs. The globals are accessors that
  // turn into plain data properties when first read or written.
  const lazy = (make) => {
    let v;
    return () => (v === undefined ? (v = make()) : v);
  };
  const inspectMod = lazy(makeInspect);
  const inspect = (v, opts) => inspectMod().inspect(v, opts);
  const domMod = lazy(makeDOMException);
  const domException = (message, name) => new (domMod())(message, name);
  const eventsMod = lazy(makeEvents);
  const encodingMod = lazy(makeEncoding);
  const internalKey = Symbol('internal'); // unlocks constructors that node calls illegal

  // ---------------------------------------------------------------- inspect
  // A port of the parts of node's util.inspect that console uses, with
  // node's defaults (depth 2, breakLength 80, compact 3).
  function makeInspect() {

    function inspect(value, opts) {
      const ctx = {
        seen: [], circular: undefined, indentationLvl: 0, currentDepth: 0,
        depth: 2, showHidden: false, breakLength: 80, compact: 3,
        maxArrayLength: 100, maxStringLength: 10000, customInspect: true,
      };
      if (opts) for (const k of Object.keys(opts)) if (k in ctx && opts[k] !== undefined) ctx[k] = opts[k];
      if (ctx.depth === Infinity) ctx.depth = null;
      return formatValue(ctx, value, 0);
    }
    inspect.custom = customInspect;

    const strEscapeRe = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    const strEscapeReNoQuote = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    function escapeChar(c) {
      const n = c.charCodeAt(0);
      switch (n) {
        case 8: return '\\b';
        case 9: return '\\t';
        case 10: return '\\n';
        case 12: return '\\f';
        case 13: return '\\r';
        case 39: return "\\'";
        case 92: return '\\\\';
      }
      if (n >= 0xd800) return '\\u' + n.toString(16);
      return '\\x' + n.toString(16).toUpperCase().padStart(2, '0');
    }
    function strEscape(str) {
      let quote = "'";
      let re = strEscapeRe;
      if (str.includes("'")) {
        if (!str.includes('"')) quote = '"';
        else if (!str.includes('`') && !str.includes('${')) quote = '`';
        if (quote !== "'") re = strEscapeReNoQuote;
      }
      if (re.test(str)) str = str.replace(new RegExp(re.source, 'g'), escapeChar);
      return quote + str + quote;
    }

    function formatPrimitive(ctx, value) {
      switch (typeof value) {
        case 'string': {
          let trailer = '';
          if (value.length > ctx.maxStringLength) {
            const remaining = value.length - ctx.maxStringLength;
            value = value.slice(0, ctx.maxStringLength);
            trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
          }
          if (ctx.compact !== true && value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
            return value.split(/(?<=\n)/).map(strEscape).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
          }
          return strEscape(value) + trailer;
        }
        case 'number': return formatNumber(value);
        case 'bigint': return `${value}n`;
        case 'symbol': return symbolToString(value);
        default: return `${value}`; // undefined, boolean
      }
    }
    function symbolToString(s) {
      const str = Symbol.prototype.toString.call(s);
      return strEscapeRe.test(str) ? strEscape(str).slice(1, -1) : str;
    }

    function formatValue(ctx, value, recurseTimes, typedArray) {
      if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx, value);
      if (value === null) return 'null';
      if (ctx.customInspect) {
        const fn = value[customInspect];
        if (typeof fn === 'function' && fn !== inspect) {
          const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
          const opts = { ...ctx, stylize: (s) => s };
          delete opts.seen; delete opts.circular; delete opts.currentDepth; delete opts.indentationLvl;
          const ret = fn.call(value, depth, opts, inspect);
          if (ret !== value) {
            if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
            return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
          }
        }
      }
      if (ctx.seen.includes(value)) {
        let index = 1;
        if (ctx.circular === undefined) {
          ctx.circular = new Map([[value, index]]);
        } else {
          index = ctx.circular.get(value);
          if (index === undefined) {
            index = ctx.circular.size + 1;
            ctx.circular.set(value, index);
          }
        }
        return `[Circular *${index}]`;
      }
      return formatRaw(ctx, value, recurseTimes, typedArray);
    }

    function isInstanceof(o, C) {
      try { return o instanceof C; } catch { return false; }
    }
    function getConstructorName(obj, ctx, recurseTimes) {
      let firstProto;
      const tmp = obj;
      while (obj) {
        const d = Object.getOwnPropertyDescriptor(obj, 'constructor');
        if (d !== undefined && typeof d.value === 'function' && d.value.name !== '' && isInstanceof(tmp, d.value)) {
          return String(d.value.name);
        }
        obj = Object.getPrototypeOf(obj);
        if (firstProto === undefined) firstProto = obj;
      }
      if (firstProto === null) return null;
      const res = typeof tmp === 'function' ? 'Function' : 'Object';
      if (ctx.depth !== null && recurseTimes > ctx.depth) return `${res} <Complex prototype>`;
      const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1);
      if (protoConstr === null) {
        return `${res} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
      }
      return `${res} <${protoConstr}>`;
    }

    function getPrefix(constructor, tag, fallback, size = '') {
      if (constructor === null) {
        if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
        return `[${fallback}${size}: null prototype] `;
      }
      if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
      return `${constructor}${size} `;
    }

    function getKeys(value, showHidden) {
      let keys;
      const symbols = Object.getOwnPropertySymbols(value);
      if (showHidden) {
        keys = Object.getOwnPropertyNames(value);
        if (symbols.length !== 0) keys.push(...symbols);
      } else {
        keys = Object.keys(value);
        for (const s of symbols) if (ObjectProto.propertyIsEnumerable.call(value, s)) keys.push(s);
      }
      return keys;
    }
    const isIndex = (k) => typeof k === 'string' && /^(0|[1-9][0-9]*)$/.test(k) && +k < 4294967295;
    function getNonIndexKeys(value, showHidden) {
      return getKeys(value, showHidden).filter((k) => !isIndex(k));
    }

    function getFunctionBase(value, constructor, tag) {
      let src = '';
      try { src = Function.prototype.toString.call(value); } catch {}
      if (src.startsWith('class') && src.endsWith('}')) {
        const hasName = hasOwn(value, 'name');
        let base = `class ${(hasName && value.name) || '(anonymous)'}`;
        if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
        if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
        if (constructor !== null) {
          const superName = Object.getPrototypeOf(value).name;
          if (superName) base += ` extends ${superName}`;
        } else {
          base += ' extends [null prototype]';
        }
        return `[${base}]`;
      }
      let type = 'Function';
      const t = value[Symbol.toStringTag];
      if (t === 'GeneratorFunction' || t === 'AsyncGeneratorFunction' || t === 'AsyncFunction') type = t;
      let base = `[${type}`;
      if (constructor === null) base += ' (null prototype)';
      base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
      base += ']';
      if (constructor !== type && constructor !== null) base += ` [${constructor}]`;
      if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
      return base;
    }

    function getStackString(err) {
      let stack = err.stack;
      const head = () => {
        try { return Error.prototype.toString.call(err); } catch { return 'Error'; }
      };
      if (typeof stack !== 'string' || stack === '') return stack ? String(stack) : head();
      // QuickJS's stack holds the frames only; V8's starts with "Name: message".
      if (/^\s+at /.test(stack)) stack = head() + '\n' + stack.replace(/\n+$/, '');
      return stack;
    }
    function improveStack(stack, constructor, name, tag) {
      let len = name.length;
      if (constructor === null ||
          (name.endsWith('Error') && stack.startsWith(name) &&
           (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
        let fallback = 'Error';
        if (constructor === null) {
          const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
          fallback = (start && start[1]) || '';
          len = fallback.length;
          fallback = fallback || 'Error';
        }
        const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
        if (name !== prefix) {
          if (prefix.includes(name)) {
            stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
          } else {
            stack = `${prefix} [${name}]${stack.slice(len)}`;
          }
        }
      }
      return stack;
    }
    function formatError(err, constructor, tag, ctx, keys) {
      const name = err.name != null ? String(err.name) : 'Error';
      let stack = getStackString(err);
      if (!ctx.showHidden && keys.length !== 0) {
        for (const k of ['name', 'message', 'stack']) {
          const i = keys.indexOf(k);
          if (i !== -1 && stack.includes(err[k])) keys.splice(i, 1);
        }
      }
      if ('cause' in err && !keys.includes('cause')) keys.push('cause');
      if (Array.isArray(err.errors) && !keys.includes('errors')) keys.push('errors');
      stack = improveStack(stack, constructor, name, tag);
      let pos = (err.message && stack.indexOf(err.message)) || -1;
      if (pos !== -1) pos += err.message.length;
      const stackStart = stack.indexOf('\n    at', pos);
      if (stackStart === -1) stack = `[${stack}]`;
      if (ctx.indentationLvl !== 0) stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
      return stack;
    }


    function formatRaw(ctx, value, recurseTimes, typedArray) {
      let keys;
      const constructor = getConstructorName(value, ctx, recurseTimes);
      let tag = value[Symbol.toStringTag];
      if (typeof tag !== 'string' ||
          (tag !== '' && (ctx.showHidden ? hasOwn : (o, k) => ObjectProto.propertyIsEnumerable.call(o, k))(value, Symbol.toStringTag))) {
        tag = '';
      }
      let base = '';
      let formatter = () => [];
      let braces;
      let noIterator = true;
      let extrasType = 0; // 0: object, 1: array-like (grouped, values only)

      if (value[Symbol.iterator] || constructor === null) {
        noIterator = false;
        if (Array.isArray(value)) {
          const prefix = (constructor !== 'Array' || tag !== '') ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
          keys = getNonIndexKeys(value, ctx.showHidden);
          braces = [`${prefix}[`, ']'];
          if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
          extrasType = 1;
          formatter = formatArray;
        } else if (isSet(value)) {
          const size = brands().set.call(value);
          const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
          keys = getKeys(value, ctx.showHidden);
          formatter = formatSet;
          if (size === 0 && keys.length === 0) return `${prefix}{}`;
          braces = [`${prefix}{`, '}'];
        } else if (isMap(value)) {
          const size = brands().map.call(value);
          const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
          keys = getKeys(value, ctx.showHidden);
          formatter = formatMap;
          if (size === 0 && keys.length === 0) return `${prefix}{}`;
          braces = [`${prefix}{`, '}'];
        } else if (isTypedArray(value)) {
          keys = getNonIndexKeys(value, ctx.showHidden);
          const fallback = constructor === null ? typedArrayTag(value) : '';
          const size = value.length;
          const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
          braces = [`${prefix}[`, ']'];
          if (size === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
          formatter = formatTypedArray;
          extrasType = 1;
        } else {
          noIterator = true;
        }
      }
      if (noIterator) {
        keys = getKeys(value, ctx.showHidden);
        braces = ['{', '}'];
        if (typeof value === 'function') {
          base = getFunctionBase(value, constructor, tag);
          if (keys.length === 0) return base;
        } else if (constructor === 'Object') {
          if (ObjectProto.toString.call(value) === '[object Arguments]') braces[0] = '[Arguments] [';
          else if (tag !== '') braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
          if (keys.length === 0) return `${braces[0]}}`;
        } else if (value instanceof RegExp) {
          base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
          const prefix = getPrefix(constructor, tag, 'RegExp');
          if (prefix !== 'RegExp ') base = `${prefix}${base}`;
          if (keys.length === 0 || (ctx.depth !== null && recurseTimes > ctx.depth)) return base;
        } else if (isDate(value)) {
          base = Number.isNaN(value.getTime()) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
          const prefix = getPrefix(constructor, tag, 'Date');
          if (prefix !== 'Date ') base = `${prefix}${base}`;
          if (keys.length === 0) return base;
        } else if (isError(value)) {
          base = formatError(value, constructor, tag, ctx, keys);
          if (keys.length === 0) return base;
        } else if (isArrayBuffer(value)) {
          const prefix = getPrefix(constructor, tag, 'ArrayBuffer');
          if (typedArray === undefined) formatter = formatArrayBuffer;
          else if (keys.length === 0) return `${prefix}{ byteLength: ${formatNumber(value.byteLength)} }`;
          braces[0] = `${prefix}{`;
          keys.unshift('byteLength');
        } else if (value instanceof DataView) {
          braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
          keys.unshift('byteLength', 'byteOffset', 'buffer');
        } else if (value instanceof Promise) {
          braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
          formatter = () => ['<unknown>'];
        } else if (value instanceof WeakSet || value instanceof WeakMap) {
          braces[0] = `${getPrefix(constructor, tag, value instanceof WeakSet ? 'WeakSet' : 'WeakMap')}{`;
          formatter = () => ['<items unknown>'];
        } else {
          const boxed = getBoxed(value);
          if (boxed) {
            const [type, prim] = boxed;
            if (type === 'String') keys.splice(0, prim.length);
            base = `[${type}`;
            if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
            base += `: ${formatPrimitive({ ...ctx, compact: true }, prim)}]`;
            if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
            if (keys.length === 0) return base;
          } else {
            const name = getPrefix(constructor, tag, 'Object');
            if (keys.length === 0) return `${name}{}`;
            braces[0] = `${name}{`;
          }
        }
      }

      if (ctx.depth !== null && recurseTimes > ctx.depth) {
        let name = getPrefix(constructor, tag, 'Object').slice(0, -1);
        if (constructor !== null) name = `[${name}]`;
        return name;
      }
      recurseTimes += 1;
      ctx.seen.push(value);
      ctx.currentDepth = recurseTimes;
      const output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keys.length; i++) {
        output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
      if (ctx.circular !== undefined) {
        const index = ctx.circular.get(value);
        if (index !== undefined) {
          const reference = `<ref *${index}>`;
          base = base === '' ? reference : `${reference} ${base}`;
        }
      }
      ctx.seen.pop();
      return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
    }

    const remainingText = (n) => `... ${n} more item${n > 1 ? 's' : ''}`;
    function formatArray(ctx, value, recurseTimes) {
      const max = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
      const output = [];
      let indices = null; // own index keys, read on the first hole only
      let k = 0;
      let i = 0;
      while (i < value.length && output.length < max) {
        if (hasOwn(value, i)) {
          output.push(formatProperty(ctx, value, recurseTimes, i, 2));
          i++;
          continue;
        }
        if (indices === null) indices = Object.keys(value).filter(isIndex).map(Number);
        while (k < indices.length && indices[k] < i) k++;
        const next = k < indices.length ? indices[k] : value.length;
        output.push(`<${next - i} empty item${next - i > 1 ? 's' : ''}>`);
        i = next;
      }
      const remaining = value.length - i;
      if (remaining > 0) output.push(remainingText(remaining));
      return output;
    }
    function formatTypedArray(ctx, value) {
      const len = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
      const output = new Array(len);
      for (let i = 0; i < len; i++) {
        output[i] = typeof value[i] === 'bigint' ? `${value[i]}n` : formatNumber(value[i]);
      }
      if (value.length > len) output.push(remainingText(value.length - len));
      if (ctx.showHidden) {
        ctx.indentationLvl += 2;
        for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
          output.push(`[${key}]: ${formatValue(ctx, value[key], ctx.currentDepth, true)}`);
        }
        ctx.indentationLvl -= 2;
      }
      return output;
    }
    function formatArrayBuffer(ctx, value) {
      const bytes = new Uint8Array(value);
      const n = Math.min(ctx.maxArrayLength, bytes.length);
      let str = '';
      for (let i = 0; i < n; i++) str += (i ? ' ' : '') + (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
      const remaining = bytes.length - ctx.maxArrayLength;
      if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
      return [`[Uint8Contents]: <${str}>`];
    }
    function formatSet(ctx, value, recurseTimes) {
      const output = [];
      ctx.indentationLvl += 2;
      for (const v of value) output.push(formatValue(ctx, v, recurseTimes));
      ctx.indentationLvl -= 2;
      return output;
    }
    function formatMap(ctx, value, recurseTimes) {
      const output = [];
      ctx.indentationLvl += 2;
      for (const [k, v] of value) {
        output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
      }
      ctx.indentationLvl -= 2;
      return output;
    }

    // type: 0 object entry, 1 extra key of an array-like, 2 array element
    function formatProperty(ctx, value, recurseTimes, key, type) {
      let name, str;
      const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
      if (desc.value !== undefined) {
        ctx.indentationLvl += 2;
        str = formatValue(ctx, desc.value, recurseTimes);
        ctx.indentationLvl -= 2;
      } else if (desc.get !== undefined) {
        str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
      } else if (desc.set !== undefined) {
        str = '[Setter]';
      } else {
        str = 'undefined';
      }
      if (type === 2) return str;
      if (typeof key === 'symbol') name = `[${symbolToString(key)}]`;
      else if (key === '__proto__') name = "['__proto__']";
      else if (desc.enumerable === false) name = `[${key.replace(new RegExp(strEscapeRe.source, 'g'), escapeChar)}]`;
      else if (/^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key)) name = key;
      else name = strEscape(key);
      return `${name}: ${str}`;
    }

    function groupArrayElements(ctx, output, value) {
      let totalLength = 0;
      let maxLength = 0;
      let i = 0;
      let outputLength = output.length;
      if (ctx.maxArrayLength < output.length) outputLength--;
      const separatorSpace = 2;
      const dataLen = new Array(outputLength);
      for (; i < outputLength; i++) {
        const len = output[i].length;
        dataLen[i] = len;
        totalLength += len + separatorSpace;
        if (maxLength < len) maxLength = len;
      }
      const actualMax = maxLength + separatorSpace;
      if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
          (totalLength / actualMax > 5 || maxLength <= 6)) {
        const averageBias = Math.sqrt(actualMax - totalLength / output.length);
        const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
        const columns = Math.min(
          Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
          Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
          ctx.compact * 4,
          15,
        );
        if (columns <= 1) return output;
        const tmp = [];
        const maxLineLength = [];
        for (let c = 0; c < columns; c++) {
          let lineLength = 0;
          for (let j = c; j < output.length; j += columns) {
            if (dataLen[j] > lineLength) lineLength = dataLen[j];
          }
          maxLineLength.push(lineLength + separatorSpace);
        }
        let padStart = true;
        if (value !== undefined) {
          for (let k = 0; k < output.length; k++) {
            if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') {
              padStart = false;
              break;
            }
          }
        }
        for (let r = 0; r < outputLength; r += columns) {
          const max = Math.min(r + columns, outputLength);
          let str = '';
          let j = r;
          for (; j < max - 1; j++) {
            const cell = `${output[j]}, `;
            str += padStart ? cell.padStart(maxLineLength[j - r], ' ') : cell.padEnd(maxLineLength[j - r], ' ');
          }
          str += padStart ? output[j].padStart(maxLineLength[j - r] - separatorSpace, ' ') : output[j];
          tmp.push(str);
        }
        if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
        output = tmp;
      }
      return output;
    }

    function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
      if (ctx.compact !== true) {
        if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
          const entries = output.length;
          if (extrasType === 1 && entries > 6) output = groupArrayElements(ctx, output, value);
          if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
            const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
            if (isBelowBreakLength(ctx, output, start, base)) {
              const joined = output.join(', ');
              if (!joined.includes('\n')) {
                return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
              }
            }
          }
        }
        const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
        return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
      }
      if (isBelowBreakLength(ctx, output, 0, base)) {
        return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
      }
      const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
      const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}${indentation}  `;
      return `${braces[0]}${ln}${output.join(`,${indentation}  `)} ${braces[1]}`;
    }
    function isBelowBreakLength(ctx, output, start, base) {
      let totalLength = output.length + start;
      if (totalLength + output.length > ctx.breakLength) return false;
      for (let i = 0; i < output.length; i++) {
        totalLength += output[i].length;
        if (totalLength > ctx.breakLength) return false;
      }
      return base === '' || !base.includes('\n');
    }

    // util.format
    function hasBuiltInToString(value) {
      if (typeof value.toString !== 'function') return true;
      if (hasOwn(value, 'toString')) return false;
      let p = value;
      do { p = Object.getPrototypeOf(p); } while (p !== null && !hasOwn(p, 'toString'));
      if (p === null) return true;
      const d = Object.getOwnPropertyDescriptor(p, 'constructor');
      return d !== undefined && typeof d.value === 'function' && /^[A-Z]/.test(d.value.name) &&
        typeof globalThis[d.value.name] === 'function' && globalThis[d.value.name] === d.value;
    }
    function tryStringify(v) {
      try {
        return JSON.stringify(v);
      } catch (err) {
        if (err instanceof TypeError && /circular/i.test(err.message)) return '[Circular]';
        throw err;
      }
    }
    function format(args) {
      const first = args[0];
      let a = 0;
      let str = '';
      let join = '';
      if (typeof first === 'string') {
        if (args.length === 1) return first;
        let tempStr;
        let lastPos = 0;
        for (let i = 0; i < first.length - 1; i++) {
          if (first.charCodeAt(i) !== 37) continue; // '%'
          const next = first.charCodeAt(++i);
          if (a + 1 !== args.length) {
            switch (next) {
              case 115: { // 's'
                const arg = args[++a];
                if (typeof arg === 'number') tempStr = formatNumber(arg);
                else if (typeof arg === 'bigint') tempStr = `${arg}n`;
                else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) tempStr = String(arg);
                else tempStr = inspect(arg, { depth: 0 });
                break;
              }
              case 106: tempStr = tryStringify(args[++a]); break; // 'j'
              case 100: { // 'd'
                const n = args[++a];
                if (typeof n === 'bigint') tempStr = `${n}n`;
                else if (typeof n === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(Number(n));
                break;
              }
              case 79: tempStr = inspect(args[++a]); break; // 'O'
              case 111: tempStr = inspect(args[++a], { showHidden: true, depth: 4 }); break; // 'o'
              case 105: { // 'i'
                const n = args[++a];
                if (typeof n === 'bigint') tempStr = `${n}n`;
                else if (typeof n === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(parseInt(n));
                break;
              }
              case 102: { // 'f'
                const n = args[++a];
                tempStr = typeof n === 'symbol' ? 'NaN' : formatNumber(parseFloat(n));
                break;
              }
              case 99: a += 1; tempStr = ''; break; // 'c'
              case 37: // '%'
                str += first.slice(lastPos, i);
                lastPos = i + 1;
                continue;
              default:
                continue;
            }
            if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
            str += tempStr;
            lastPos = i + 1;
          } else if (next === 37) {
            str += first.slice(lastPos, i);
            lastPos = i + 1;
          }
        }
        if (lastPos !== 0) {
          a++;
          join = ' ';
          if (lastPos < first.length) str += first.slice(lastPos);
        }
      }
      while (a < args.length) {
        const v = args[a];
        str += join + (typeof v !== 'string' ? inspect(v) : v);
        join = ' ';
        a++;
      }
      return str;
    }

    return { inspect, format, getConstructorName };
  }

  // ---------------------------------------------------------------- console
  function makeConsole() {
    const { format } = inspectMod();
    let groupIndent = '';
    const counts = new Map();
    const timersByLabel = new Map();
    function emit(level, text) {
      if (groupIndent !== '') text = groupIndent + text.replaceAll('\n', '\n' + groupIndent);
      hostCall(H_CONSOLE, level + '\t' + text);
    }
    function formatTime(ms) {
      if (ms >= 60000) {
        const h = Math.floor(ms / 3600000);
        const m = Math.floor((ms % 3600000) / 60000);
        const [s, frac] = ((ms % 60000) / 1000).toFixed(3).split('.');
        const pad = (n) => String(n).padStart(2, '0');
        return `${h !== 0 ? `${h}:${pad(m)}` : m}:${pad(s)}.${frac} (${h !== 0 ? 'h:m' : ''}m:ss.mmm)`;
      }
      if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
      return `${Number(ms.toFixed(3))}ms`;
    }
    function timeLog(name, label, end, data) {
      label = `${label}`;
      const start = timersByLabel.get(label);
      if (start === undefined) {
        emit('warn', `Warning: No such label '${label}' for console.${name}()`);
        return;
      }
      if (end) timersByLabel.delete(label);
      const t = formatTime(hostNow() - start);
      emit('log', data.length ? `${label}: ${t} ${format(data)}` : `${label}: ${t}`);
    }
    const consoleObj = {
      log: (...args) => emit('log', format(args)),
      info: (...args) => emit('info', format(args)),
      debug: (...args) => emit('debug', format(args)),
      warn: (...args) => emit('warn', format(args)),
      error: (...args) => emit('error', format(args)),
      dirxml: (...args) => emit('log', format(args)),
      table: (...args) => emit('log', format(args)), // no table layout: printed like console.log
      trace: (...args) => {
        const stack = (new Error().stack || '').replace(/^[^\n]*\n/, '').replace(/\n+$/, '');
        emit('error', `Trace${args.length ? ': ' + format(args) : ''}${stack ? '\n' + stack : ''}`);
      },
      dir: (obj, options) => emit('log', inspect(obj, { customInspect: false, ...options })),
      assert: (cond, ...args) => {
        if (cond) return;
        if (args.length && typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
        else args.unshift('Assertion failed');
        emit('warn', format(args));
      },
      count: (label = 'default') => {
        label = `${label}`;
        const n = (counts.get(label) || 0) + 1;
        counts.set(label, n);
        emit('info', `${label}: ${n}`);
      },
      countReset: (label = 'default') => {
        label = `${label}`;
        if (!counts.has(label)) emit('warn', `Count for '${label}' does not exist`);
        else counts.delete(label);
      },
      group: (...args) => {
        if (args.length) emit('log', format(args));
        groupIndent += '  ';
      },
      groupEnd: () => { groupIndent = groupIndent.slice(0, -2); },
      time: (label = 'default') => {
        label = `${label}`;
        if (timersByLabel.has(label)) {
          emit('warn', `Warning: Label '${label}' already exists for console.time()`);
          return;
        }
        timersByLabel.set(label, hostNow());
      },
      timeEnd: (label = 'default') => timeLog('timeEnd', label, true, []),
      timeLog: (label = 'default', ...data) => timeLog('timeLog', label, false, data),
    };
    consoleObj.groupCollapsed = consoleObj.group;

    return consoleObj;
  }

  // ---------------------------------------------------------------- timers
  const timers = new Map(); // id -> { cb, args, delay, repeat }
  let nextTimerId = 1;
  const MAX_TIMERS = 10000;
  function addTimer(cb, delay, args, repeat) {
    checkFunction(cb, 'callback');
    delay *= 1;
    if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
    delay = Math.ceil(delay);
    if (timers.size >= MAX_TIMERS) throw new RangeError(`too many pending timers (limit ${MAX_TIMERS})`);
    if (H_TIMER_SET < 0) throw new Error('timers are not available in this host');
    const id = nextTimerId++;
    timers.set(id, { cb, args, delay, repeat });
    hostCall(H_TIMER_SET, id + ',' + delay);
    return id;
  }
  function clearTimer(id) {
    if (typeof id !== 'number' && typeof id !== 'string') return;
    id = Number(id);
    if (timers.delete(id)) hostCall(H_TIMER_CLEAR, '' + id);
  }
  function dispatch(kind, id) {
    if (kind !== 0) return;
    const t = timers.get(id);
    if (t === undefined) return;
    // Like node, an interval is re-armed before its callback runs.
    if (t.repeat) hostCall(H_TIMER_SET, id + ',' + t.delay);
    else timers.delete(id);
    t.cb.apply(globalThis, t.args);
  }
  // (arg1..arg3 only give the functions node's length of 5)
  // eslint-disable-next-line no-unused-vars
  const setTimeout_ = function setTimeout(callback, after, arg1, arg2, arg3) {
    return addTimer(callback, after, Array.prototype.slice.call(arguments, 2), false);
  };
  // eslint-disable-next-line no-unused-vars
  const setInterval_ = function setInterval(callback, repeat, arg1, arg2, arg3) {
    return addTimer(callback, repeat, Array.prototype.slice.call(arguments, 2), true);
  };
  const clearTimeout_ = function clearTimeout(id) { clearTimer(id); };
  const clearInterval_ = function clearInterval(id) { clearTimer(id); };
  const resolved = Promise.resolve();
  const queueMicrotask_ = function queueMicrotask(cb) {
    checkFunction(cb, 'callback');
    resolved.then(() => { cb(); });
  };

  // ---------------------------------------------------------------- DOMException
  function makeDOMException() {
    const domNames = 'IndexSizeError DOMStringSizeError HierarchyRequestError WrongDocumentError InvalidCharacterError NoDataAllowedError NoModificationAllowedError NotFoundError NotSupportedError InUseAttributeError InvalidStateError SyntaxError InvalidModificationError NamespaceError InvalidAccessError ValidationError TypeMismatchError SecurityError NetworkError AbortError URLMismatchError QuotaExceededError TimeoutError InvalidNodeTypeError DataCloneError';
    const domConsts = 'INDEX_SIZE DOMSTRING_SIZE HIERARCHY_REQUEST WRONG_DOCUMENT INVALID_CHARACTER NO_DATA_ALLOWED NO_MODIFICATION_ALLOWED NOT_FOUND NOT_SUPPORTED INUSE_ATTRIBUTE INVALID_STATE SYNTAX INVALID_MODIFICATION NAMESPACE INVALID_ACCESS VALIDATION TYPE_MISMATCH SECURITY NETWORK ABORT URL_MISMATCH QUOTA_EXCEEDED TIMEOUT INVALID_NODE_TYPE DATA_CLONE';
    class DOMException extends Error {
      #name;
      #message;
      constructor(message = '', options = 'Error') {
        message = `${message}`;
        super(message);
        delete this.message; // node keeps name/message/code as prototype getters
        this.#message = message;
        if (options !== null && typeof options === 'object') {
          this.#name = 'name' in options ? `${options.name}` : 'Error';
          if ('cause' in options) {
            Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true, enumerable: false });
          }
        } else {
          this.#name = `${options}`;
        }
      }
      get name() { return this.#name; }
      get message() { return this.#message; }
      get code() {
        const i = domNames.split(' ').indexOf(this.#name);
        return i < 0 ? 0 : i + 1;
      }
      static {
        const consts = domConsts.split(' ');
        for (let i = 0; i < consts.length; i++) {
          const d = { value: i + 1, enumerable: true };
          Object.defineProperty(this, consts[i] + '_ERR', d);
          Object.defineProperty(this.prototype, consts[i] + '_ERR', d);
        }
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
      }
    }
    const domException = (message, name) => new DOMException(message, name);

    return DOMException;
  }

  // ---------------------------------------------------------------- Event, EventTarget
  function makeEvents() {
    let eventState;
    class Event {
      #s;
      constructor(type, options = undefined) {
        if (arguments.length === 0) throw missingArgs('The "type" argument must be specified');
        if (options != null && typeof options !== 'object') throw argTypeError('options', 'of type object', options);
        const o = options || {};
        this.#s = {
          type: `${type}`, bubbles: !!o.bubbles, cancelable: !!o.cancelable, composed: !!o.composed,
          defaultPrevented: false, timeStamp: hostNow() - startNow, target: null, currentTarget: null,
          phase: 0, stop: false, stopImmediate: false, dispatching: false, trusted: false,
        };
      }
      get type() { return this.#s.type; }
      get target() { return this.#s.target; }
      get currentTarget() { return this.#s.currentTarget; }
      get srcElement() { return this.#s.target; }
      get eventPhase() { return this.#s.phase; }
      get bubbles() { return this.#s.bubbles; }
      get cancelable() { return this.#s.cancelable; }
      get composed() { return this.#s.composed; }
      get defaultPrevented() { return this.#s.cancelable && this.#s.defaultPrevented; }
      get returnValue() { return !this.defaultPrevented; }
      set returnValue(v) { if (!v) this.preventDefault(); }
      get cancelBubble() { return this.#s.stop; }
      set cancelBubble(v) { if (v) this.#s.stop = true; }
      get timeStamp() { return this.#s.timeStamp; }
      get isTrusted() { return this.#s.trusted; }
      // Like node 20, passive listeners may still prevent the default.
      preventDefault() { this.#s.defaultPrevented = true; }
      stopPropagation() { this.#s.stop = true; }
      stopImmediatePropagation() { this.#s.stop = this.#s.stopImmediate = true; }
      composedPath() { return this.#s.dispatching ? [this.#s.currentTarget] : []; }
      [customInspect](depth, options) {
        const name = this.constructor.name;
        if (depth < 0) return name;
        return `${name} ${inspect({
          type: this.#s.type, defaultPrevented: this.#s.defaultPrevented,
          cancelable: this.#s.cancelable, timeStamp: this.#s.timeStamp,
        }, { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
      }
      static {
        eventState = (e) => e.#s;
        for (const [i, k] of ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'].entries()) {
          Object.defineProperty(this, k, { value: i, enumerable: true });
        }
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });
      }
    }
    const isEvent = (e) => { try { eventState(e); return true; } catch { return false; } };

    class CustomEvent extends Event {
      #detail;
      constructor(type, options = undefined) {
        if (arguments.length === 0) throw missingArgs('The "type" argument must be specified');
        super(type, options);
        this.#detail = options && options.detail !== undefined ? options.detail : null;
      }
      get detail() { return this.#detail; }
    }

    // A listener's error must not stop the other listeners; it is reported as
    // an unhandled rejection, which the engine logs.
    const reportError = (err) => { Promise.reject(err); };

    let targetListeners;
    class EventTarget {
      #listeners = new Map(); // type -> [{ callback, capture, once, removed }]
      static { targetListeners = (t) => t.#listeners; }
      addEventListener(type, callback, options = undefined) {
        if (arguments.length < 2) throw missingArgs('The "type" and "listener" arguments must be specified');
        let capture = false, once = false, signal;
        if (typeof options === 'boolean') capture = options;
        else if (options != null) {
          capture = !!options.capture;
          once = !!options.once;
          signal = options.signal;
        }
        if (callback == null) return;
        if (signal !== undefined && signal.aborted) return;
        type = `${type}`;
        let list = this.#listeners.get(type);
        if (list === undefined) this.#listeners.set(type, (list = []));
        if (list.some((l) => l.callback === callback && l.capture === capture)) return;
        list.push({ callback, capture, once, removed: false });
        if (signal !== undefined) {
          signal.addEventListener('abort', () => this.removeEventListener(type, callback, capture), { once: true });
        }
      }
      removeEventListener(type, callback, options = undefined) {
        const capture = typeof options === 'boolean' ? options : !!(options && options.capture);
        const list = this.#listeners.get(`${type}`);
        if (list === undefined) return;
        const i = list.findIndex((l) => l.callback === callback && l.capture === capture);
        if (i >= 0) {
          list[i].removed = true;
          list.splice(i, 1);
        }
      }
      dispatchEvent(event) {
        if (!isEvent(event)) throw argTypeError('event', 'an instance of Event', event);
        const s = eventState(event);
        if (s.dispatching) throw nodeError(Error, 'ERR_EVENT_RECURSION', `The event "${s.type}" is already being dispatched`);
        s.dispatching = true;
        s.target = s.currentTarget = this;
        s.phase = 2;
        const list = this.#listeners.get(s.type);
        if (list !== undefined) {
          for (const l of list.slice()) {
            if (l.removed) continue;
            if (s.stopImmediate) break;
            if (l.once) this.removeEventListener(s.type, l.callback, l.capture);
            try {
              const cb = l.callback;
              if (typeof cb === 'function') cb.call(this, event);
              else if (cb && typeof cb.handleEvent === 'function') cb.handleEvent(event);
            } catch (err) {
              reportError(err);
            }
          }
        }
        s.phase = 0;
        s.currentTarget = null;
        s.dispatching = false;
        s.stop = s.stopImmediate = false;
        return !event.defaultPrevented;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });
      }
    }

    // AbortController, AbortSignal
    let signalAbort;
    class AbortSignal extends EventTarget {
      #aborted = false;
      #reason = undefined;
      #onabort = null;
      #handlerAdded = false;
      constructor() {
        if (arguments[0] !== internalKey) throw illegalConstructor();
        super();
      }
      get aborted() { return this.#aborted; }
      get reason() { return this.#reason; }
      throwIfAborted() { if (this.#aborted) throw this.#reason; }
      get onabort() { return this.#onabort; }
      set onabort(fn) {
        this.#onabort = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? fn : null;
        // An event handler attribute is one listener, added when first set.
        if (this.#onabort !== null && !this.#handlerAdded) {
          this.#handlerAdded = true;
          this.addEventListener('abort', (e) => {
            const h = this.#onabort;
            if (typeof h === 'function') h.call(this, e);
          });
        }
      }
      [customInspect](depth, options) {
        return `AbortSignal ${inspect({ aborted: this.#aborted }, options)}`;
      }
      static abort(reason = domException('This operation was aborted', 'AbortError')) {
        const s = new AbortSignal(internalKey);
        s.#aborted = true;
        s.#reason = reason;
        return s;
      }
      static timeout(delay) {
        if (typeof delay !== 'number') throw argTypeError('delay', 'of type number', delay);
        if (!Number.isInteger(delay) || delay < 0 || delay > 4294967295) {
          throw nodeError(RangeError, 'ERR_OUT_OF_RANGE',
            `The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ${formatNumber(delay)}`);
        }
        const s = new AbortSignal(internalKey);
        addTimer(() => signalAbort(s, domException('The operation was aborted due to timeout', 'TimeoutError')),
          Math.min(delay, 2147483647), [], false);
        return s;
      }
      static any(signals) {
        if (!Array.isArray(signals)) throw argTypeError('signals', 'an instance of Array', signals);
        signals.forEach((sig, i) => {
          if (!(sig instanceof AbortSignal)) throw argTypeError(`signals[${i}]`, 'an instance of AbortSignal', sig);
        });
        const result = new AbortSignal(internalKey);
        for (const sig of signals) {
          if (sig.#aborted) {
            result.#aborted = true;
            result.#reason = sig.#reason;
            return result;
          }
        }
        for (const sig of signals) {
          sig.addEventListener('abort', () => signalAbort(result, sig.#reason), { once: true });
        }
        return result;
      }
      static {
        signalAbort = (s, reason) => {
          if (s.#aborted) return;
          s.#aborted = true;
          s.#reason = reason;
          const e = new Event('abort');
          eventState(e).trusted = true;
          s.dispatchEvent(e);
        };
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });
      }
    }
    class AbortController {
      #signal = new AbortSignal(internalKey);
      get signal() { return this.#signal; }
      abort(reason = domException('This operation was aborted', 'AbortError')) {
        signalAbort(this.#signal, reason);
      }
      [customInspect](depth, options) {
        return `AbortController ${inspect({ signal: this.#signal }, options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });
      }
    }

    return { Event, CustomEvent, EventTarget, AbortSignal, AbortController };
  }

  // ---------------------------------------------------------------- UTF-8
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

  // ---------------------------------------------------------------- base64
  const b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function btoa(input) {
    if (arguments.length === 0) throw missingArgs('The "input" argument must be specified');
    input = `${input}`;
    let out = '';
    const n = input.length;
    for (let i = 0; i < n; i++) if (input.charCodeAt(i) > 255) throw domException('Invalid character', 'InvalidCharacterError');
    for (let i = 0; i < n; i += 3) {
      const a = input.charCodeAt(i), b = i + 1 < n ? input.charCodeAt(i + 1) : 0, c = i + 2 < n ? input.charCodeAt(i + 2) : 0;
      const v = (a << 16) | (b << 8) | c;
      out += b64chars[v >> 18] + b64chars[(v >> 12) & 63] +
        (i + 1 < n ? b64chars[(v >> 6) & 63] : '=') + (i + 2 < n ? b64chars[v & 63] : '=');
    }
    return out;
  }
  // node's rules: ASCII whitespace is skipped, '=' only at the end.
  function atob(input) {
    if (arguments.length === 0) throw missingArgs('The "input" argument must be specified');
    input = `${input}`;
    let count = 0, equals = 0;
    const vals = [];
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) continue;
      count++;
      if (c === 0x3d) {
        equals++;
      } else {
        const v = b64chars.indexOf(input[i]);
        if (v < 0 || equals) throw domException('Invalid character', 'InvalidCharacterError');
        vals.push(v);
      }
      if (equals > 2) throw domException('Invalid character', 'InvalidCharacterError');
    }
    if ((count - equals) % 4 === 1) {
      throw domException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
    }
    if (count % 4 !== 0 && equals) throw domException('Invalid character', 'InvalidCharacterError');
    let out = '';
    let buf = 0, bits = 0;
    for (const v of vals) {
      buf = (buf << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((buf >> bits) & 0xff);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- crypto
  function makeCrypto() {
    class Crypto {
      constructor(key) { if (key !== internalKey) throw illegalConstructor(); }
      getRandomValues(view) {
        if (arguments.length === 0) throw missingArgs('The "typedArray" argument must be specified');
          const tag = ArrayBuffer.isView(view) ? typedArrayTag(view) : undefined;
        if (tag === undefined || /Float/.test(tag)) {
          throw domException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
        }
        if (view.byteLength > 65536) throw domException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
        hostRandomFill(view);
        return view;
      }
      randomUUID() {
        const b = new Uint8Array(16);
        hostRandomFill(b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let h = '';
        for (let i = 0; i < 16; i++) {
          h += (b[i] < 16 ? '0' : '') + b[i].toString(16);
          if (i === 3 || i === 5 || i === 7 || i === 9) h += '-';
        }
        return h;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
      }
    }

    return Crypto;
  }

  // ---------------------------------------------------------------- structuredClone
  function makeStructuredClone() {
    const { getConstructorName } = inspectMod();
    const cloneError = (what) => domException(`${what} could not be cloned.`, 'DataCloneError');
    function structuredClone() { // (value, options), with node's length of 0
      if (arguments.length === 0) throw missingArgs('The value argument must be specified');
      const value = arguments[0];
      const options = arguments[1];
      const memory = new Map();
      const transfer = options != null && options.transfer != null ? Array.from(options.transfer) : [];
      for (const t of transfer) {
        if (!isArrayBuffer(t)) throw cloneError(cloneName(t));
        if (memory.has(t)) throw domException('Transfer list contains duplicate ArrayBuffer', 'DataCloneError');
        memory.set(t, null);
      }
      const out = cloneValue(value, memory);
      for (const t of transfer) {
        // Detach the source where the engine can (ES2024 transfer); else copy.
        if (typeof t.transfer === 'function') t.transfer();
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

  // ---------------------------------------------------------------- performance
  function makePerformance() {
    const { EventTarget } = eventsMod();
    class Performance extends EventTarget {
      constructor(key) {
        if (key !== internalKey) throw illegalConstructor();
        super();
      }
      now() { return hostNow() - startNow; }
      get timeOrigin() { return timeOrigin; }
      toJSON() { return { timeOrigin }; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });
      }
    }

    return Performance;
  }

  // ---------------------------------------------------------------- URL
  // The WHATWG URL parser. A URL record is { scheme, username, password,
  // host (null or serialized), port (null or number), path (array of
  // segments, or a string when opaque), query, fragment }.
  function makeURL() {
    const { utf8Encode, utf8DecodeLossy } = encodingMod();

    const specialPorts = { 'ftp': 21, 'file': null, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 };
    const isSpecialScheme = (s) => hasOwn(specialPorts, s);
    const defaultPort = (s) => (hasOwn(specialPorts, s) ? specialPorts[s] : null);
    const isAlpha = (c) => c !== undefined && /^[A-Za-z]$/.test(c);
    const isDigit = (c) => c !== undefined && c >= '0' && c <= '9';
    const isHexDigit = (c) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

    // Percent-encode sets, as predicates on a code point.
    const C0_SET = (c) => c < 0x20 || c > 0x7e;
    const FRAGMENT_SET = (c) => C0_SET(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
    const QUERY_SET = (c) => C0_SET(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
    const SPECIAL_QUERY_SET = (c) => QUERY_SET(c) || c === 0x27;
    const PATH_SET = (c) => QUERY_SET(c) || c === 0x3f || c === 0x60 || c === 0x7b || c === 0x7d;
    const USERINFO_SET = (c) => PATH_SET(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 ||
      (c >= 0x5b && c <= 0x5e) || c === 0x7c;
    const COMPONENT_SET = (c) => USERINFO_SET(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
    const FORM_SET = (c) => COMPONENT_SET(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;

    const hex2 = (b) => '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
    // c is one code point (a string of 1 or 2 UTF-16 units).
    function pctEncodeCp(c, set) {
      const n = c.codePointAt(0);
      if (!set(n)) return c;
      if (n < 0x80) return hex2(n);
      let s = '';
      for (const b of utf8Encode(c)) s += hex2(b);
      return s;
    }
    function pctEncodeStr(str, set) {
      let out = '';
      for (const c of str) out += pctEncodeCp(c, set);
      return out;
    }
    function pctDecode(str) {
      const bytes = utf8Encode(str);
      const out = new Uint8Array(bytes.length);
      let j = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === 0x25 && i + 2 < bytes.length && isHexByte(bytes[i + 1]) && isHexByte(bytes[i + 2])) {
          out[j++] = parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16);
          i += 2;
        } else {
          out[j++] = b;
        }
      }
      return out.subarray(0, j);
    }
    const isHexByte = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

    // --- hosts
    const forbiddenHost = /[\0\t\n\r #/:<>?@[\\\]^|]/;
    const forbiddenDomain = /[\0-\x20#%/:<>?@[\\\]^|\x7f]/;
    function parseHost(input, isOpaque) {
      if (input[0] === '[') {
        if (input[input.length - 1] !== ']') return FAIL;
        const a = parseIPv6(input.slice(1, -1));
        return a === FAIL ? FAIL : `[${serializeIPv6(a)}]`;
      }
      if (isOpaque) {
        if (forbiddenHost.test(input)) return FAIL;
        return pctEncodeStr(input, C0_SET);
      }
      const domain = utf8DecodeLossy(pctDecode(input));
      const ascii = domainToASCII(domain);
      if (ascii === FAIL || ascii === '' || forbiddenDomain.test(ascii)) return FAIL;
      if (endsInANumber(ascii)) return parseIPv4(ascii);
      return ascii;
    }
    // An approximation of UTS #46 ToASCII (non-transitional): ignored code
    // points dropped, then compatibility normalisation and lowercase, then
    // punycode for non-ASCII labels; xn-- labels must decode to a label that
    // maps to itself. Joiners and spacing/control characters fail.
    const idnaIgnored = /[\u00ad\u034f\u180b-\u180f\u200b\u2060\ufe00-\ufe0f\ufeff]/g;
    // eslint-disable-next-line no-control-regex
    const idnaDisallowed = /[\0-\x20\x7f-\xa0\u200c-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufff0-\uffff]/;
    const idnaMap = (s) => s.replace(idnaIgnored, '').normalize('NFKC').toLowerCase();
    function domainToASCII(domain) {
      // eslint-disable-next-line no-control-regex
      const ascii = /^[\0-\x7f]*$/.test(domain);
      const labels = (ascii ? domain.toLowerCase() : idnaMap(domain).replace(/[\u3002\uff0e\uff61]/g, '.')).split('.');
      for (let i = 0; i < labels.length; i++) {
        const label = labels[i];
        if (label.startsWith('xn--')) {
          const u = punycodeDecode(label.slice(4));
          // eslint-disable-next-line no-control-regex
          if (u === FAIL || u === '' || /^[\0-\x7f]*$/.test(u) || idnaDisallowed.test(u) || idnaMap(u) !== u) return FAIL;
        } else if (!ascii && /[^\0-\x7f]/.test(label)) {
          if (idnaDisallowed.test(label)) return FAIL;
          labels[i] = 'xn--' + punycodeEncode(label);
        }
      }
      return labels.join('.');
    }
    function punycodeDecode(input) {
      const base = 36, tMin = 1, tMax = 26;
      const out = [];
      const d = input.lastIndexOf('-');
      for (let j = 0; j < Math.max(d, 0); j++) {
        if (input.charCodeAt(j) >= 0x80) return FAIL;
        out.push(input.charCodeAt(j));
      }
      let n = 128, i = 0, bias = 72;
      for (let p = d > 0 ? d + 1 : 0; p < input.length;) {
        const oldi = i;
        for (let w = 1, k = base; ; k += base) {
          if (p >= input.length) return FAIL;
          const c = input.charCodeAt(p++);
          const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base;
          if (digit >= base) return FAIL;
          i += digit * w;
          const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
          if (digit < t) break;
          w *= base - t;
          if (w > 0x7fffffff || i > 0x7fffffff) return FAIL;
        }
        bias = punyAdapt(i - oldi, out.length + 1, oldi === 0);
        n += Math.floor(i / (out.length + 1));
        i %= out.length + 1;
        if (n > 0x10ffff) return FAIL;
        out.splice(i++, 0, n);
      }
      return String.fromCodePoint(...out);
    }
    function punyAdapt(delta, numPoints, first) {
      delta = first ? Math.floor(delta / 700) : delta >> 1;
      delta += Math.floor(delta / numPoints);
      let k = 0;
      while (delta > 455) { // ((base - tMin) * tMax) >> 1
        delta = Math.floor(delta / 35);
        k += 36;
      }
      return k + Math.floor((36 * delta) / (delta + 38));
    }
    function punycodeEncode(input) {
      const cps = Array.from(input, (c) => c.codePointAt(0));
      const base = 36, tMin = 1, tMax = 26;
      const digit = (d) => String.fromCharCode(d + 22 + 75 * (d < 26));
      let out = '';
      for (const c of cps) if (c < 0x80) out += String.fromCharCode(c);
      const basic = out.length;
      let h = basic;
      if (basic) out += '-';
      let n = 128, delta = 0, bias = 72;
      while (h < cps.length) {
        let m = Infinity;
        for (const c of cps) if (c >= n && c < m) m = c;
        delta += (m - n) * (h + 1);
        n = m;
        for (const c of cps) {
          if (c < n) delta++;
          if (c === n) {
            let q = delta;
            for (let k = base; ; k += base) {
              const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
              if (q < t) break;
              out += digit(t + ((q - t) % (base - t)));
              q = Math.floor((q - t) / (base - t));
            }
            out += digit(q);
            bias = punyAdapt(delta, h + 1, h === basic);
            delta = 0;
            h++;
          }
        }
        delta++;
        n++;
      }
      return out;
    }
    function endsInANumber(input) {
      const parts = input.split('.');
      if (parts[parts.length - 1] === '') {
        if (parts.length === 1) return false;
        parts.pop();
      }
      const last = parts[parts.length - 1];
      if (last !== '' && /^[0-9]+$/.test(last)) return true;
      return parseIPv4Number(last) !== FAIL;
    }
    function parseIPv4Number(s) {
      if (s === '') return FAIL;
      let radix = 10;
      if (s.length >= 2 && (s.startsWith('0x') || s.startsWith('0X'))) { s = s.slice(2); radix = 16; }
      else if (s.length >= 2 && s[0] === '0') { s = s.slice(1); radix = 8; }
      if (s === '') return 0;
      const re = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
      if (!re.test(s)) return FAIL;
      return parseInt(s, radix);
    }
    function parseIPv4(input) {
      const parts = input.split('.');
      if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
      if (parts.length > 4) return FAIL;
      const nums = [];
      for (const p of parts) {
        const n = parseIPv4Number(p);
        if (n === FAIL) return FAIL;
        nums.push(n);
      }
      for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return FAIL;
      if (nums[nums.length - 1] >= 256 ** (5 - nums.length)) return FAIL;
      let ipv4 = nums[nums.length - 1];
      for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * 256 ** (3 - i);
      const out = [];
      for (let i = 0; i < 4; i++) {
        out.unshift(ipv4 % 256);
        ipv4 = Math.floor(ipv4 / 256);
      }
      return out.join('.');
    }
    function parseIPv6(input) {
      const address = [0, 0, 0, 0, 0, 0, 0, 0];
      let pieceIndex = 0, compress = null, p = 0;
      if (input[p] === ':') {
        if (input[p + 1] !== ':') return FAIL;
        p += 2;
        compress = ++pieceIndex;
      }
      while (p < input.length) {
        if (pieceIndex === 8) return FAIL;
        if (input[p] === ':') {
          if (compress !== null) return FAIL;
          p++;
          compress = ++pieceIndex;
          continue;
        }
        let value = 0, length = 0;
        while (length < 4 && isHexDigit(input[p])) {
          value = value * 16 + parseInt(input[p], 16);
          p++;
          length++;
        }
        if (input[p] === '.') {
          if (length === 0) return FAIL;
          p -= length;
          if (pieceIndex > 6) return FAIL;
          let numbersSeen = 0;
          while (p < input.length) {
            let piece = null;
            if (numbersSeen > 0) {
              if (input[p] === '.' && numbersSeen < 4) p++;
              else return FAIL;
            }
            if (!isDigit(input[p])) return FAIL;
            while (isDigit(input[p])) {
              const n = +input[p];
              if (piece === null) piece = n;
              else if (piece === 0) return FAIL;
              else piece = piece * 10 + n;
              if (piece > 255) return FAIL;
              p++;
            }
            address[pieceIndex] = address[pieceIndex] * 256 + piece;
            numbersSeen++;
            if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
          }
          if (numbersSeen !== 4) return FAIL;
          break;
        } else if (input[p] === ':') {
          p++;
          if (p >= input.length) return FAIL;
        } else if (p < input.length) {
          return FAIL;
        }
        address[pieceIndex++] = value;
      }
      if (compress !== null) {
        let swaps = pieceIndex - compress;
        pieceIndex = 7;
        while (pieceIndex !== 0 && swaps > 0) {
          const t = address[pieceIndex];
          address[pieceIndex] = address[compress + swaps - 1];
          address[compress + swaps - 1] = t;
          pieceIndex--;
          swaps--;
        }
      } else if (pieceIndex !== 8) {
        return FAIL;
      }
      return address;
    }
    function serializeIPv6(a) {
      // The first longest run of two or more zero pieces is compressed.
      let best = -1, bestLen = 1;
      for (let i = 0; i < 8; i++) {
        if (a[i] !== 0) continue;
        let j = i;
        while (j < 8 && a[j] === 0) j++;
        if (j - i > bestLen) { best = i; bestLen = j - i; }
        i = j;
      }
      let out = '';
      for (let i = 0; i < 8; i++) {
        if (i === best) {
          out += i === 0 ? '::' : ':';
          i += bestLen - 1;
          continue;
        }
        out += a[i].toString(16);
        if (i < 7) out += ':';
      }
      return out;
    }

    // --- the basic URL parser
    const S = {
      SCHEME_START: 1, SCHEME: 2, NO_SCHEME: 3, SPECIAL_RELATIVE_OR_AUTHORITY: 4, PATH_OR_AUTHORITY: 5,
      RELATIVE: 6, RELATIVE_SLASH: 7, SPECIAL_AUTHORITY_SLASHES: 8, SPECIAL_AUTHORITY_IGNORE_SLASHES: 9,
      AUTHORITY: 10, HOST: 11, HOSTNAME: 12, PORT: 13, FILE: 14, FILE_SLASH: 15, FILE_HOST: 16,
      PATH_START: 17, PATH: 18, OPAQUE_PATH: 19, QUERY: 20, FRAGMENT: 21,
    };
    const newURLRecord = () => ({
      scheme: '', username: '', password: '', host: null, port: null, path: [], opaque: false, query: null, fragment: null,
    });
    const copyRecord = (u) => ({ ...u, path: u.opaque ? u.path : u.path.slice() });
    const isWinLetter = (s) => s.length === 2 && isAlpha(s[0]) && (s[1] === ':' || s[1] === '|');
    const isNormWinLetter = (s) => s.length === 2 && isAlpha(s[0]) && s[1] === ':';
    function startsWithWinLetter(cps, p) {
      if (cps.length - p < 2) return false;
      if (!isAlpha(cps[p]) || (cps[p + 1] !== ':' && cps[p + 1] !== '|')) return false;
      if (cps.length - p === 2) return true;
      const c = cps[p + 2];
      return c === '/' || c === '\\' || c === '?' || c === '#';
    }
    function shortenPath(url) {
      const path = url.path;
      if (url.scheme === 'file' && path.length === 1 && isNormWinLetter(path[0])) return;
      path.pop();
    }
    const isSingleDot = (s) => s === '.' || s.toLowerCase() === '%2e';
    const isDoubleDot = (s) => {
      s = s.toLowerCase();
      return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
    };
    const includesCredentials = (u) => u.username !== '' || u.password !== '';

    // Returns the record, or FAIL. With stateOverride, url is modified in place
    // (callers pass a copy and keep it only on success).
    function basicParse(input, base, url, stateOverride) {
      if (!url) {
        url = newURLRecord();
        // eslint-disable-next-line no-control-regex
        input = input.replace(/^[\0-\x20]+|[\0-\x20]+$/g, '');
      }
      input = input.replace(/[\t\n\r]/g, '');
      let state = stateOverride || S.SCHEME_START;
      let buffer = '';
      let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
      const cps = Array.from(input);
      const special = () => isSpecialScheme(url.scheme);
      for (let p = 0; ; p++) {
        const c = cps[p]; // undefined is EOF
        switch (state) {
          case S.SCHEME_START:
            if (isAlpha(c)) {
              buffer += c.toLowerCase();
              state = S.SCHEME;
            } else if (!stateOverride) {
              state = S.NO_SCHEME;
              p--;
            } else return FAIL;
            break;
          case S.SCHEME:
            if (c !== undefined && /^[A-Za-z0-9+\-.]$/.test(c)) {
              buffer += c.toLowerCase();
            } else if (c === ':') {
              if (stateOverride) {
                if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
                if ((includesCredentials(url) || url.port !== null) && buffer === 'file') return url;
                if (url.scheme === 'file' && url.host === '') return url;
              }
              url.scheme = buffer;
              if (stateOverride) {
                if (url.port === defaultPort(url.scheme)) url.port = null;
                return url;
              }
              buffer = '';
              if (url.scheme === 'file') {
                state = S.FILE;
              } else if (special() && base && base.scheme === url.scheme) {
                state = S.SPECIAL_RELATIVE_OR_AUTHORITY;
              } else if (special()) {
                state = S.SPECIAL_AUTHORITY_SLASHES;
              } else if (cps[p + 1] === '/') {
                state = S.PATH_OR_AUTHORITY;
                p++;
              } else {
                url.opaque = true;
                url.path = '';
                state = S.OPAQUE_PATH;
              }
            } else if (!stateOverride) {
              buffer = '';
              state = S.NO_SCHEME;
              p = -1;
            } else return FAIL;
            break;
          case S.NO_SCHEME:
            if (!base || (base.opaque && c !== '#')) return FAIL;
            if (base.opaque && c === '#') {
              url.scheme = base.scheme;
              url.path = base.path;
              url.opaque = true;
              url.query = base.query;
              url.fragment = '';
              state = S.FRAGMENT;
            } else if (base.scheme !== 'file') {
              state = S.RELATIVE;
              p--;
            } else {
              state = S.FILE;
              p--;
            }
            break;
          case S.SPECIAL_RELATIVE_OR_AUTHORITY:
            if (c === '/' && cps[p + 1] === '/') {
              state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
              p++;
            } else {
              state = S.RELATIVE;
              p--;
            }
            break;
          case S.PATH_OR_AUTHORITY:
            if (c === '/') state = S.AUTHORITY;
            else {
              state = S.PATH;
              p--;
            }
            break;
          case S.RELATIVE:
            url.scheme = base.scheme;
            if (c === '/' || (special() && c === '\\')) {
              state = S.RELATIVE_SLASH;
            } else {
              url.username = base.username;
              url.password = base.password;
              url.host = base.host;
              url.port = base.port;
              url.path = base.path.slice();
              url.query = base.query;
              if (c === '?') {
                url.query = '';
                state = S.QUERY;
              } else if (c === '#') {
                url.fragment = '';
                state = S.FRAGMENT;
              } else if (c !== undefined) {
                url.query = null;
                shortenPath(url);
                state = S.PATH;
                p--;
              }
            }
            break;
          case S.RELATIVE_SLASH:
            if (special() && (c === '/' || c === '\\')) {
              state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            } else if (c === '/') {
              state = S.AUTHORITY;
            } else {
              url.username = base.username;
              url.password = base.password;
              url.host = base.host;
              url.port = base.port;
              state = S.PATH;
              p--;
            }
            break;
          case S.SPECIAL_AUTHORITY_SLASHES:
            if (c === '/' && cps[p + 1] === '/') {
              state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
              p++;
            } else {
              state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
              p--;
            }
            break;
          case S.SPECIAL_AUTHORITY_IGNORE_SLASHES:
            if (c !== '/' && c !== '\\') {
              state = S.AUTHORITY;
              p--;
            }
            break;
          case S.AUTHORITY:
            if (c === '@') {
              if (atSignSeen) buffer = '%40' + buffer;
              atSignSeen = true;
              for (const bc of buffer) {
                if (bc === ':' && !passwordTokenSeen) {
                  passwordTokenSeen = true;
                  continue;
                }
                const enc = pctEncodeCp(bc, USERINFO_SET);
                if (passwordTokenSeen) url.password += enc;
                else url.username += enc;
              }
              buffer = '';
            } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special() && c === '\\')) {
              if (atSignSeen && buffer === '') return FAIL;
              p -= Array.from(buffer).length + 1;
              buffer = '';
              state = S.HOST;
            } else {
              buffer += c;
            }
            break;
          case S.HOST:
          case S.HOSTNAME:
            if (stateOverride && url.scheme === 'file') {
              p--;
              state = S.FILE_HOST;
            } else if (c === ':' && !insideBrackets) {
              if (buffer === '') return FAIL;
              if (stateOverride === S.HOSTNAME) return FAIL;
              const h = parseHost(buffer, !special());
              if (h === FAIL) return FAIL;
              url.host = h;
              buffer = '';
              state = S.PORT;
            } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special() && c === '\\')) {
              p--;
              if (special() && buffer === '') return FAIL;
              if (stateOverride && buffer === '' && (includesCredentials(url) || url.port !== null)) return FAIL;
              // node (ada) leaves a URL without a host alone when given an empty one
              if (stateOverride && buffer === '' && url.host === null) return FAIL;
              const h = parseHost(buffer, !special());
              if (h === FAIL) return FAIL;
              url.host = h;
              buffer = '';
              state = S.PATH_START;
              if (stateOverride) return url;
            } else {
              if (c === '[') insideBrackets = true;
              if (c === ']') insideBrackets = false;
              buffer += c;
            }
            break;
          case S.PORT:
            if (isDigit(c)) {
              buffer += c;
            } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special() && c === '\\') || stateOverride) {
              if (buffer !== '') {
                const port = parseInt(buffer, 10);
                if (port > 65535) return FAIL;
                url.port = port === defaultPort(url.scheme) ? null : port;
                buffer = '';
                if (stateOverride) return url;
              }
              if (stateOverride) return FAIL;
              state = S.PATH_START;
              p--;
            } else return FAIL;
            break;
          case S.FILE:
            url.scheme = 'file';
            url.host = '';
            if (c === '/' || c === '\\') {
              state = S.FILE_SLASH;
            } else if (base && base.scheme === 'file') {
              url.host = base.host;
              url.path = base.path.slice();
              url.query = base.query;
              if (c === '?') {
                url.query = '';
                state = S.QUERY;
              } else if (c === '#') {
                url.fragment = '';
                state = S.FRAGMENT;
              } else if (c !== undefined) {
                url.query = null;
                if (!startsWithWinLetter(cps, p)) shortenPath(url);
                else url.path = [];
                state = S.PATH;
                p--;
              }
            } else {
              state = S.PATH;
              p--;
            }
            break;
          case S.FILE_SLASH:
            if (c === '/' || c === '\\') {
              state = S.FILE_HOST;
            } else {
              if (base && base.scheme === 'file') {
                url.host = base.host;
                if (!startsWithWinLetter(cps, p) && base.path.length > 0 && isNormWinLetter(base.path[0])) {
                  url.path.push(base.path[0]);
                }
              }
              state = S.PATH;
              p--;
            }
            break;
          case S.FILE_HOST:
            if (c === undefined || c === '/' || c === '\\' || c === '?' || c === '#') {
              p--;
              if (!stateOverride && isWinLetter(buffer)) {
                state = S.PATH;
              } else if (buffer === '') {
                url.host = '';
                if (stateOverride) return url;
                state = S.PATH_START;
              } else {
                let h = parseHost(buffer, !special());
                if (h === FAIL) return FAIL;
                if (h === 'localhost') h = '';
                url.host = h;
                if (stateOverride) return url;
                buffer = '';
                state = S.PATH_START;
              }
            } else {
              buffer += c;
            }
            break;
          case S.PATH_START:
            if (special()) {
              state = S.PATH;
              if (c !== '/' && c !== '\\') p--;
            } else if (!stateOverride && c === '?') {
              url.query = '';
              state = S.QUERY;
            } else if (!stateOverride && c === '#') {
              url.fragment = '';
              state = S.FRAGMENT;
            } else if (c !== undefined) {
              state = S.PATH;
              if (c !== '/') p--;
            } else if (stateOverride && url.host === null) {
              url.path.push('');
            }
            break;
          case S.PATH: {
            const slash = c === '/' || (special() && c === '\\');
            if (c === undefined || slash || (!stateOverride && (c === '?' || c === '#'))) {
              if (isDoubleDot(buffer)) {
                shortenPath(url);
                if (!slash) url.path.push('');
              } else if (isSingleDot(buffer) && !slash) {
                url.path.push('');
              } else if (!isSingleDot(buffer)) {
                if (url.scheme === 'file' && url.path.length === 0 && isWinLetter(buffer)) buffer = buffer[0] + ':';
                url.path.push(buffer);
              }
              buffer = '';
              if (c === '?') {
                url.query = '';
                state = S.QUERY;
              }
              if (c === '#') {
                url.fragment = '';
                state = S.FRAGMENT;
              }
            } else {
              buffer += pctEncodeCp(c, PATH_SET);
            }
            break;
          }
          case S.OPAQUE_PATH:
            if (c === '?') {
              url.query = '';
              state = S.QUERY;
            } else if (c === '#') {
              url.fragment = '';
              state = S.FRAGMENT;
            } else if (c !== undefined) {
              url.path += pctEncodeCp(c, C0_SET);
            }
            break;
          case S.QUERY:
            if ((!stateOverride && c === '#') || c === undefined) {
              url.query += pctEncodeStr(buffer, special() ? SPECIAL_QUERY_SET : QUERY_SET);
              buffer = '';
              if (c === '#') {
                url.fragment = '';
                state = S.FRAGMENT;
              }
            } else {
              buffer += c;
            }
            break;
          case S.FRAGMENT:
            if (c !== undefined) url.fragment += pctEncodeCp(c, FRAGMENT_SET);
            break;
        }
        if (p >= cps.length) break;
      }
      return url;
    }

    function serializeURL(u, excludeFragment) {
      let out = u.scheme + ':';
      if (u.host !== null) {
        out += '//';
        if (includesCredentials(u)) {
          out += u.username;
          if (u.password !== '') out += ':' + u.password;
          out += '@';
        }
        out += u.host;
        if (u.port !== null) out += ':' + u.port;
      }
      if (u.opaque) {
        out += u.path;
      } else {
        if (u.host === null && u.path.length > 1 && u.path[0] === '') out += '/.';
        for (const seg of u.path) out += '/' + seg;
      }
      if (u.query !== null) out += '?' + u.query;
      if (!excludeFragment && u.fragment !== null) out += '#' + u.fragment;
      return out;
    }
    function serializeOrigin(u) {
      if (u.scheme === 'blob') {
        const inner = u.opaque ? basicParse(u.path) : FAIL;
        if (inner !== FAIL && (inner.scheme === 'http' || inner.scheme === 'https')) return serializeOrigin(inner);
        return 'null';
      }
      if (!isSpecialScheme(u.scheme) || u.scheme === 'file') return 'null';
      return u.scheme + '://' + u.host + (u.port !== null ? ':' + u.port : '');
    }

    // --- application/x-www-form-urlencoded
    function parseQuery(input) {
      const list = [];
      for (const seq of input.split('&')) {
        if (seq === '') continue;
        const eq = seq.indexOf('=');
        let name = eq < 0 ? seq : seq.slice(0, eq);
        let value = eq < 0 ? '' : seq.slice(eq + 1);
        name = name.replaceAll('+', ' ');
        value = value.replaceAll('+', ' ');
        list.push([
          name.includes('%') ? utf8DecodeLossy(pctDecode(name)) : name,
          value.includes('%') ? utf8DecodeLossy(pctDecode(value)) : value,
        ]);
      }
      return list;
    }
    function formEncode(s) {
      let out = '';
      for (const c of s) out += c === ' ' ? '+' : pctEncodeCp(c, FORM_SET);
      return out;
    }
    const serializeQuery = (list) => list.map(([n, v]) => formEncode(n) + '=' + formEncode(v)).join('&');

    const invalidURL = (input, base) => {
      const e = nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
      e.input = input;
      if (base !== undefined) e.base = base;
      return e;
    };

    let paramsInternal; // (params) => { list, url }
    let urlInternal; // (url) => record holder
    class URLSearchParams {
      #list = [];
      #url = null; // the URL object this belongs to, if any
      constructor(init = undefined) {
        if (init == null) return;
        if (typeof init === 'object' || typeof init === 'function') {
          if (typeof init[Symbol.iterator] === 'function') {
            for (const pair of init) {
              if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null ||
                  typeof pair[Symbol.iterator] !== 'function') {
                throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
              }
              const kv = Array.from(pair);
              if (kv.length !== 2) {
                throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
              }
              this.#list.push([toWellFormed(`${kv[0]}`), toWellFormed(`${kv[1]}`)]);
            }
          } else {
            for (const key of Reflect.ownKeys(init)) {
              if (typeof key !== 'string' || !ObjectProto.propertyIsEnumerable.call(init, key)) continue;
              this.#list.push([toWellFormed(key), toWellFormed(`${init[key]}`)]);
            }
          }
        } else {
          let s = toWellFormed(`${init}`);
          if (s[0] === '?') s = s.slice(1);
          this.#list = parseQuery(s);
        }
      }
      #update() {
        if (this.#url === null) return;
        const s = serializeQuery(this.#list);
        urlInternal(this.#url).query = s === '' ? null : s;
      }
      get size() { return this.#list.length; }
      append(name, value) {
        if (arguments.length < 2) throw missingArgs('The "name" and "value" arguments must be specified');
        this.#list.push([toWellFormed(`${name}`), toWellFormed(`${value}`)]);
        this.#update();
      }
      delete(name, value = undefined) {
        if (arguments.length < 1) throw missingArgs('The "name" argument must be specified');
        name = toWellFormed(`${name}`);
        const list = this.#list;
        if (value !== undefined) {
          value = toWellFormed(`${value}`);
          for (let i = list.length - 1; i >= 0; i--) if (list[i][0] === name && list[i][1] === value) list.splice(i, 1);
        } else {
          for (let i = list.length - 1; i >= 0; i--) if (list[i][0] === name) list.splice(i, 1);
        }
        this.#update();
      }
      get(name) {
        if (arguments.length < 1) throw missingArgs('The "name" argument must be specified');
        name = toWellFormed(`${name}`);
        const e = this.#list.find((p) => p[0] === name);
        return e ? e[1] : null;
      }
      getAll(name) {
        if (arguments.length < 1) throw missingArgs('The "name" argument must be specified');
        name = toWellFormed(`${name}`);
        return this.#list.filter((p) => p[0] === name).map((p) => p[1]);
      }
      has(name, value = undefined) {
        if (arguments.length < 1) throw missingArgs('The "name" argument must be specified');
        name = toWellFormed(`${name}`);
        if (value !== undefined) {
          value = toWellFormed(`${value}`);
          return this.#list.some((p) => p[0] === name && p[1] === value);
        }
        return this.#list.some((p) => p[0] === name);
      }
      set(name, value) {
        if (arguments.length < 2) throw missingArgs('The "name" and "value" arguments must be specified');
        name = toWellFormed(`${name}`);
        value = toWellFormed(`${value}`);
        const list = this.#list;
        const i = list.findIndex((p) => p[0] === name);
        if (i < 0) {
          list.push([name, value]);
        } else {
          list[i][1] = value;
          for (let j = list.length - 1; j > i; j--) if (list[j][0] === name) list.splice(j, 1);
        }
        this.#update();
      }
      sort() {
        // Stable, by UTF-16 code units of the names.
        const list = this.#list;
        const sorted = list.map((p, i) => [p, i]).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]));
        for (let i = 0; i < list.length; i++) list[i] = sorted[i][0];
        this.#update();
      }
      forEach(callback, thisArg = undefined) {
        checkFunction(callback, 'callback');
        const list = this.#list;
        for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i][1], list[i][0], this);
      }
      *entries() {
        const list = this.#list;
        for (let i = 0; i < list.length; i++) yield [list[i][0], list[i][1]];
      }
      *keys() {
        const list = this.#list;
        for (let i = 0; i < list.length; i++) yield list[i][0];
      }
      *values() {
        const list = this.#list;
        for (let i = 0; i < list.length; i++) yield list[i][1];
      }
      toString() { return serializeQuery(this.#list); }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return '[Object]';
        const inner = { ...options, depth: depth === null ? null : depth - 1 };
        const output = this.#list.map(([k, v]) => `${inspect(k, inner)} => ${inspect(v, inner)}`);
        const length = output.reduce((n, s) => n + s.length + 2, -2);
        if (length > 80) return `URLSearchParams {\n  ${output.join(',\n  ')} }`;
        if (output.length) return `URLSearchParams { ${output.join(', ')} }`;
        return 'URLSearchParams {}';
      }
      static {
        paramsInternal = (p, url, query) => {
          p.#url = url;
          const list = query ? parseQuery(query) : [];
          p.#list.length = 0;
          p.#list.push(...list);
        };
        Object.defineProperty(this.prototype, Symbol.iterator, { value: this.prototype.entries, writable: true, configurable: true });
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });
      }
    }

    class URL {
      #u;
      #params = null;
      constructor(url, base = undefined) {
        if (arguments.length === 0) throw missingArgs('The "url" argument must be specified');
        const input = toWellFormed(`${url}`);
        let b = null;
        if (base !== undefined) {
          b = basicParse(toWellFormed(`${base}`), null);
          if (b === FAIL) throw invalidURL(input, `${base}`);
        }
        const u = basicParse(input, b);
        if (u === FAIL) throw invalidURL(input, base === undefined ? undefined : `${base}`);
        this.#u = u;
      }
      static canParse(url, base = undefined) {
        if (arguments.length === 0) throw missingArgs('The "url" argument must be specified');
        let b = null;
        if (base !== undefined) {
          b = basicParse(toWellFormed(`${base}`), null);
          if (b === FAIL) return false;
        }
        return basicParse(toWellFormed(`${url}`), b) !== FAIL;
      }
      static parse(url, base = undefined) {
        try {
          return base === undefined ? new URL(url) : new URL(url, base);
        } catch {
          return null;
        }
      }
      #syncParams() {
        if (this.#params !== null) paramsInternal(this.#params, this, this.#u.query);
      }
      #setter(input, state, prepare) {
        const u = copyRecord(this.#u);
        if (prepare) prepare(u);
        const r = basicParse(toWellFormed(`${input}`), null, u, state);
        if (r !== FAIL) this.#u = r;
      }
      get href() { return serializeURL(this.#u); }
      set href(v) {
        const u = basicParse(toWellFormed(`${v}`), null);
        if (u === FAIL) throw invalidURL(`${v}`);
        this.#u = u;
        this.#syncParams();
      }
      get origin() { return serializeOrigin(this.#u); }
      get protocol() { return this.#u.scheme + ':'; }
      set protocol(v) { this.#setter(`${v}:`, S.SCHEME_START); }
      get username() { return this.#u.username; }
      set username(v) {
        const u = this.#u;
        if (u.host === null || u.host === '' || u.scheme === 'file') return;
        u.username = pctEncodeStr(toWellFormed(`${v}`), USERINFO_SET);
      }
      get password() { return this.#u.password; }
      set password(v) {
        const u = this.#u;
        if (u.host === null || u.host === '' || u.scheme === 'file') return;
        u.password = pctEncodeStr(toWellFormed(`${v}`), USERINFO_SET);
      }
      get host() {
        const u = this.#u;
        if (u.host === null) return '';
        return u.port === null ? u.host : `${u.host}:${u.port}`;
      }
      set host(v) {
        if (this.#u.opaque) return;
        this.#setter(v, S.HOST);
      }
      get hostname() { return this.#u.host === null ? '' : this.#u.host; }
      set hostname(v) {
        if (this.#u.opaque) return;
        this.#setter(v, S.HOSTNAME);
      }
      get port() { return this.#u.port === null ? '' : `${this.#u.port}`; }
      set port(v) {
        const u = this.#u;
        if (u.host === null || u.host === '' || u.scheme === 'file') return;
        v = `${v}`;
        if (v === '') u.port = null;
        else this.#setter(v, S.PORT);
      }
      get pathname() {
        const u = this.#u;
        if (u.opaque) return u.path;
        return u.path.length === 0 ? '' : '/' + u.path.join('/');
      }
      set pathname(v) {
        if (this.#u.opaque) return;
        this.#setter(v, S.PATH_START, (u) => { u.path = []; });
      }
      get search() {
        const q = this.#u.query;
        return q === null || q === '' ? '' : '?' + q;
      }
      set search(v) {
        v = toWellFormed(`${v}`);
        if (v === '') {
          this.#u.query = null;
        } else {
          if (v[0] === '?') v = v.slice(1);
          this.#setter(v, S.QUERY, (u) => { u.query = ''; });
        }
        this.#syncParams();
      }
      get searchParams() {
        if (this.#params === null) {
          this.#params = new URLSearchParams();
          this.#syncParams();
        }
        return this.#params;
      }
      get hash() {
        const f = this.#u.fragment;
        return f === null || f === '' ? '' : '#' + f;
      }
      set hash(v) {
        v = toWellFormed(`${v}`);
        if (v === '') {
          this.#u.fragment = null;
          return;
        }
        if (v[0] === '#') v = v.slice(1);
        this.#setter(v, S.FRAGMENT, (u) => { u.fragment = ''; });
      }
      toString() { return serializeURL(this.#u); }
      toJSON() { return serializeURL(this.#u); }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        const obj = Object.create({ constructor: URL });
        for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']) {
          obj[k] = this[k];
        }
        return `URL ${inspect(obj, options)}`;
      }
      static {
        urlInternal = (url) => url.#u;
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
      }
    }

    return { URL, URLSearchParams };
  }

  // ---------------------------------------------------------------- globals
  // Enumerability follows node 20: its timer functions, structuredClone,
  // atob, btoa, crypto and performance are enumerable, the classes are not.
  function defineGlobal(name, value, enumerable = false) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
  }
  function defineLazy(name, get, enumerable = false) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable,
      get() {
        const value = get();
        defineGlobal(name, value, enumerable);
        return value;
      },
      set(value) { defineGlobal(name, value, enumerable); },
    });
  }
  defineGlobal('setTimeout', setTimeout_, true);
  defineGlobal('setInterval', setInterval_, true);
  defineGlobal('clearTimeout', clearTimeout_, true);
  defineGlobal('clearInterval', clearInterval_, true);
  defineGlobal('queueMicrotask', queueMicrotask_, true);
  defineGlobal('atob', atob, true);
  defineGlobal('btoa', btoa, true);
  defineLazy('console', lazy(makeConsole));
  defineLazy('structuredClone', lazy(makeStructuredClone), true);
  defineLazy('TextEncoder', () => encodingMod().TextEncoder);
  defineLazy('TextDecoder', () => encodingMod().TextDecoder);
  const urlMod = lazy(makeURL);
  defineLazy('URL', () => urlMod().URL);
  defineLazy('URLSearchParams', () => urlMod().URLSearchParams);
  defineLazy('DOMException', domMod);
  defineLazy('Event', () => eventsMod().Event);
  defineLazy('CustomEvent', () => eventsMod().CustomEvent);
  defineLazy('EventTarget', () => eventsMod().EventTarget);
  defineLazy('AbortController', () => eventsMod().AbortController);
  defineLazy('AbortSignal', () => eventsMod().AbortSignal);
  const cryptoMod = lazy(makeCrypto);
  defineLazy('Crypto', cryptoMod);
  defineLazy('crypto', lazy(() => new (cryptoMod())(internalKey)), true);
  const perfMod = lazy(makePerformance);
  defineLazy('Performance', perfMod);
  defineLazy('performance', lazy(() => new (perfMod())(internalKey)), true);

  return dispatch;
})(globalThis.__host);
