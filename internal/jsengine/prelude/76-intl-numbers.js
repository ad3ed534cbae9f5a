// Intl numbers and lists, continuing 75-intl.js: Intl.NumberFormat in full
// (styles decimal, percent, currency, unit; notations standard,
// scientific, engineering, compact; every signDisplay, roundingMode,
// roundingIncrement, roundingPriority, trailingZeroDisplay and useGrouping;
// formatToParts, formatRange, formatRangeToParts; Number, BigInt and
// decimal-string inputs), Intl.RelativeTimeFormat, Intl.ListFormat and
// PluralRules#selectRange; BigInt#toLocaleString routed through
// NumberFormat. Number symbols come from x/text (intl.numsyms, as in
// 75-intl.js, overridden by node's newer ones for the covered locales); the
// patterns x/text lacks (currency, unit, compact, relative time, list,
// plural ranges) from intl.numdata (intl_numdata.go, read back from node's
// own ICU by intldata/gen.js) for the 48 locales gen.js lists; other
// locales use their language's data, else English (Latin American Spanish
// es-419's, Traditional Chinese zh-Hant's).
// Known differences from node: regional variants not covered (es-AR,
// pt-AO, de-LI, zh-Hant-HK) take their parent's patterns; Arabic
// accounting with signDisplay "never" keeps the accounting pattern; a
// negative compacted currency in ar/he puts the RLM before the sign.
// The digits are made here from the exact decimal value (the shortest
// decimal form of a Number, every digit of a BigInt or decimal string), as
// ICU does. testdata/node/intl_numbers_*.js compare it with node.
  const H_INTL_NUMDATA = host.lookup('intl.numdata');
  {
    const m = { toLocaleString(locales = undefined, options = undefined) { return intlMod().bigintToLocaleString.call(this, locales, options); } };
    Object.defineProperty(BigInt.prototype, 'toLocaleString', { value: m.toLocaleString, writable: true, configurable: true });
  }

  function makeIntlNumbers(canonLocales, PluralRules) {
    const MAX_DIGITS = 1000; // digits of a decimal string kept exactly
    const symsCache = new Map(), dataCache = new Map();
    let shared;
    function symbols(locale) {
      let s = symsCache.get(locale);
      if (s === undefined) {
        const [tag, decimal, group, primary, secondary, minGroup, pctPre, pctPost, minus, zero, nan] = hostCall(H_INTL_NUMSYMS, locale).split('\t');
        s = { tag, decimal, group, primary: +primary, secondary: +secondary, minGroup: +minGroup, pctPre, pctPost, minus, zero, nan };
        s.plus = minus.replace(/[-\u2212]/, '+');
        const d = localeData(tag);
        // node's newer CLDR where the locale is covered (in the same digits: not ar-EG's from ar's)
        if (d.same && d.sym && d.sym.zero === s.zero) Object.assign(s, d.sym);
        symsCache.set(locale, s);
      }
      return s;
    }
    function localeData(tag) {
      let d = dataCache.get(tag);
      if (d === undefined) {
        const t = hostCall(H_INTL_NUMDATA, tag), i = t.indexOf('\t');
        const key = t.slice(0, i), same = t[i + 1] === '1';
        let base = dataCache.get(key);
        if (base === undefined) { base = JSON.parse(t.slice(i + 3)); base.key = key; dataCache.set(key, base); }
        d = same ? { ...base, same } : base;
        dataCache.set(tag, d);
      }
      return d;
    }
    function sharedData() {
      if (shared === undefined) {
        shared = JSON.parse(hostCall(H_INTL_NUMDATA, ''));
        shared.unitSet = new Set(shared.units);
      }
      return shared;
    }
    const firstLocale = (locales) => {
      const list = locales === undefined ? [] : canonLocales(locales);
      return list.length ? list[0] : 'en-US';
    };
    const receiver = (x) => { // as V8 names it
      if ((typeof x !== 'object' && typeof x !== 'function') || x === null) return typeof x === 'symbol' ? x.toString() : String(x);
      let c;
      try { c = x.constructor; } catch (e) { c = undefined; }
      return `#<${typeof c === 'function' && typeof c.name === 'string' && c.name ? c.name : 'Object'}>`;
    };
    const incompatible = (name, method, x) => new TypeError(`Method Intl.${name}.prototype.${method} called on incompatible receiver ${receiver(x)}`);
    function getStr(o, k, values, fallback, ctor) {
      const v = o[k];
      if (v === undefined) return fallback;
      const t = String(v);
      if (values !== undefined && !values.includes(t)) throw new RangeError(`Value ${t} out of range for ${ctor === 'SetNumberFormatDigitOptions' ? '' : 'Intl.'}${ctor} options property ${k}`);
      return t;
    }
    function defaultNumber(v, k, min, max, fallback) {
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!(n >= min && n <= max)) throw new RangeError(`${k} value is out of range.`);
      return Math.floor(n);
    }
    const asciiUpper = (s) => s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));

    // ---- exact decimals: { neg, D, e } is (-1)^neg × 0.D × 10^e, D without
    // leading or trailing zeros ('' for zero); { nan } and { inf } besides.
    function decimalOf(v) {
      if (typeof v === 'bigint') {
        const neg = v < 0n;
        const s = (neg ? -v : v).toString();
        const D = s.replace(/0+$/, '');
        return { neg, D: s === '0' ? '' : D, e: s === '0' ? 0 : s.length };
      }
      if (typeof v === 'string') {
        const n = Number(v);
        const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(v);
        if (m && (m[2] || m[3]) && Number.isFinite(n) && n !== 0 && (m[2] || '').length + (m[3] || '').length <= MAX_DIGITS) {
          const all = (m[2] || '') + (m[3] || '');
          const lead = all.length - all.replace(/^0+/, '').length;
          const D = all.slice(lead).replace(/0+$/, '');
          return { neg: m[1] === '-', D, e: (m[2] || '').length - lead + (m[4] ? +m[4] : 0) };
        }
        return decimalOf(n);
      }
      const x = Number(v);
      if (Number.isNaN(x)) return { nan: true, neg: false };
      const neg = x < 0 || Object.is(x, -0);
      if (!Number.isFinite(x)) return { inf: true, neg };
      if (x === 0) return { neg, D: '', e: 0 };
      const [mant, ex] = Math.abs(x).toExponential().split('e');
      return { neg, D: mant.replace('.', '').replace(/0+$/, ''), e: +ex + 1 };
    }
    const shift = (d, k) => (d.D === '' ? d : { ...d, e: d.e + k });
    // rounds d to a multiple of inc × 10^-s; the result's digits as a string
    // of the integer q (d ≈ q × 10^-s)
    function roundAt(d, s, mode, inc) {
      if (d.D === '') return '0';
      const k = d.e - d.D.length + s; // d × 10^s = D × 10^k
      if (k >= 0 && inc === 1) return d.D + '0'.repeat(k);
      if (k < -(d.D.length + 2) && inc === 1) { // far below the rounding point: 0 or 1
        return up(mode, d.neg, false, 1) ? '1' : '0';
      }
      let N = BigInt(d.D), div = BigInt(inc);
      if (k >= 0) N *= 10n ** BigInt(k); else div *= 10n ** BigInt(-k);
      const q = N / div, r = N % div;
      let add = false;
      if (r !== 0n) {
        const twice = 2n * r;
        add = up(mode, d.neg, twice === div ? 'half' : twice > div, Number(q % 2n));
      }
      return ((q + (add ? 1n : 0n)) * BigInt(inc)).toString();
    }
    // whether to round away from zero: above is true/false/'half' (the
    // discarded part against one half), odd the kept last digit's parity
    function up(mode, neg, above, odd) {
      switch (mode) {
        case 'ceil': return !neg;
        case 'floor': return neg;
        case 'expand': return true;
        case 'trunc': return false;
        case 'halfCeil': return above === 'half' ? !neg : above;
        case 'halfFloor': return above === 'half' ? neg : above;
        case 'halfTrunc': return above === 'half' ? false : above;
        case 'halfEven': return above === 'half' ? odd === 1 : above;
        default: return above === 'half' ? true : above; // halfExpand
      }
    }
    // q × 10^-s as [integer, fraction], trailing zeros of the fraction kept
    function split(q, s) {
      if (s <= 0) return [q === '0' ? '0' : q + '0'.repeat(-s), ''];
      if (q.length <= s) q = '0'.repeat(s - q.length + 1) + q;
      return [q.slice(0, q.length - s), q.slice(q.length - s)];
    }
    const magnitude = (d) => d.e - 1; // of a non-zero d: 10^magnitude ≤ |d| < 10^(magnitude+1)
    // the digits of |d| under r's rounding: { int, frac, mag } (mag: the rounding magnitude)
    function digits(r, d) {
      const mode = r.roundingMode;
      const sig = () => {
        const mag = d.D === '' ? 0 : magnitude(d);
        const s = r.maximumSignificantDigits - mag - 1;
        let [int, frac] = split(roundAt(d, s, mode, 1), s);
        const count = () => { const all = (int + frac).replace(/^0+/, ''); return all === '' ? 1 + frac.length : all.length; };
        while (frac.endsWith('0') && count() > r.minimumSignificantDigits) frac = frac.slice(0, -1);
        return { int, frac, mag: -s };
      };
      const fix = () => {
        const s = r.maximumFractionDigits;
        let [int, frac] = split(roundAt(d, s, mode, r.roundingIncrement), s);
        frac = trimTo(frac, r.minimumFractionDigits);
        return { int, frac, mag: -s };
      };
      let res;
      if (r.type === 'significantDigits') res = sig();
      else if (r.type === 'fractionDigits') res = fix();
      else {
        const a = sig(), b = fix();
        res = r.type === 'morePrecision' ? (a.mag <= b.mag ? a : b) : (a.mag <= b.mag ? b : a);
      }
      if (r.trailingZeroDisplay === 'stripIfInteger' && /^0*$/.test(res.frac)) res.frac = '';
      if (res.int.length < r.minimumIntegerDigits) res.int = '0'.repeat(r.minimumIntegerDigits - res.int.length) + res.int;
      else if (res.int.length > 1) res.int = res.int.replace(/^0+(?=\d)/, '');
      return res;
    }
    const leadingZeros = (f) => f.length - f.replace(/^0+/, '').length;
    const trimTo = (frac, min) => {
      let f = frac;
      while (f.length > min && f.endsWith('0')) f = f.slice(0, -1);
      return f;
    };

    // ---- options
    const CURRENCY = /^[A-Za-z]{3}$/;
    const NUMBERING = { '0': 'latn', '\u0660': 'arab', '\u06f0': 'arabext', '\u09e6': 'beng', '\u0966': 'deva', '\u1040': 'mymr', '\u0e50': 'thai' };
    const ROUNDING_INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];
    const ROUNDING_MODES = ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'];
    function isUnit(u) {
      const { unitSet } = sharedData();
      if (unitSet.has(u)) return true;
      const i = u.indexOf('-per-');
      return i > 0 && unitSet.has(u.slice(0, i)) && unitSet.has(u.slice(i + 5));
    }
    function setup(locales, options) {
      const requested = firstLocale(locales);
      const o = options === undefined ? {} : Object(options);
      const NF = 'NumberFormat';
      getStr(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', NF);
      const nu = getStr(o, 'numberingSystem', undefined, undefined, NF);
      if (nu !== undefined && !/^[a-zA-Z0-9]{3,8}(-[a-zA-Z0-9]{3,8})*$/.test(nu)) throw new RangeError('Invalid numberingSystem : ' + nu);
      const syms = symbols(requested);
      const style = getStr(o, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal', NF);
      let currency = getStr(o, 'currency', undefined, undefined, NF);
      if (currency !== undefined && !CURRENCY.test(currency)) throw new RangeError('Invalid currency code : ' + currency);
      const currencyDisplay = getStr(o, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol', NF);
      const currencySign = getStr(o, 'currencySign', ['standard', 'accounting'], 'standard', NF);
      const unit = getStr(o, 'unit', undefined, undefined, NF);
      if (unit !== undefined && !isUnit(unit)) throw new RangeError(`Invalid unit argument for Intl.NumberFormat() '${unit}'`);
      const unitDisplay = getStr(o, 'unitDisplay', ['short', 'narrow', 'long'], 'short', NF);
      if (style === 'currency' && currency === undefined) throw new TypeError('Currency code is required with currency style.');
      if (style === 'unit' && unit === undefined) throw new TypeError("Invalid unit argument for Intl.NumberFormat() ''");
      const notation = getStr(o, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard', NF);
      let cDigits = 2;
      if (style === 'currency') {
        currency = asciiUpper(currency);
        const dg = sharedData().digits[currency];
        if (dg !== undefined) cDigits = dg;
      }
      const mnfdDefault = style === 'currency' && notation !== 'compact' ? cDigits : 0; // (node: for scientific too)
      const mxfdDefault = style === 'currency' && notation !== 'compact' ? cDigits : style === 'percent' ? 0 : 3;
      // SetNumberFormatDigitOptions
      const r = {};
      const mnid = defaultNumber(o.minimumIntegerDigits, 'minimumIntegerDigits', 1, 21, 1);
      let mnfd = o.minimumFractionDigits, mxfd = o.maximumFractionDigits, mnsd = o.minimumSignificantDigits, mxsd = o.maximumSignificantDigits;
      const inc = defaultNumber(o.roundingIncrement, 'roundingIncrement', 1, 5000, 1);
      if (!ROUNDING_INCREMENTS.includes(inc)) throw new RangeError('roundingIncrement value is out of range.');
      const roundingMode = getStr(o, 'roundingMode', ROUNDING_MODES, 'halfExpand', NF);
      const roundingPriority = getStr(o, 'roundingPriority', ['auto', 'morePrecision', 'lessPrecision'], 'auto', 'SetNumberFormatDigitOptions'); // (node's message)
      const trailingZeroDisplay = getStr(o, 'trailingZeroDisplay', ['auto', 'stripIfInteger'], 'auto', NF);
      const mxfdD = inc !== 1 ? mnfdDefault : mxfdDefault;
      const hasSd = mnsd !== undefined || mxsd !== undefined, hasFd = mnfd !== undefined || mxfd !== undefined;
      let needSd = true, needFd = true;
      if (roundingPriority === 'auto') {
        needSd = hasSd;
        if (needSd || (!hasFd && notation === 'compact')) needFd = false;
      }
      if (needSd) {
        if (hasSd) {
          mnsd = defaultNumber(mnsd, 'minimumSignificantDigits', 1, 21, 1);
          mxsd = defaultNumber(mxsd, 'maximumSignificantDigits', mnsd, 21, 21);
        } else { mnsd = 1; mxsd = 21; }
      }
      if (needFd) {
        if (hasFd) {
          mnfd = defaultNumber(mnfd, 'minimumFractionDigits', 0, 100, undefined);
          mxfd = defaultNumber(mxfd, 'maximumFractionDigits', 0, 100, undefined);
          if (mnfd === undefined) mnfd = Math.min(mnfdDefault, mxfd);
          else if (mxfd === undefined) mxfd = Math.max(mxfdD, mnfd);
          else if (mnfd > mxfd) throw new RangeError('maximumFractionDigits value is out of range.');
        } else { mnfd = mnfdDefault; mxfd = mxfdD; }
      }
      let type;
      if (!needSd && !needFd) { mnfd = 0; mxfd = 0; mnsd = 1; mxsd = 2; type = 'morePrecision'; }
      else if (roundingPriority === 'auto') type = needSd ? 'significantDigits' : 'fractionDigits';
      else type = roundingPriority;
      if (inc !== 1) {
        if (type !== 'fractionDigits') throw new TypeError('RoundingType is not fractionDigits');
        if (mxfd !== mnfd) throw new RangeError('maximumFractionDigits not equal to minimumFractionDigits');
      }
      const compactDisplay = getStr(o, 'compactDisplay', ['short', 'long'], 'short', NF);
      const defaultGrouping = notation === 'compact' ? 'min2' : 'auto';
      const g = o.useGrouping;
      let useGrouping;
      if (g === undefined) useGrouping = defaultGrouping;
      else if (g === true) useGrouping = 'always';
      else if (g === false || g === null || g === 0 || g === '' || Number.isNaN(g)) useGrouping = false;
      else {
        useGrouping = String(g);
        if (useGrouping === 'true' || useGrouping === 'false') useGrouping = defaultGrouping;
        else if (!['min2', 'auto', 'always'].includes(useGrouping)) throw new RangeError(`Value ${useGrouping} out of range for Intl.NumberFormat options property useGrouping`);
      }
      const signDisplay = getStr(o, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto', NF);
      // resolved, in node's order
      r.locale = syms.tag;
      r.numberingSystem = NUMBERING[syms.zero] || 'latn';
      r.style = style;
      if (style === 'currency') { r.currency = currency; r.currencyDisplay = currencyDisplay; r.currencySign = currencySign; }
      if (style === 'unit') { r.unit = unit; r.unitDisplay = unitDisplay; }
      r.minimumIntegerDigits = mnid;
      if (needSd || type === 'morePrecision' || type === 'lessPrecision') { r.minimumSignificantDigits = mnsd; r.maximumSignificantDigits = mxsd; }
      if (needFd || type === 'morePrecision' || type === 'lessPrecision') { r.minimumFractionDigits = mnfd; r.maximumFractionDigits = mxfd; }
      r.useGrouping = useGrouping;
      r.notation = notation;
      if (notation === 'compact') r.compactDisplay = compactDisplay;
      r.signDisplay = signDisplay;
      r.roundingMode = roundingMode;
      r.roundingIncrement = inc;
      r.trailingZeroDisplay = trailingZeroDisplay;
      r.roundingPriority = type === 'morePrecision' || type === 'lessPrecision' ? type : 'auto';
      const x = { ...r, type };
      const data = style === 'decimal' && notation === 'standard' ? undefined : localeData(syms.tag);
      return { r, x, syms, data, locale: syms.tag };
    }

    // ---- rendering: a formatted number is layers around its digits, as
    // ICU's modifiers: outer (unit, currency name), middle (sign, currency
    // symbol, percent), inner (compact, exponent).
    const WS = /^[\s\u00a0\u202f\u200e\u200f]*$/;
    function textParts(text, type) { // an affix: whitespace at its ends literal, the rest of type
      const out = [];
      if (text === '') return out;
      const m = /^([\s\u00a0\u202f\u200e\u200f]*)([\s\S]*?)([\s\u00a0\u202f\u200e\u200f]*)$/.exec(text);
      if (m[1]) out.push({ type: 'literal', value: m[1] });
      if (m[2]) out.push({ type, value: m[2] });
      if (m[3]) out.push({ type: 'literal', value: m[3] });
      return out;
    }
    function signTokens(text, type) { // "‎-" as [literal, minusSign]
      const m = /^([^-+\u2212]*)([-+\u2212])(.*)$/.exec(text);
      if (m === null) return [[type, text]];
      return [m[1] && ['literal', m[1]], [type, m[2]], m[3] && ['literal', m[3]]].filter(Boolean);
    }
    function decimalTemplates(syms, percent) {
      const pct = (p) => (p.match(/%|\u066a|[^%\u066a]+/g) || []).map((t) => (t === '%' || t === '\u066a' ? ['percentSign', syms.zero === '\u0660' || syms.zero === '\u06f0' ? '\u066a' : '%'] : ['literal', t]));
      const pre = percent ? pct(syms.pctPre) : [], post = percent ? pct(syms.pctPost.replace('\u066a', '%')) : [];
      const body = [...pre, '#', ...post];
      return [body, [...signTokens(syms.minus, 'minusSign'), ...body], [...signTokens(syms.plus, 'plusSign'), ...body]];
    }
    const compactTemplate = (data, r, mag) => { // currency: always the short patterns (CLDR has no long ones)
      const pows = data.compact[r.style === 'currency' ? 'short' : r.compactDisplay];
      return pows[Math.min(mag, pows.length - 1)];
    };
    function pluralOf(s, int, frac) {
      return hostCall(H_INTL_PLURAL, `${s.locale}\t${'cardinal'}\t${int}\t${frac}`);
    }
    const pick = (t, cat) => (t !== null && typeof t === 'object' && !Array.isArray(t) ? (cat in t ? t[cat] : t.other !== undefined ? t.other : Object.values(t)[0]) : t);
    // the layers of one value: { sign, outer: [pre, suf], middle: [pre, suf], inner: [pre, suf], num, neg, zero }
    function layers(s, value, plusIfUnsigned) {
      const { x: r, syms, data } = s;
      let d = decimalOf(value);
      const L = { outer: [[], []], middle: [[], []], space: [[], []], inner: [[], []], num: [] };
      let int, frac, special, noNumber = false, exponent = 0;
      if (d.nan) special = { type: 'nan', value: syms.nan };
      else if (d.inf) special = { type: 'infinity', value: '∞' };
      else {
        if (r.style === 'percent') d = shift(d, 2);
        let exp;
        if (r.notation === 'scientific' || r.notation === 'engineering') {
          const eng = r.notation === 'engineering';
          const expOf = (m) => (eng ? Math.floor(m / 3) * 3 : m);
          let mag = d.D === '' ? 0 : magnitude(d);
          exp = expOf(mag);
          ({ int, frac } = digits(r, shift(d, -exp)));
          if (d.D !== '' && int.replace(/^0+/, '').length > mag - exp + 1) { // rounded up to the next power of ten
            mag += 1;
            if (expOf(mag) !== exp) { exp = expOf(mag); ({ int, frac } = digits(r, shift(d, -exp))); }
          }
          exponent = exp; // the plural form is the whole value's (1.01E-4 is 0.000101)
          const ex = [{ type: 'exponentSeparator', value: data.num.exp }];
          if (exp < 0) for (const [type, value] of signTokens(data.num.expMinus, 'exponentMinusSign')) ex.push({ type, value });
          ex.push({ type: 'exponentInteger', value: toDigits(syms, String(Math.abs(exp))) });
          L.inner[1] = ex;
        } else if (r.notation === 'compact') {
          let mag = d.D === '' ? 0 : Math.max(0, magnitude(d));
          let t;
          for (let tries = 0; tries < 2; tries++) {
            const entry = compactTemplate(data, r, mag);
            const div = entry ? entry[0] : 0, tpl = entry ? entry[1] : 0;
            ({ int, frac } = digits(r, shift(d, -div)));
            const shownMag = int.replace(/^0+/, '').length - 1 + div;
            if (d.D !== '' && shownMag > mag && tries === 0) { mag = shownMag; continue; } // 999999 is 1M, not 1000K
            if (tpl) t = (int === '1' && frac === '' && tpl['=1']) || pick(tpl, pluralOf(s, int, frac));
            break;
          }
          if (t && !t.includes('{0}')) { L.inner = [textParts(t, 'compact'), []]; noNumber = true; } else if (t) {
            const [pre, suf] = t.split('{0}');
            L.inner = [textParts(pre, 'compact'), textParts(suf, 'compact')];
          }
        } else ({ int, frac } = digits(r, d));
      }
      const zero = special === undefined && /^0*$/.test(int) && /^0*$/.test(frac);
      // the sign
      const sd = r.signDisplay, neg = d.neg;
      let sign = 0; // -1 minus, 1 plus
      if (special && special.type === 'nan') sign = sd === 'always' ? 1 : 0;
      else if (sd === 'never') sign = 0;
      else if (sd === 'auto') sign = neg ? -1 : 0;
      else if (sd === 'always') sign = neg ? -1 : 1;
      else if (sd === 'exceptZero') sign = zero ? 0 : neg ? -1 : 1;
      else sign = neg && !zero ? -1 : 0; // negative
      if (plusIfUnsigned && sign === 0) sign = 1;
      // the digits
      const num = L.num;
      const group = r.style === 'currency' && data.cur.group !== undefined ? data.cur.group : syms.group;
      const decimal = r.style === 'currency' && data.cur.decimal !== undefined ? data.cur.decimal : syms.decimal;
      const secondary = r.style === 'currency' && r.currencySign === 'accounting' && data.cur.accGrouping ? data.cur.accGrouping
        : r.style === 'percent' && syms.pctSecondary ? syms.pctSecondary : syms.secondary; // (bn's percent groups by 3)
      const digit = (t) => toDigits(syms, t);
      if (special) num.push(special);
      else if (noNumber) { /* the pattern has no number: fr "mille" */ } else {
        // (compact's "auto" groups as "min2" does)
        const minG = r.useGrouping === 'min2' || (r.useGrouping === 'auto' && r.notation === 'compact') ? 2 : r.useGrouping === 'always' ? 1 : syms.minGroup;
        if (r.useGrouping !== false && syms.primary > 0 && int.length >= syms.primary + minG) {
          const groups = [int.slice(-syms.primary)];
          let rest = int.slice(0, -syms.primary);
          while (rest.length > secondary) { groups.unshift(rest.slice(-secondary)); rest = rest.slice(0, -secondary); }
          if (rest) groups.unshift(rest);
          groups.forEach((g, i) => { if (i) num.push({ type: 'group', value: group }); num.push({ type: 'integer', value: digit(g) }); });
        } else num.push({ type: 'integer', value: digit(int) });
        if (frac) { num.push({ type: 'decimal', value: decimal }, { type: 'fraction', value: digit(frac) }); }
      }
      // middle and outer; ICU gives the unit "percent" the percent style's pattern but for its long name
      const percentUnit = r.style === 'unit' && (r.unit === 'percent' || r.unit.startsWith('percent-per-')) && r.unitDisplay !== 'long'; // (node drops "per-" there)
      const idx = sign < 0 ? 1 : sign > 0 ? 2 : 0;
      let tokens;
      let cur;
      if (r.style === 'currency' && r.currencyDisplay !== 'name') {
        tokens = data.cur[r.currencySign === 'accounting' ? 'acc' : 'std'][idx];
        const e = data.cur.codes[r.currency];
        if (r.currencyDisplay === 'code' || e === undefined) cur = r.currency;
        else cur = r.currencyDisplay === 'narrowSymbol' && e[1] ? e[1] : e[0] || r.currency;
      } else if (r.style === 'percent' && r.notation === 'compact' && data.same) tokens = data.num.pctCompact[idx];
      else tokens = decimalTemplates(syms, r.style === 'percent' || percentUnit)[idx];
      const h = tokens.indexOf('#');
      const toParts = (list, before) => {
        const out = [];
        list.forEach((t, i) => {
          if (t === '¤') {
            const adjacent = before ? i === list.length - 1 : i === 0;
            const edge = before ? cur[cur.length - 1] : cur[0];
            const touching = before ? join([...L.inner[0], ...L.num]) : join([...L.num, ...L.inner[1]]);
            const spaced = adjacent && !/[\p{S}\s]/u.test(edge) && /\p{Nd}/u.test(before ? touching[0] || '' : touching[touching.length - 1] || '');
            // CLDR's currency spacing, which belongs to the number's side of a range
            if (spaced) L.space[before ? 0 : 1] = [{ type: 'literal', value: '\u00a0' }];
            const [, text, mark] = /^([\s\S]*?)([\u200e\u200f]*)$/.exec(cur);
            out.push({ type: 'currency', value: text });
            if (mark) out.push({ type: 'literal', value: mark });
          } else out.push({ type: t[0], value: t[1] });
        });
        return out;
      };
      L.middle = [toParts(tokens.slice(0, h), true), toParts(tokens.slice(h + 1), false)];
      if ((r.style === 'unit' && !percentUnit) || (r.style === 'currency' && r.currencyDisplay === 'name')) {
        const pattern = (cat) => {
          if (r.style === 'unit') return unitPattern(data, r.unitDisplay, r.unit, cat);
          const e = data.cur.codes[r.currency];
          const name = e === undefined ? r.currency : pick(e[2], cat);
          const nt = data.cur.name;
          const i = nt.indexOf('#');
          const str = (list) => list.map((t) => (t === '¤' ? name : t[1])).join('');
          return str(nt.slice(0, i)) + '{0}' + str(nt.slice(i + 1));
        };
        const type = r.style === 'unit' ? 'unit' : 'currency';
        L.cat = special ? 'other' : exponent ? pluralOf(s, ...scaled(int, frac, exponent)) : pluralOf(s, int, frac);
        L.outerFor = (cat) => { // a range's plural form is the range's (PluralRules#selectRange)
          const t = pattern(cat);
          if (!t.includes('{0}')) return [textParts(t, type), []];
          const [pre, suf] = t.split('{0}');
          return [textParts(pre, type), textParts(suf, type)];
        };
        const t = pattern(L.cat);
        if (!t.includes('{0}')) L.num.length = 0; // CLDR's "one"/"two" without the number (ar "فدان")
        L.outer = L.outerFor(L.cat);
      }
      L.zero = zero; L.sign = sign; L.special = special !== undefined; L.int = int; L.frac = frac;
      return L;
    }
    const toDigits = (syms, t) => (syms.zero === '0' ? t : t.replace(/[0-9]/g, (c) => String.fromCharCode(syms.zero.charCodeAt(0) + (c.charCodeAt(0) - 48))));
    // the integer and fraction digits of int.frac × 10^exp
    function scaled(int, frac, exp) {
      const all = int + frac;
      const point = int.length + exp;
      if (point <= 0) return ['0', '0'.repeat(-point) + all];
      if (point >= all.length) return [(all + '0'.repeat(point - all.length)).replace(/^0+(?=\d)/, ''), ''];
      return [all.slice(0, point).replace(/^0+(?=\d)/, ''), all.slice(point)];
    }
    function unitPattern(data, disp, unit, cat) {
      const tbl = data.unit[disp];
      if (unit in tbl.u) return pick(tbl.u[unit], cat);
      const i = unit.indexOf('-per-');
      const a = pick(tbl.u[unit.slice(0, i)], cat), per = tbl.per[unit.slice(i + 5)];
      if (per === undefined) return a + '/' + unit.slice(i + 5);
      return per.split('{0}').join(a);
    }
    const flat = (L) => [...L.outer[0], ...L.middle[0], ...L.space[0], ...L.inner[0], ...L.num, ...L.inner[1], ...L.space[1], ...L.middle[1], ...L.outer[1]];
    const join = (parts) => parts.map((p) => p.value).join('');

    function rangeParts(s, x, y) {
      if (x === undefined) throw new TypeError('Invalid start : undefined');
      if (y === undefined) throw new TypeError('Invalid end : undefined');
      const dx = decimalOf(typeof x === 'bigint' || typeof x === 'string' ? x : Number(x));
      const dy = decimalOf(typeof y === 'bigint' || typeof y === 'string' ? y : Number(y));
      if (dx.nan) throw new RangeError(`Invalid start : ${String(x)}`);
      if (dy.nan) throw new RangeError(`Invalid end : ${String(y)}`);
      const a = layers(s, x), b = layers(s, y);
      const tag = (list, source) => list.map((p) => ({ ...p, source }));
      if (join(flat(a)) === join(flat(b))) {
        // the approximately sign goes where the pattern's sign is (before a
        // shown sign, instead of an unshown plus); a pattern without one
        // (accounting's parentheses) shows none
        const approx = { type: 'approximatelySign', value: (s.data || localeData(s.locale)).num.approx };
        const unsigned = a.sign === 0;
        const parts = flat(unsigned ? layers(s, x, true) : a);
        const i = parts.findIndex((p) => p.type === 'minusSign' || p.type === 'plusSign');
        if (i < 0) return tag(flat(a), 'shared');
        const prev = parts[i - 1];
        const lrm = prev !== undefined && prev.type === 'literal' && prev.value.endsWith('\u200e'); // part of the sign symbol (ar "‎-")
        const before = lrm ? [{ type: 'literal', value: prev.value.slice(0, -1) }].filter((p) => p.value) : prev === undefined ? [] : [prev];
        const sign = unsigned ? [] : [...(lrm ? [{ type: 'literal', value: '\u200e' }] : []), parts[i]];
        return tag([...parts.slice(0, Math.max(i - 1, 0)), ...before, approx, ...sign, ...parts.slice(i + 1)], 'shared');
      }
      const eq = (p, q) => join(p) === join(q);
      const cps = (list) => [...join(list)].length;
      if (a.outerFor && b.outerFor) {
        const rc = localeData(s.locale).plural[a.cat + '+' + b.cat] || 'other';
        a.outer = a.outerFor(rc); b.outer = b.outerFor(rc);
      }
      // as ICU's modifiers: compact's affixes are the middle's (the pattern's), scientific's inner
      const compact = s.x.notation === 'compact';
      const mid = (L, i) => (compact ? (i ? [...L.inner[1], ...L.middle[1]] : [...L.middle[0], ...L.inner[0]]) : L.middle[i]);
      const inn = (L, i) => (compact ? [] : L.inner[i]);
      const collapseOuter = eq(a.outer[0], b.outer[0]) && eq(a.outer[1], b.outer[1]);
      const collapseMiddle = collapseOuter && eq(mid(a, 0), mid(b, 0)) && eq(mid(a, 1), mid(b, 1)) && cps([...mid(a, 0), ...mid(a, 1)]) > 1;
      // (a collapsed currency keeps its spacing only beside the number it touches)
      const side = (L, start) => [...(collapseOuter ? [] : L.outer[0]), ...(collapseMiddle ? [] : mid(L, 0)), ...(collapseMiddle && !start ? [] : L.space[0]), ...inn(L, 0), ...L.num,
        ...inn(L, 1), ...(collapseMiddle && start ? [] : L.space[1]), ...(collapseMiddle ? [] : mid(L, 1)), ...(collapseOuter ? [] : L.outer[1])];
      const repeated = (cps([...inn(a, 0), ...inn(a, 1)]) > 0) || (!collapseMiddle && cps([...mid(a, 0), ...mid(a, 1)]) > 0) || (!collapseOuter && cps([...a.outer[0], ...a.outer[1]]) > 0);
      const sepText = (s.data || localeData(s.locale)).num.range;
      const sep = repeated && !/^\s/.test(sepText) ? ' ' + sepText + ' ' : sepText;
      return [
        ...tag(collapseOuter ? a.outer[0] : [], 'shared'), ...tag(collapseMiddle ? mid(a, 0) : [], 'shared'),
        ...tag(side(a, true), 'startRange'), { type: 'literal', value: sep, source: 'shared' }, ...tag(side(b, false), 'endRange'),
        ...tag(collapseMiddle ? mid(a, 1) : [], 'shared'), ...tag(collapseOuter ? a.outer[1] : [], 'shared'),
      ];
    }

    const slots = new WeakMap();
    const slotsOf = (f, method) => {
      const s = slots.get(f);
      if (s === undefined) throw incompatible('NumberFormat', method, f);
      return s;
    };
    // ToIntlMathematicalValue: a BigInt or a string keeps every digit
    function prim(v) {
      if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return v;
      const tp = v[Symbol.toPrimitive];
      const isPrim = (p) => (typeof p !== 'object' && typeof p !== 'function') || p === null;
      if (tp !== undefined && tp !== null) {
        const p = tp.call(v, 'number');
        if (isPrim(p)) return p;
      } else {
        for (const m of ['valueOf', 'toString']) {
          const f = v[m];
          if (typeof f === 'function') { const p = f.call(v); if (isPrim(p)) return p; }
        }
      }
      throw new TypeError('Cannot convert object to primitive value');
    }
    const valueOf = (v) => { const p = prim(v); return typeof p === 'bigint' || typeof p === 'string' ? p : Number(p); };
    class NumberFormat {
      constructor(locales, options) { slots.set(this, setup(locales, options)); }
      get format() {
        const s = slotsOf(this, 'format');
        if (s.bound === undefined) s.bound = (v) => join(flat(layers(s, valueOf(v))));
        return s.bound;
      }
      formatToParts(v) { return flat(layers(slotsOf(this, 'formatToParts'), valueOf(v))); }
      formatRange(x, y) { return join(rangeParts(slotsOf(this, 'formatRange'), x === undefined ? x : valueOf(x), y === undefined ? y : valueOf(y))); }
      formatRangeToParts(x, y) { return rangeParts(slotsOf(this, 'formatRangeToParts'), x === undefined ? x : valueOf(x), y === undefined ? y : valueOf(y)); }
      resolvedOptions() { return { ...slotsOf(this, 'resolvedOptions').r }; }
      static supportedLocalesOf(locales) { return locales === undefined ? [] : canonLocales(locales); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Intl.NumberFormat', configurable: true });
      }
    }

    // ---- PluralRules#selectRange: CLDR's plural ranges, "other" for pairs it lacks
    Object.defineProperty(PluralRules.prototype, 'selectRange', {
      value: function selectRange(x, y) {
        const pr = this;
        let ro;
        try { ro = PluralRules.prototype.resolvedOptions.call(pr); } catch (e) { throw incompatible('PluralRules', 'selectRange', pr); }
        if (x === undefined) throw new TypeError('Invalid startRange : undefined');
        if (y === undefined) throw new TypeError('Invalid endRange : undefined');
        const nx = Number(x), ny = Number(y);
        if (Number.isNaN(nx)) throw new RangeError(`Invalid startRange : ${nx}`);
        if (Number.isNaN(ny)) throw new RangeError(`Invalid endRange : ${ny}`);
        const cx = pr.select(nx), cy = pr.select(ny);
        const ranges = localeData(symbols(ro.locale).tag).plural;
        return ranges[cx + '+' + cy] || 'other';
      },
      writable: true, configurable: true,
    });

    // ---- Intl.RelativeTimeFormat
    const RTF_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
    const rtfSlots = new WeakMap();
    const RelativeTimeFormat = function RelativeTimeFormat(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.RelativeTimeFormat requires 'new'");
      const requested = firstLocale(locales);
      const o = options === undefined ? {} : Object(options);
      getStr(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', 'RelativeTimeFormat');
      getStr(o, 'numberingSystem', undefined, undefined, 'RelativeTimeFormat');
      const style = getStr(o, 'style', ['long', 'short', 'narrow'], 'long', 'RelativeTimeFormat');
      const numeric = getStr(o, 'numeric', ['always', 'auto'], 'always', 'RelativeTimeFormat');
      const nf = setup(requested, {});
      const r = { locale: nf.locale, style, numeric, numberingSystem: nf.r.numberingSystem };
      rtfSlots.set(this, { r, nf, data: localeData(nf.locale) });
    };
    function rtfParts(s, value, unit) {
      const v = Number(value);
      let u = String(unit);
      if (u.endsWith('s') && RTF_UNITS.includes(u.slice(0, -1))) u = u.slice(0, -1);
      if (!RTF_UNITS.includes(u)) throw new RangeError(`Invalid unit argument for Intl.RelativeTimeFormat.prototype.format() '${String(unit)}'`);
      if (!Number.isFinite(v)) throw new RangeError('Value need to be finite number for Intl.RelativeTimeFormat.prototype.format()');
      const [fut, past, rel] = s.data.rel[s.r.style][u];
      if (s.r.numeric === 'auto') {
        const k = Object.is(v, -0) ? '0' : String(v);
        if (rel[k] !== undefined) return [{ type: 'literal', value: rel[k] }];
      }
      const neg = v < 0 || Object.is(v, -0);
      const L = layers(s.nf, Math.abs(v));
      const t = pick(neg ? past : fut, pluralOf(s.nf, L.int, L.frac));
      if (!t.includes('{0}')) return [{ type: 'literal', value: t }];
      const [pre, suf] = t.split('{0}');
      const out = [];
      if (pre) out.push({ type: 'literal', value: pre });
      for (const p of L.num) out.push({ ...p, unit: u });
      if (suf) out.push({ type: 'literal', value: suf });
      return out;
    }
    const rtfSlotsOf = (f, m) => { const s = rtfSlots.get(f); if (s === undefined) throw incompatible('RelativeTimeFormat', m, f); return s; };
    Object.defineProperties(RelativeTimeFormat.prototype, {
      format: { value: function format(value, unit) { return join(rtfParts(rtfSlotsOf(this, 'format'), value, unit)); }, writable: true, configurable: true },
      formatToParts: { value: function formatToParts(value, unit) { return rtfParts(rtfSlotsOf(this, 'formatToParts'), value, unit); }, writable: true, configurable: true },
      resolvedOptions: { value: function resolvedOptions() { return { ...rtfSlotsOf(this, 'resolvedOptions').r }; }, writable: true, configurable: true },
      [Symbol.toStringTag]: { value: 'Intl.RelativeTimeFormat', configurable: true },
    });
    RelativeTimeFormat.supportedLocalesOf = function supportedLocalesOf(locales) { return locales === undefined ? [] : canonLocales(locales); };

    // ---- Intl.ListFormat
    const lfSlots = new WeakMap();
    const ListFormat = function ListFormat(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.ListFormat requires 'new'");
      const requested = firstLocale(locales);
      const o = options === undefined ? {} : Object(options);
      getStr(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', 'ListFormat');
      const type = getStr(o, 'type', ['conjunction', 'disjunction', 'unit'], 'conjunction', 'ListFormat');
      const style = getStr(o, 'style', ['long', 'short', 'narrow'], 'long', 'ListFormat');
      const locale = symbols(requested).tag;
      const data = localeData(locale);
      lfSlots.set(this, { r: { locale, type, style }, seps: data.list[type + '-' + style], lang: data.key.split('-')[0] });
    };
    function listParts(s, list) {
      const items = [];
      if (list !== undefined && (list === null || (typeof list !== 'object' && typeof list !== 'string') || typeof list[Symbol.iterator] !== 'function')) {
        throw new TypeError(list === null ? 'object null is not iterable (cannot read property Symbol(Symbol.iterator))' : `${typeof list} ${typeof list === 'object' ? '' : String(list)} is not iterable (cannot read property Symbol(Symbol.iterator))`.replace('  ', ' '));
      }
      if (list !== undefined) {
        for (const v of list) {
          if (typeof v !== 'string') throw new TypeError(`Iterable yielded ${typeof v === 'symbol' ? 'Symbol()' : String(v)} which is not a string`);
          items.push(v);
        }
      }
      const out = [];
      const n = items.length;
      const [start, middle, end, pair] = s.seps;
      items.forEach((v, i) => {
        if (i) {
          let sep = n === 2 ? pair : i === 1 ? start : i === n - 1 ? end : middle;
          sep = adjustSep(s.lang, sep, v);
          out.push({ type: 'literal', value: sep });
        }
        out.push({ type: 'element', value: v });
      });
      return out;
    }
    // Spanish "y"/"o" become "e"/"u" before the sounds they would merge
    // with; Hebrew "ו" takes a hyphen before a non-Hebrew word (as ICU).
    function adjustSep(lang, sep, next) {
      if (lang === 'es') {
        if (sep === ' y ' && /^(i|hi(?!a|e|o|u))/i.test(next) && !/^hi[aeiou]/i.test(next)) return ' e ';
        if (sep === ' o ' && (/^(o|ho|8)/i.test(next) || /^11(\D|$)/.test(next) || /^11\d\d(\D|$)/.test(next))) return ' u ';
      } else if (lang === 'he') {
        if (sep.endsWith('\u05d5') && next !== '' && !/^[\u05d0-\u05ea]/.test(next)) return sep + '-';
      }
      return sep;
    }
    const lfSlotsOf = (f, m) => { const s = lfSlots.get(f); if (s === undefined) throw incompatible('ListFormat', m, f); return s; };
    Object.defineProperties(ListFormat.prototype, {
      format: { value: function format(list) { return join(listParts(lfSlotsOf(this, 'format'), list)); }, writable: true, configurable: true },
      formatToParts: { value: function formatToParts(list) { return listParts(lfSlotsOf(this, 'formatToParts'), list); }, writable: true, configurable: true },
      resolvedOptions: { value: function resolvedOptions() { return { ...lfSlotsOf(this, 'resolvedOptions').r }; }, writable: true, configurable: true },
      [Symbol.toStringTag]: { value: 'Intl.ListFormat', configurable: true },
    });
    ListFormat.supportedLocalesOf = function supportedLocalesOf(locales) { return locales === undefined ? [] : canonLocales(locales); };

    return {
      NumberFormat, RelativeTimeFormat, ListFormat,
      bigintToLocaleString(locales, options) {
        if (typeof this !== 'bigint' && !(typeof this === 'object' && this !== null)) throw new TypeError('BigInt.prototype.toLocaleString requires that \'this\' be a BigInt');
        return new NumberFormat(locales, options).format(BigInt.prototype.valueOf.call(this));
      },
    };
  }
