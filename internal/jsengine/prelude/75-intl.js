// Intl, backed by the host: time zones are Go's (the IANA database is
// embedded, see intl_tz.go), number symbols and plural rules golang.org/x/text's
// CLDR (intl_number.go, intl_plural.go). Present: Intl.DateTimeFormat
// (timeZone, format, formatToParts, resolvedOptions, supportedLocalesOf),
// Intl.NumberFormat (decimal, percent), Intl.PluralRules, Intl.Collator,
// Intl.getCanonicalLocales; Date#toLocale*String, Number#toLocaleString,
// String#localeCompare and String#toLocaleUpperCase/LowerCase routed
// through them. testdata/node/intl_*.js compare them with node.
// Known differences from node 20, kept until the locale data lands:
//  - DateTimeFormat: every locale resolves to en-US (as a node built with
//    small-icu does);
//  - time zone names are matched case-sensitively ("America/New_York");
//  - long zone names other than UTC's and the US zones' are given as
//    "GMT+hh:mm"; short names other than the US zones' as "GMT+h".
//  - only the gregorian calendar and latn digits.
  const H_INTL_TZ = host.lookup('intl.tz');
  const H_INTL_NUMSYMS = host.lookup('intl.numsyms');
  const H_INTL_PLURAL = host.lookup('intl.plural');
  const H_INTL_COLLATE = host.lookup('intl.collate');
  const codeUnitCompare = String.prototype.localeCompare; // QuickJS's own
  const intlMod = lazy(makeIntl);

  function makeIntl() {
    const usShort = new Set(['EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'PST', 'PDT', 'AKST', 'AKDT', 'HST', 'HDT']);
    const usLong = { E: 'Eastern', C: 'Central', M: 'Mountain', P: 'Pacific', AK: 'Alaska', H: 'Hawaii-Aleutian' };
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const fields = ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName'];
    const allowed = {
      weekday: ['narrow', 'short', 'long'], era: ['narrow', 'short', 'long'],
      year: ['2-digit', 'numeric'], month: ['2-digit', 'numeric', 'narrow', 'short', 'long'],
      day: ['2-digit', 'numeric'], dayPeriod: ['narrow', 'short', 'long'], hour: ['2-digit', 'numeric'],
      minute: ['2-digit', 'numeric'], second: ['2-digit', 'numeric'],
      timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'],
      hourCycle: ['h11', 'h12', 'h23', 'h24'], dateStyle: ['full', 'long', 'medium', 'short'],
      timeStyle: ['full', 'long', 'medium', 'short'],
    };
    function getOption(o, k) {
      let v = o[k];
      if (v === undefined) return undefined;
      if (k === 'fractionalSecondDigits') {
        v = Number(v);
        if (!(v >= 1 && v <= 3)) throw new RangeError('fractionalSecondDigits value is out of range.');
        return Math.floor(v);
      }
      v = String(v);
      if (!allowed[k].includes(v)) throw new RangeError(`Value ${v} out of range for Intl.DateTimeFormat options property ${k}`);
      return v;
    }
    function zoneAt(zone, ms) {
      const [name, off, abbr] = hostCall(H_INTL_TZ, zone + ',' + ms).split('\t');
      return { name, off: +off, abbr };
    }
    const pad2 = (n) => (n < 10 ? '0' : '') + n;
    function offsetName(off, long, zeroToo) {
      if (off === 0 && !zeroToo) return 'GMT';
      const a = Math.abs(off), h = Math.floor(a / 3600), m = Math.floor((a % 3600) / 60);
      const sign = off < 0 ? '-' : '+';
      if (long) return `GMT${sign}${pad2(h)}:${pad2(m)}`;
      return `GMT${sign}${h}${m ? ':' + pad2(m) : ''}`;
    }
    function zoneName(style, z) {
      const us = usShort.has(z.abbr) && /^(America|US|Pacific\/Honolulu)/.test(z.name) && z.name !== 'America/Havana';
      if (z.name === 'UTC') {
        if (style === 'long') return 'Coordinated Universal Time';
        if (style === 'short') return 'UTC';
      }
      if (z.off === 0 && z.abbr === 'GMT' && (style === 'long' || style === 'longGeneric')) return 'Greenwich Mean Time';
      switch (style) {
        case 'short': return us ? z.abbr : offsetName(z.off, false);
        case 'shortGeneric': return us ? z.abbr : offsetName(z.off, false, z.name === 'UTC');
        case 'long': case 'longGeneric':
          if (us) return `${usLong[z.abbr.slice(0, -2)]} ${z.abbr.endsWith('DT') ? 'Daylight' : 'Standard'} Time`;
          return offsetName(z.off, true, z.name === 'UTC');
        case 'shortOffset': return offsetName(z.off, false, true);
        default: return offsetName(z.off, true, true);
      }
    }

    const slots = new WeakMap();
    function slotsOf(f, method) {
      const s = slots.get(f);
      if (s === undefined) throw new TypeError(`Method Intl.DateTimeFormat.prototype.${method} called on incompatible receiver ${String(f)}`);
      return s;
    }

    // required: 'date' | 'time' | 'any'; defaults: 'date' | 'time' | 'all'
    function setup(locales, options, required, defaults) {
      if (locales !== undefined) canonLocales(locales);
      const o = options === undefined ? {} : Object(options);
      const r = { locale: 'en-US', calendar: 'gregory', numberingSystem: 'latn' };
      const hour12 = o.hour12 === undefined ? undefined : Boolean(o.hour12);
      const hc = getOption(o, 'hourCycle');
      let tz = o.timeZone;
      tz = tz === undefined ? '' : String(tz);
      if (tz === '' && o.timeZone !== undefined) throw new RangeError('Invalid time zone specified: ');
      r.timeZone = zoneAt(tz, 0).name;
      const opts = {};
      for (const k of fields) opts[k] = getOption(o, k);
      const dateStyle = getOption(o, 'dateStyle'), timeStyle = getOption(o, 'timeStyle');
      if (dateStyle !== undefined || timeStyle !== undefined) {
        for (const k of fields) {
          if (opts[k] !== undefined) throw new TypeError(`Can't set option ${k} when ${dateStyle !== undefined ? 'dateStyle' : 'timeStyle'} is used`);
        }
        if (required === 'date' && dateStyle === undefined) throw new TypeError('Invalid option : timeStyle');
        if (required === 'time' && timeStyle === undefined) throw new TypeError('Invalid option : dateStyle');
        if (dateStyle === 'full') opts.weekday = 'long';
        if (dateStyle !== undefined) {
          opts.year = dateStyle === 'short' ? '2-digit' : 'numeric';
          opts.month = dateStyle === 'short' ? 'numeric' : dateStyle === 'medium' ? 'short' : 'long';
          opts.day = 'numeric';
        }
        if (timeStyle !== undefined) {
          opts.hour = 'numeric'; opts.minute = '2-digit';
          if (timeStyle !== 'short') opts.second = '2-digit';
          if (timeStyle === 'full') opts.timeZoneName = 'long';
          if (timeStyle === 'long') opts.timeZoneName = 'short';
        }
      } else {
        let needDefaults = true;
        if (required === 'date' || required === 'any') {
          for (const k of ['weekday', 'year', 'month', 'day']) if (opts[k] !== undefined) needDefaults = false;
        }
        if (required === 'time' || required === 'any') {
          for (const k of ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits']) if (opts[k] !== undefined) needDefaults = false;
        }
        if (needDefaults && (defaults === 'date' || defaults === 'all')) opts.year = opts.month = opts.day = 'numeric';
        if (needDefaults && (defaults === 'time' || defaults === 'all')) opts.hour = opts.minute = opts.second = 'numeric';
      }
      if (opts.hour !== undefined) {
        r.hourCycle = hour12 !== undefined ? (hour12 ? 'h12' : 'h24') : (hc || 'h12');
        r.hour12 = r.hourCycle === 'h11' || r.hourCycle === 'h12';
        if (!r.hour12) opts.hour = '2-digit';
        if (opts.minute !== undefined) opts.minute = '2-digit';
        if (opts.second !== undefined) opts.second = '2-digit';
      } else if (opts.minute !== undefined && opts.second !== undefined) {
        opts.minute = opts.second = '2-digit';
      } else if (opts.second !== undefined && opts.fractionalSecondDigits === undefined && opts.minute !== undefined) {
        opts.second = '2-digit';
      }
      if (dateStyle === undefined && timeStyle === undefined) {
        for (const k of fields) if (opts[k] !== undefined) r[k] = opts[k];
      }
      if (dateStyle !== undefined) r.dateStyle = dateStyle;
      if (timeStyle !== undefined) r.timeStyle = timeStyle;
      return { r, tz: r.timeZone, opts, dateStyle, timeStyle };
    }

    function toParts(s, date) {
      let t = date === undefined ? Date.now() : Number(date);
      if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) throw new RangeError('Invalid time value');
      t = Math.trunc(t);
      const { opts: o } = s;
      const z = zoneAt(s.tz, t);
      const d = new Date(t + z.off * 1000);
      const Y = d.getUTCFullYear(), M = d.getUTCMonth(), D = d.getUTCDate(), W = d.getUTCDay();
      const hh = d.getUTCHours(), mm = d.getUTCMinutes(), ss = d.getUTCSeconds(), ms = d.getUTCMilliseconds();
      const num = (v, style) => (style === '2-digit' ? pad2(v % 100) : String(v));
      const yearText = () => num(Y <= 0 ? 1 - Y : Y, o.year);
      const eraText = () => (Y <= 0 ? { narrow: 'B', short: 'BC', long: 'Before Christ' } : { narrow: 'A', short: 'AD', long: 'Anno Domini' })[o.era];
      const out = [];
      const part = (type, value) => out.push({ type, value });
      const lit = (v) => part('literal', v);
      // the date
      const textMonth = o.month === 'long' || o.month === 'short' || o.month === 'narrow';
      const hasDate = o.weekday || o.year || o.month || o.day || o.era;
      if (hasDate) {
        if (o.weekday) {
          const w = days[W];
          part('weekday', o.weekday === 'long' ? w : o.weekday === 'short' ? w.slice(0, 3) : w[0]);
          if (o.year || o.month || o.day) lit(', ');
        }
        if (textMonth) {
          const m = months[M];
          part('month', o.month === 'long' ? m : o.month === 'short' ? m.slice(0, 3) : m[0]);
          if (o.day) { lit(' '); part('day', num(D, o.day)); }
          if (o.year) { lit(o.day ? ', ' : ' '); part('year', yearText()); }
        } else {
          const seq = [];
          if (o.month) seq.push(['month', num(M + 1, o.month)]);
          if (o.day) seq.push(['day', num(D, o.day)]);
          if (o.year) seq.push(['year', yearText()]);
          if (o.era && !o.month && !o.day && !o.year) {
            seq.push(['month', String(M + 1)], ['day', String(D)], ['year', yearText()]);
          }
          seq.forEach(([k, v], i) => { if (i) lit('/'); part(k, v); });
        }
        if (o.era) { lit(' '); part('era', eraText()); }
      }
      // the time
      const hasTime = o.hour || o.minute || o.second || o.fractionalSecondDigits;
      if (hasTime) {
        if (hasDate) lit(textMonth && o.month === 'long' && o.hour ? ' at ' : ', ');
        const hcyc = s.r.hourCycle;
        const seq = [];
        if (o.hour) {
          let h = hh;
          if (hcyc === 'h12') h = h % 12 || 12;
          else if (hcyc === 'h11') h %= 12;
          else if (hcyc === 'h24') h = h || 24;
          seq.push(['hour', num(h, o.hour)]);
        }
        if (o.minute) seq.push(['minute', num(mm, o.minute)]);
        if (o.second) seq.push(['second', num(ss, o.second)]);
        seq.forEach(([k, v], i) => { if (i) lit(':'); part(k, v); });
        if (o.fractionalSecondDigits) {
          if (seq.length) lit('.');
          part('fractionalSecond', String(ms).padStart(3, '0').slice(0, o.fractionalSecondDigits));
        }
        if (o.hour && (hcyc === 'h12' || hcyc === 'h11')) { lit(' '); part('dayPeriod', hh < 12 ? 'AM' : 'PM'); }
      }
      if (o.timeZoneName) {
        lit(hasTime ? ' ' : ', ');
        part('timeZoneName', zoneName(o.timeZoneName, z));
      }
      return out;
    }

    function canonLocales(locales) {
      return intlTextMod().getCanonicalLocales(locales); // 77-intl-text.js: UTS #35 with node's aliases and messages
    }

    class DateTimeFormat {
      constructor(locales, options) {
        slots.set(this, setup(locales, options, 'any', 'date'));
      }
      get format() {
        const s = slotsOf(this, 'format');
        if (s.bound === undefined) {
          s.bound = (date) => toParts(s, date).map((p) => p.value).join('');
        }
        return s.bound;
      }
      formatToParts(date) { return toParts(slotsOf(this, 'formatToParts'), date); }
      resolvedOptions() { return { ...slotsOf(this, 'resolvedOptions').r }; }
      static supportedLocalesOf(locales) { return locales === undefined ? [] : canonLocales(locales); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Intl.DateTimeFormat', configurable: true });
      }
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
    Object.defineProperty(Intl, 'DateTimeFormat', { value: callable(DateTimeFormat), writable: true, configurable: true });
    Object.defineProperty(Intl, 'getCanonicalLocales', {
      value: function getCanonicalLocales(locales) { return locales === undefined ? [] : canonLocales(locales); },
      writable: true, configurable: true,
    });
    const { NumberFormat, PluralRules } = makeNumberFormat(canonLocales);
    Object.defineProperty(Intl, 'NumberFormat', { value: callable(NumberFormat), writable: true, configurable: true });
    Object.defineProperty(Intl, 'PluralRules', { value: PluralRules, writable: true, configurable: true });
    const Collator = makeCollator(canonLocales);
    Object.defineProperty(Intl, 'Collator', { value: callable(Collator), writable: true, configurable: true });
    const dateString = (required, defaults) => function (locales, options) {
      if (!isDate(this)) throw new TypeError('this is not a Date object.');
      const t = this.getTime();
      if (Number.isNaN(t)) return 'Invalid Date';
      return toParts(setup(locales, options, required, defaults), t).map((p) => p.value).join('');
    };
    return {
      Intl,
      toLocaleString: dateString('any', 'all'),
      toLocaleDateString: dateString('date', 'date'),
      toLocaleTimeString: dateString('time', 'time'),
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
  function installIntlDateMethods() {
    for (const k of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
      const m = { [k](locales, options) { return intlMod()[k].call(this, locales, options); } }[k];
      Object.defineProperty(Date.prototype, k, { value: m, writable: true, configurable: true });
    }
    const n = { toLocaleString(locales, options) { return intlMod().numberToLocaleString.call(this, locales, options); } };
    Object.defineProperty(Number.prototype, 'toLocaleString', { value: n.toLocaleString, writable: true, configurable: true });
    const c = { localeCompare(that, locales, options) { return intlMod().localeCompare.call(this, that, locales, options); } };
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
      toLocaleUpperCase(locales) {
        if (this == null) throw new TypeError('String.prototype.toLocaleUpperCase called on null or undefined');
        const s = String(this);
        return upper.call(turkic(locales) ? s.replace(/i/g, '\u0130') : s);
      },
      toLocaleLowerCase(locales) {
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

  // Intl.NumberFormat: decimal and percent styles. The host gives each
  // locale's CLDR symbols (intl_number.go); the digits are made here from
  // the shortest decimal form of the number, rounded halfExpand, as ICU does.
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
    const slots = new WeakMap();
    function slotsOf(f, method) {
      const s = slots.get(f);
      if (s === undefined) throw new TypeError(`Method Intl.NumberFormat.prototype.${method} called on incompatible receiver ${String(f)}`);
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
    function toParts(s, value) {
      const { r, syms } = s;
      let x, big = false;
      if (typeof value === 'bigint') { big = true; x = value; }
      else x = Number(value);
      const out = [];
      const part = (type, v) => { if (v !== '') out.push({ type, value: v }); };
      const nan = !big && Number.isNaN(x);
      const neg = big ? x < 0n : x < 0 || Object.is(x, -0);
      const isZero = big ? x === 0n : x === 0;

      let int, frac;
      if (big) { int = (x < 0n ? -x : x).toString(); frac = r.minimumFractionDigits ? '0'.repeat(r.minimumFractionDigits) : ''; }
      else if (Number.isFinite(x)) [int, frac] = digitsOf(r, Math.abs(x), r.style === 'percent' ? 2 : 0);
      const roundedZero = !nan && int !== undefined && /^0*$/.test(int) && /^0*$/.test(frac);
      const sd = r.signDisplay;
      const signPart = (type, text) => {
        const m = /^([^-+\u2212]*)([-+\u2212])(.*)$/.exec(text);
        if (m === null) return part(type, text);
        part('literal', m[1]); part(type, m[2]); part('literal', m[3]);
      };
      if (nan) { if (sd === 'always') signPart('plusSign', syms.minus.replace('-', '+')); } else if (neg && sd !== 'never' && !((sd === 'exceptZero' || sd === 'negative') && roundedZero)) signPart('minusSign', syms.minus);
      else if (!neg && (sd === 'always' || (sd === 'exceptZero' && !isZero && !roundedZero))) signPart('plusSign', syms.minus.replace('-', '+'));
      const pctPiece = (p) => { for (const m of p.match(/%|[^%]+/g) || []) part(m.includes('%') ? 'percentSign' : 'literal', m.replace('%', syms.zero === '0' ? '%' : '\u066a')); };
      if (r.style === 'percent') pctPiece(syms.pctPre);
      const digit = syms.zero === '0' ? (t) => t : (t) => t.replace(/[0-9]/g, (c) => String.fromCharCode(syms.zero.charCodeAt(0) + (c.charCodeAt(0) - 48)));
      if (nan) part('nan', syms.nan);
      else if (int === undefined) part('infinity', '∞');
      else {
        const minG = r.useGrouping === 'min2' ? 2 : r.useGrouping === 'always' ? 1 : syms.minGroup;
        if (r.useGrouping !== false && syms.primary > 0 && int.length >= syms.primary + minG) {
          const groups = [int.slice(-syms.primary)];
          let rest = int.slice(0, -syms.primary);
          while (rest.length > syms.secondary) { groups.unshift(rest.slice(-syms.secondary)); rest = rest.slice(0, -syms.secondary); }
          if (rest) groups.unshift(rest);
          groups.forEach((g, i) => { if (i) part('group', syms.group); part('integer', digit(g)); });
        } else part('integer', digit(int));
        if (frac) { part('decimal', syms.decimal); part('fraction', digit(frac)); }
      }
      if (r.style === 'percent') pctPiece(syms.pctPost.replace('\u066a', '%'));
      return out;
    }
    class NumberFormat {
      constructor(locales, options) { slots.set(this, setup(locales, options)); }
      get format() {
        const s = slotsOf(this, 'format');
        if (s.bound === undefined) s.bound = (v) => toParts(s, v).map((p) => p.value).join('');
        return s.bound;
      }
      formatToParts(v) { return toParts(slotsOf(this, 'formatToParts'), v); }
      resolvedOptions() { return { ...slotsOf(this, 'resolvedOptions').r }; }
      static supportedLocalesOf(locales) { return locales === undefined ? [] : canonLocales(locales); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Intl.NumberFormat', configurable: true });
      }
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
    return { NumberFormat, PluralRules };
  }
