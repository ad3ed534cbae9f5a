// Intl, backed by the host: time zones are Go's (the IANA database is
// embedded, see intl_tz.go), number symbols and plural rules golang.org/x/text's
// CLDR (intl_number.go, intl_plural.go). Present: Intl.DateTimeFormat
// (timeZone, format, formatToParts, resolvedOptions, supportedLocalesOf),
// Intl.NumberFormat (76-intl-numbers.js), Intl.PluralRules, Intl.Collator,
// Intl.getCanonicalLocales; Date#toLocale*String, Number#toLocaleString,
// String#localeCompare and String#toLocaleUpperCase/LowerCase routed
// through them. testdata/node/intl_*.js compare them with node.
// DateTimeFormat itself is in 76-intl-dates.js (CLDR locale data).
  const H_INTL_TZ = host.lookup('intl.tz');
  const H_INTL_NUMSYMS = host.lookup('intl.numsyms');
  const H_INTL_PLURAL = host.lookup('intl.plural');
  const H_INTL_COLLATE = host.lookup('intl.collate');
  const codeUnitCompare = String.prototype.localeCompare; // QuickJS's own
  const intlMod = lazy(makeIntl);

  function makeIntl() {
    function canonLocales(locales) {
      return intlTextMod().getCanonicalLocales(locales); // 77-intl-text.js: UTS #35 with node's aliases and messages
    }

    function callable(C) { // Intl constructors may be called without new
      const F = function (locales, options) { return new C(locales, options); };
      Object.defineProperty(F, 'name', { value: C.name });
      F.prototype = C.prototype;
      Object.defineProperty(C.prototype, 'constructor', { value: F, writable: true, configurable: true });
      F.supportedLocalesOf = C.supportedLocalesOf;
      return F;
    }
    const Intl = {};
    Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
    const dates = makeDateTimeFormat(canonLocales, callable); // 76-intl-dates.js
    Object.defineProperty(Intl, 'DateTimeFormat', { value: dates.DateTimeFormat, writable: true, configurable: true });
    Object.defineProperty(Intl, 'getCanonicalLocales', {
      value: function getCanonicalLocales(locales) { return locales === undefined ? [] : canonLocales(locales); },
      writable: true, configurable: true,
    });
    const { PluralRules } = makeNumberFormat(canonLocales);
    const { NumberFormat, RelativeTimeFormat, ListFormat, bigintToLocaleString } = makeIntlNumbers(canonLocales, PluralRules); // 76-intl-numbers.js
    Object.defineProperty(Intl, 'NumberFormat', { value: callable(NumberFormat), writable: true, configurable: true });
    Object.defineProperty(Intl, 'PluralRules', { value: PluralRules, writable: true, configurable: true });
    Object.defineProperty(Intl, 'RelativeTimeFormat', { value: RelativeTimeFormat, writable: true, configurable: true });
    Object.defineProperty(Intl, 'ListFormat', { value: ListFormat, writable: true, configurable: true });
    const Collator = makeCollator(canonLocales);
    Object.defineProperty(Intl, 'Collator', { value: callable(Collator), writable: true, configurable: true });
    return {
      Intl,
      bigintToLocaleString,
      toLocaleString: dates.toLocaleString,
      toLocaleDateString: dates.toLocaleDateString,
      toLocaleTimeString: dates.toLocaleTimeString,
      localeCompare(that, locales, options) {
        if (this == null) throw new TypeError('String.prototype.localeCompare called on null or undefined');
        return new Collator(locales, options).compare(String(this), String(that));
      },
      numberToLocaleString(locales, options) {
        return new NumberFormat(locales, options).format(Number.prototype.valueOf.call(this));
      },
    };
  }

  // Date's and Number's locale methods, routed through Intl on first call.
  // Their parameters have defaults so that each length is ECMA-402's (0, and
  // 1 for localeCompare), as test262 checks.
  function installIntlDateMethods() {
    for (const k of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
      const m = { [k](locales = undefined, options = undefined) { return intlMod()[k].call(this, locales, options); } }[k];
      Object.defineProperty(Date.prototype, k, { value: m, writable: true, configurable: true });
    }
    const n = { toLocaleString(locales = undefined, options = undefined) { return intlMod().numberToLocaleString.call(this, locales, options); } };
    Object.defineProperty(Number.prototype, 'toLocaleString', { value: n.toLocaleString, writable: true, configurable: true });
    const c = { localeCompare(that, locales = undefined, options = undefined) { return intlMod().localeCompare.call(this, that, locales, options); } };
    Object.defineProperty(String.prototype, 'localeCompare', { value: c.localeCompare, writable: true, configurable: true });
    // Turkish and Azerbaijani dotted and dotless i; other languages map as
    // toUpperCase/toLowerCase do (Lithuanian's rules are not applied).
    const upper = String.prototype.toUpperCase, lower = String.prototype.toLowerCase;
    const turkic = (locales) => {
      if (locales === undefined) return false;
      const first = typeof locales === 'string' ? locales : Array.from(Object(locales))[0];
      if (first === undefined) return false;
      if (typeof first !== 'string' && (typeof first !== 'object' || first === null)) throw new TypeError('Language ID should be string or object.');
      return /^(tr|az)(-|$)/i.test(String(first));
    };
    const m = {
      toLocaleUpperCase(locales = undefined) {
        if (this == null) throw new TypeError('String.prototype.toLocaleUpperCase called on null or undefined');
        const s = String(this);
        return upper.call(turkic(locales) ? s.replace(/i/g, '\u0130') : s);
      },
      toLocaleLowerCase(locales = undefined) {
        if (this == null) throw new TypeError('String.prototype.toLocaleLowerCase called on null or undefined');
        const s = String(this);
        return lower.call(turkic(locales) ? s.replace(/\u0130/g, 'i').replace(/I\u0307/g, 'i').replace(/I/g, '\u0131') : s);
      },
    };
    for (const k of ['toLocaleUpperCase', 'toLocaleLowerCase']) {
      Object.defineProperty(String.prototype, k, { value: m[k], writable: true, configurable: true });
    }
  }

  // Intl.Collator: x/text's CLDR collation (intl_collate.go), with
  // ignorePunctuation, sensitivity "case" and caseFirst "upper" done by
  // the host around it (x/text lacks them). Strings of
  // more than MAX_COLLATE UTF-16 units together compare by code units, as
  // the host caps what one comparison may cost.
  function makeCollator(canonLocales) {
    const MAX_COLLATE = 300000;
    const slots = new WeakMap();
    const pick = (o, k, values, fallback) => {
      const v = o[k];
      if (v === undefined) return fallback;
      const t = String(v);
      if (!values.includes(t)) throw new RangeError(`Value ${t} out of range for Intl.Collator options property ${k}`);
      return t;
    };
    class Collator {
      constructor(locales, options) {
        const list = locales === undefined ? [] : canonLocales(locales);
        const o = options === undefined ? {} : Object(options);
        const usage = pick(o, 'usage', ['sort', 'search'], 'sort');
        pick(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
        const numeric = o.numeric === undefined ? false : Boolean(o.numeric);
        const caseFirst = pick(o, 'caseFirst', ['upper', 'lower', 'false'], 'false');
        const sensitivity = pick(o, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant');
        const ignorePunctuation = o.ignorePunctuation === undefined ? false : Boolean(o.ignorePunctuation);
        const locale = list.length ? list[0] : 'en-US';
        const head = `${locale}\t${sensitivity}\t${numeric}\t${caseFirst}\t${ignorePunctuation}\t`;
        hostCall(H_INTL_COLLATE, head); // validates the locale
        slots.set(this, { head, r: { locale, usage, sensitivity, ignorePunctuation, collation: 'default', numeric, caseFirst } });
      }
      get compare() {
        const s = slots.get(this);
        if (s === undefined) throw new TypeError(`Method Intl.Collator.prototype.compare called on incompatible receiver ${String(this)}`);
        if (s.bound === undefined) {
          s.bound = (a, b) => {
            a = String(a); b = String(b);
            if (a === b) return 0;
            if (a.length + b.length > MAX_COLLATE) return Math.sign(codeUnitCompare.call(a, b));
            return +hostCall(H_INTL_COLLATE, s.head + JSON.stringify([a, b]));
          };
        }
        return s.bound;
      }
      resolvedOptions() {
        const s = slots.get(this);
        if (s === undefined) throw new TypeError(`Method Intl.Collator.prototype.resolvedOptions called on incompatible receiver ${String(this)}`);
        return { ...s.r };
      }
      static supportedLocalesOf(locales) { return locales === undefined ? [] : canonLocales(locales); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Intl.Collator', configurable: true });
      }
    }
    return Collator;
  }

  // Intl.PluralRules' digits (Intl.NumberFormat itself is 76-intl-numbers.js).
  // The host gives each locale's CLDR symbols (intl_number.go); the digits
  // are made here from the shortest decimal form of the number, rounded
  // halfExpand, as ICU does.
  function makeNumberFormat(canonLocales) {
    const symsCache = new Map();
    function symbols(locale) {
      let s = symsCache.get(locale);
      if (s === undefined) {
        const [tag, decimal, group, primary, secondary, minGroup, pctPre, pctPost, minus, zero, nan] = hostCall(H_INTL_NUMSYMS, locale).split('\t');
        s = { tag, decimal, group, primary: +primary, secondary: +secondary, minGroup: +minGroup, pctPre, pctPost, minus, zero, nan };
        symsCache.set(locale, s);
      }
      return s;
    }
    function str(o, k, values, fallback) {
      const v = o[k];
      if (v === undefined) return fallback;
      const t = String(v);
      if (!values.includes(t)) throw new RangeError(`Value ${t} out of range for Intl.NumberFormat options property ${k}`);
      return t;
    }
    function int(o, k, min, max, fallback) {
      const v = o[k];
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!(n >= min && n <= max)) throw new RangeError(`${k} value is out of range.`);
      return Math.floor(n);
    }
    function setup(locales, options) {
      const list = locales === undefined ? [] : canonLocales(locales);
      const o = options === undefined ? {} : Object(options);
      const syms = symbols(list.length ? list[0] : 'en-US');
      const style = str(o, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal');
      if (style === 'currency' || style === 'unit') throw new RangeError(`Intl.NumberFormat style ${style} is not supported by this runtime yet`);
      const notation = str(o, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard');
      if (notation !== 'standard') throw new RangeError(`Intl.NumberFormat notation ${notation} is not supported by this runtime yet`);
      const r = { locale: syms.tag, numberingSystem: syms.zero === '0' ? 'latn' : 'arab', style };
      r.minimumIntegerDigits = int(o, 'minimumIntegerDigits', 1, 21, 1);
      const mnsd = o.minimumSignificantDigits, mxsd = o.maximumSignificantDigits;
      const mnfd = o.minimumFractionDigits, mxfd = o.maximumFractionDigits;
      const dMin = 0, dMax = style === 'percent' ? 0 : 3;
      if (mnsd !== undefined || mxsd !== undefined) {
        r.minimumSignificantDigits = int(o, 'minimumSignificantDigits', 1, 21, 1);
        r.maximumSignificantDigits = int(o, 'maximumSignificantDigits', r.minimumSignificantDigits, 21, 21);
      } else {
        let mn = int(o, 'minimumFractionDigits', 0, 100, undefined);
        let mx = int(o, 'maximumFractionDigits', 0, 100, undefined);
        if (mn === undefined && mx === undefined) { mn = dMin; mx = dMax; }
        else if (mn === undefined) mn = Math.min(dMin, mx);
        else if (mx === undefined) mx = Math.max(dMax, mn);
        else if (mn > mx) throw new RangeError('maximumFractionDigits value is out of range.');
        r.minimumFractionDigits = mn;
        r.maximumFractionDigits = mx;
      }
      const g = o.useGrouping;
      r.useGrouping = g === undefined ? 'auto' : g === true ? 'always' : g === false || g === null || g === 0 || g === '' ? false
        : str(o, 'useGrouping', ['min2', 'auto', 'always', 'true', 'false'], 'auto');
      if (r.useGrouping === 'true' || r.useGrouping === 'false') r.useGrouping = 'auto';
      r.notation = notation;
      r.signDisplay = str(o, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto');
      r.roundingMode = 'halfExpand';
      r.roundingIncrement = 1;
      r.trailingZeroDisplay = 'auto';
      r.roundingPriority = 'auto';
      return { r, syms };
    }
    // digits and exponent of x >= 0: x = 0.D × 10^e
    function decompose(x) {
      if (x === 0) return { D: '', e: 0 };
      const [m, ex] = x.toExponential().split('e');
      return { D: m.replace('.', ''), e: +ex + 1 };
    }
    function roundDigits(D, e, keep) { // keep digits of D; halfExpand
      if (keep >= D.length) return { D, e };
      if (keep < 0) return { D: '', e };
      let head = D.slice(0, keep);
      if (D.charCodeAt(keep) >= 53) { // '5'
        let i = head.length - 1;
        while (i >= 0 && head[i] === '9') i--;
        if (i < 0) return { D: '1', e: e + 1 };
        head = head.slice(0, i) + String.fromCharCode(head.charCodeAt(i) + 1);
      }
      head = head.replace(/0+$/, '');
      return { D: head, e };
    }
    function digitsOf(r, x, scale) { // [integer, fraction] strings of |x| × 10^scale
      let { D, e } = decompose(x);
      if (D !== '') e += scale;
      let minFrac;
      if (r.maximumSignificantDigits !== undefined) {
        ({ D, e } = roundDigits(D, e, r.maximumSignificantDigits));
        minFrac = Math.max(0, r.minimumSignificantDigits - Math.max(e, D.length ? e : 1));
      } else {
        ({ D, e } = roundDigits(D, e, e + r.maximumFractionDigits));
        minFrac = r.minimumFractionDigits;
      }
      let int, frac;
      if (D === '') { int = '0'; frac = ''; }
      else if (e <= 0) { int = '0'; frac = '0'.repeat(-e) + D; }
      else if (e >= D.length) { int = D + '0'.repeat(e - D.length); frac = ''; }
      else { int = D.slice(0, e); frac = D.slice(e); }
      frac = frac.replace(/0+$/, '');
      if (frac.length < minFrac) frac += '0'.repeat(minFrac - frac.length);
      if (int.length < r.minimumIntegerDigits) int = '0'.repeat(r.minimumIntegerDigits - int.length) + int;
      return [int, frac];
    }
    // Intl.PluralRules: CLDR plural rules from x/text (intl_plural.go),
    // applied to the digits NumberFormat would show.
    const pluralSlots = new WeakMap();
    const pluralSlotsOf = (p, method) => {
      const s = pluralSlots.get(p);
      if (s === undefined) throw new TypeError(`Method Intl.PluralRules.prototype.${method} called on incompatible receiver ${String(p)}`);
      return s;
    };
    const PluralRules = function PluralRules(locales, options) {
      if (new.target === undefined) throw new TypeError("Constructor Intl.PluralRules requires 'new'");
      const o = options === undefined ? {} : Object(options);
      const type = o.type === undefined ? 'cardinal' : String(o.type);
      if (type !== 'cardinal' && type !== 'ordinal') throw new RangeError(`Value ${type} out of range for Intl.PluralRules options property type`);
      const digits = {};
      for (const k of ['minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits', 'maximumSignificantDigits']) digits[k] = o[k];
      const { r, syms } = setup(locales, digits);
      const [base, cats] = hostCall(H_INTL_PLURAL, `${syms.tag}\t${type}\t?\t`).split('\t');
      const ro = { locale: base, type, minimumIntegerDigits: r.minimumIntegerDigits };
      for (const k of ['minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits', 'maximumSignificantDigits']) if (r[k] !== undefined) ro[k] = r[k];
      ro.pluralCategories = cats.split(',');
      pluralSlots.set(this, { r, ro, tag: syms.tag, type });
    };
    Object.defineProperties(PluralRules.prototype, {
      select: {
        value: function select(n) {
          const s = pluralSlotsOf(this, 'select');
          const x = Number(n);
          if (!Number.isFinite(x)) return 'other';
          const [int, frac] = digitsOf(s.r, Math.abs(x), 0);
          return hostCall(H_INTL_PLURAL, `${s.tag}\t${s.type}\t${int}\t${frac}`);
        },
        writable: true, configurable: true,
      },
      resolvedOptions: {
        value: function resolvedOptions() {
          const ro = pluralSlotsOf(this, 'resolvedOptions').ro;
          return { ...ro, pluralCategories: [...ro.pluralCategories] };
        },
        writable: true, configurable: true,
      },
      [Symbol.toStringTag]: { value: 'Intl.PluralRules', configurable: true },
    });
    PluralRules.supportedLocalesOf = function supportedLocalesOf(locales) { return locales === undefined ? [] : canonLocales(locales); };
    return { PluralRules };
  }
