// util.inspect: the formatting console uses.
  const inspectMod = lazy(makeInspect);
  const inspect = (v, opts) => inspectMod().inspect(v, opts);

  // A port of the parts of node's util.inspect that console uses, with
  // node's defaults (depth 2, breakLength 80, compact 3).
  function makeInspect() {

    function inspect(value, opts) {
      const ctx = {
        seen: [], circular: undefined, indentationLvl: 0, currentDepth: 0,
        depth: 2, showHidden: false, breakLength: 80, compact: 3,
        maxArrayLength: 100, maxStringLength: 10000, customInspect: true, sorted: false,
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
      if (ctx.sorted) { // node:assert's diffs (and util.inspect's option)
        const cmp = ctx.sorted === true ? undefined : ctx.sorted;
        if (extrasType === 0) output.sort(cmp);
        else if (keys.length > 1) output.push(...output.splice(output.length - keys.length).sort(cmp));
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
    function format(args, opts) { // opts: util.formatWithOptions's inspect options
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
                else tempStr = inspect(arg, { ...opts, depth: 0 });
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
              case 79: tempStr = inspect(args[++a], opts); break; // 'O'
              case 111: tempStr = inspect(args[++a], { ...opts, showHidden: true, depth: 4 }); break; // 'o'
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
        str += join + (typeof v !== 'string' ? inspect(v, opts) : v);
        join = ' ';
        a++;
      }
      return str;
    }

    return { inspect, format, getConstructorName };
  }
