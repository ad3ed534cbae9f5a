// Intl's text and locale parts: Intl.Segmenter (UAX #29 over Unicode 17.0
// tables, intl_segment.go), Intl.Locale, Intl.DisplayNames,
// Intl.supportedValuesOf, and Intl.getCanonicalLocales with every
// constructor's supportedLocalesOf on one canonicalizer (UTS #35 syntax,
// case, order and the common aliases). installIntlText adds them to the
// Intl object 75-intl.js builds, on first use of Intl.
// Known differences from node 20 (ICU 78):
//  - word segments of Chinese, Japanese, Thai, Lao, Khmer and Myanmar text
//    follow UAX #29 (one ideograph or letter a segment), not ICU's
//    dictionaries;
//  - a lone surrogate is segmented as U+FFFD (the host sees it so).
  const H_INTL_SEGMENT = host.lookup('intl.segment');
  const H_INTL_LOCALE = host.lookup('intl.locale');

  function installIntlText(Intl) {
    const m = intlTextMod();
    for (const k of ['Segmenter', 'Locale', 'DisplayNames', 'supportedValuesOf', 'getCanonicalLocales']) {
      Object.defineProperty(Intl, k, { value: m[k], writable: true, configurable: true });
    }
    for (const k of ['DateTimeFormat', 'NumberFormat', 'PluralRules', 'Collator', 'RelativeTimeFormat', 'ListFormat']) {
      const C = Intl[k];
      if (typeof C === 'function') {
        Object.defineProperty(C, 'supportedLocalesOf', { value: m.supportedLocalesOfFor(k), writable: true, configurable: true });
      }
    }
    return Intl;
  }

  const intlTextMod = lazy(makeIntlText);

  function makeIntlText() {
    const toStr = (v) => {
      if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      return String(v);
    };
    // ---- language tags (UTS #35 unicode_locale_id, as ECMA-402 takes them)
    const langAlias = {
      iw: 'he', in: 'id', ji: 'yi', jw: 'jv', mo: 'ro', tl: 'fil', cmn: 'zh', sh: 'sr-Latn', aju: 'jrb',
      als: 'sq', arb: 'ar', ayr: 'ay', azj: 'az', bcc: 'bal', bcl: 'bik', bxk: 'luy', bxr: 'bua', cld: 'syr',
      cwd: 'cr', dgo: 'doi', dhd: 'mwr', dik: 'din', diq: 'zza', lbk: 'bnc', ekk: 'et', emk: 'man', esk: 'ik',
      fat: 'ak', fuc: 'ff', gaz: 'om', gbo: 'grb', gno: 'gon', gug: 'gn', gya: 'gba', hdn: 'hai', hea: 'hmn',
      ike: 'iu', kmr: 'ku', knc: 'kr', kng: 'kg', knn: 'kok', kpv: 'kv', lvs: 'lv', mhr: 'chm', mup: 'raj',
      khk: 'mn', npi: 'ne', ojg: 'oj', ory: 'or', pbu: 'ps', pes: 'fa', plt: 'mg', pnb: 'lah', quz: 'qu',
      rmy: 'rom', spy: 'kln', src: 'sc', swh: 'sw', ttq: 'tmh', tw: 'ak', umu: 'del', uzn: 'uz', xpe: 'kpe',
      xsl: 'den', ydd: 'yi', zai: 'zap', zsm: 'ms', zyb: 'za', him: 'srx', mnk: 'man', ace: 'ace',
    };
    const regionAlias = { DD: 'DE', FX: 'FR', BU: 'MM', TP: 'TL', YD: 'YE', ZR: 'CD', UK: 'GB', NT: 'SA', QU: 'EU', YU: 'RS', CS: 'RS', AN: 'CW', '062': '034', '172': 'RU', '200': 'CZ', '230': 'ET', '280': 'DE', '532': 'CW', '582': 'FM', '736': 'SD', '810': 'RU', '886': 'YE', '890': 'RS', '891': 'RS', '960': 'PL' };
    const scriptAlias = { Qaai: 'Zinh' };
    const variantAlias = { heploc: 'alalc97' };
    const uValueAlias = {
      ca: { islamicc: 'islamic-civil', ethiopic_amete_alem: 'ethioaa' },
      ks: { primary: 'level1', tertiary: 'level3' },
      kb: { yes: 'true' }, kc: { yes: 'true' }, kh: { yes: 'true' }, kk: { yes: 'true' }, kn: { yes: 'true' },
      ms: { imperial: 'uksystem' },
    };
    const incorrect = () => new RangeError('Incorrect locale information provided');
    // node's two messages: a tag whose first subtag is wrong is "incorrect",
    // a later fault makes an "invalid language tag" (named in lower case)
    const invalid = (s) => (/^([a-z]{2,3}|[a-z]{5,8})(-|$)/i.test(s) && !/[^A-Za-z0-9-]/.test(s)
      ? new RangeError(`Invalid language tag: ${s.toLowerCase()}`) : incorrect());
    const alpha = /^[a-z]+$/, digit = /^[0-9]+$/, alnum = /^[a-z0-9]+$/;

    // parseTag answers the tag's parts, canonical, or throws the RangeError.
    function parseTag(s, errorOf) {
      const err = () => errorOf(s);
      // ICU refuses long tags too; the cap keeps a hostile one cheap
      if (typeof s !== 'string' || s === '' || s.length > 1024 || /[^A-Za-z0-9-]/.test(s)) throw err();
      const p = s.toLowerCase().split('-');
      let i = 0;
      const t = { language: '', script: '', region: '', variants: [], ext: [], priv: '' };
      const lang = p[i];
      if (!alpha.test(lang) || lang.length < 2 || lang.length > 8 || lang.length === 4) throw err();
      t.language = lang;
      i++;
      if (p[i] && p[i].length === 4 && alpha.test(p[i])) t.script = p[i][0].toUpperCase() + p[i++].slice(1);
      if (p[i] && ((p[i].length === 2 && alpha.test(p[i])) || (p[i].length === 3 && digit.test(p[i])))) t.region = p[i++].toUpperCase();
      while (p[i] && ((p[i].length >= 5 && p[i].length <= 8 && alnum.test(p[i])) || (p[i].length === 4 && /^[0-9][a-z0-9]{3}$/.test(p[i])))) {
        if (t.variants.includes(p[i])) throw err();
        t.variants.push(p[i++]);
      }
      const singletons = new Set();
      while (i < p.length) {
        const sing = p[i];
        if (sing === undefined || sing.length !== 1 || !alnum.test(sing)) throw err();
        i++;
        if (sing === 'x') {
          const rest = p.slice(i);
          if (!rest.length || rest.some((x) => !alnum.test(x) || x.length > 8)) throw err();
          t.priv = 'x-' + rest.join('-');
          i = p.length;
          break;
        }
        if (singletons.has(sing)) throw err();
        singletons.add(sing);
        const sub = [];
        while (i < p.length && p[i].length !== 1) {
          if (!alnum.test(p[i]) || p[i].length < 2 || p[i].length > 8) throw err();
          sub.push(p[i++]);
        }
        if (!sub.length) throw err();
        if (sing === 'u') t.ext.push(['u', canonU(sub, err)]);
        else if (sing === 't') t.ext.push(['t', canonT(sub, err)]);
        else t.ext.push([sing, sub.join('-')]);
      }
      // aliases
      const la = langAlias[t.language];
      if (la) {
        const [l, sc] = la.split('-');
        t.language = l;
        if (sc && !t.script) t.script = sc;
      }
      if (t.language === 'sgn' && t.region === 'GR') { t.language = 'gss'; t.region = ''; }
      if (t.region && regionAlias[t.region]) t.region = regionAlias[t.region];
      if (t.script && scriptAlias[t.script]) t.script = scriptAlias[t.script];
      if (t.variants.includes('hepburn') && t.variants.includes('heploc')) t.variants = t.variants.filter((v) => v !== 'hepburn');
      t.variants = t.variants.map((v) => variantAlias[v] || v).sort();
      t.ext.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      return t;
    }
    function canonU(sub, err) {
      let i = 0;
      const attrs = [];
      while (i < sub.length && sub[i].length >= 3) attrs.push(sub[i++]);
      const kw = new Map();
      while (i < sub.length) {
        const key = sub[i++];
        if (key.length !== 2 || !/^[a-z0-9][a-z]$/.test(key)) throw err();
        const vals = [];
        while (i < sub.length && sub[i].length >= 3) vals.push(sub[i++]);
        let v = vals.join('-');
        if (uValueAlias[key] && uValueAlias[key][v]) v = uValueAlias[key][v];
        if (!kw.has(key)) kw.set(key, v);
      }
      return { attrs: [...new Set(attrs)].sort(), kw };
    }
    function canonT(sub, err) {
      let i = 0;
      let tlang = [];
      while (i < sub.length && !/^[a-z][0-9]$/.test(sub[i])) tlang.push(sub[i++]);
      if (tlang.length) tlang = [tagString(parseTag(tlang.join('-'), err))];
      const fields = [];
      while (i < sub.length) {
        const key = sub[i++];
        const vals = [];
        while (i < sub.length && !/^[a-z][0-9]$/.test(sub[i])) vals.push(sub[i++]);
        if (!vals.length) throw err();
        fields.push(key + '-' + vals.join('-'));
      }
      fields.sort();
      return [...tlang.map((x) => x.toLowerCase()), ...fields].join('-');
    }
    function uString(u) {
      const parts = [...u.attrs];
      for (const k of [...u.kw.keys()].sort()) {
        const v = u.kw.get(k);
        parts.push(v === '' || v === 'true' ? k : k + '-' + v);
      }
      return parts.join('-');
    }
    function baseString(t) {
      return [t.language, t.script, t.region, ...t.variants].filter(Boolean).join('-');
    }
    function tagString(t) {
      const out = [baseString(t)];
      for (const [s, v] of t.ext) {
        if (s === 'u') { const us = uString(v); if (us) out.push('u-' + us); } else out.push(s + '-' + v);
      }
      if (t.priv) out.push(t.priv);
      return out.join('-');
    }
    function canonicalizeLocaleList(locales) {
      if (locales === undefined) return [];
      if (locales === null) throw new TypeError('Cannot convert undefined or null to object');
      const list = typeof locales === 'string' || (locales instanceof Locale) ? [locales] : Object(locales);
      const len = Math.min(Number(list.length) || 0, 2 ** 32 - 1);
      const seen = [];
      for (let k = 0; k < len; k++) {
        if (!(k in list)) continue;
        const l = list[k];
        if (typeof l !== 'string' && (typeof l !== 'object' || l === null)) throw new TypeError('Language ID should be string or object.');
        const tag = l instanceof Locale ? l.toString() : tagString(parseTag(String(l), invalid));
        if (!seen.includes(tag)) seen.push(tag);
      }
      return seen;
    }
    function getCanonicalLocales(locales) { return canonicalizeLocaleList(locales); }
    // availability: languages the host has CLDR data for
    const availCache = new Map();
    function available(tag) {
      let v = availCache.get(tag);
      if (v === undefined) {
        v = hostCall(H_INTL_LOCALE, 'avail\t' + tag) === '1';
        availCache.set(tag, v);
      }
      return v;
    }
    function supportedLocalesOfFor(name) {
      return {
        supportedLocalesOf(locales, options = undefined) {
          const list = canonicalizeLocaleList(locales);
          if (options !== undefined) {
            if (options === null) throw new TypeError('Cannot convert undefined or null to object');
            matcherOption(Object(options), `Intl.${name}.supportedLocalesOf`);
          }
          return list.filter((l) => available(parseTag(l, invalid).language));
        },
      }.supportedLocalesOf;
    }
    function matcherOption(o, who) {
      const m = o.localeMatcher;
      if (m !== undefined && String(m) !== 'lookup' && String(m) !== 'best fit') {
        throw new RangeError(`Value ${String(m)} out of range for ${who} options property localeMatcher`);
      }
    }
    // resolveLocale: the first requested locale the host has data for, its
    // extensions dropped; else the default, en-US.
    function resolveLocale(locales) {
      for (const l of canonicalizeLocaleList(locales)) {
        const t = parseTag(l, invalid);
        if (available(t.language)) return baseString(t);
      }
      return 'en-US';
    }
    function getOptionsObject(options) {
      if (options === undefined) return Object.create(null);
      if (typeof options !== 'object' || options === null) {
        if (typeof options === 'function') return options;
        throw new TypeError('invalid_argument');
      }
      return options;
    }
    function stringOption(o, k, values, who, fallback) {
      let v = o[k];
      if (v === undefined) return fallback;
      v = toStr(v);
      if (values && !values.includes(v)) throw new RangeError(`Value ${v} out of range for ${who} options property ${k}`);
      return v;
    }

    // ---- Intl.Segmenter
    const segSlots = new WeakMap();
    const WINDOW = 65536; // UTF-16 units: at most 196,608 UTF-8 bytes a host call
    class Segmenter {
      constructor(locales = undefined, options = undefined) {
        const list = canonicalizeLocaleList(locales);
        const o = getOptionsObject(options);
        matcherOption(o, 'Intl.Segmenter');
        const granularity = stringOption(o, 'granularity', ['grapheme', 'word', 'sentence'], 'Intl.Segmenter', 'grapheme');
        segSlots.set(this, { locale: resolveLocale(list), granularity });
      }
      segment(string) {
        const s = segSlots.get(this);
        if (s === undefined) throw new TypeError(`Method Intl.Segmenter.prototype.segment called on incompatible receiver ${receiverName(this)}`);
        return newSegments(s.granularity, toStr(string));
      }
      resolvedOptions() {
        const s = segSlots.get(this);
        if (s === undefined) throw new TypeError(`Method Intl.Segmenter.prototype.resolvedOptions called on incompatible receiver ${receiverName(this)}`);
        return { locale: s.locale, granularity: s.granularity };
      }
    }
    Segmenter.supportedLocalesOf = supportedLocalesOfFor('Segmenter');
    Object.defineProperty(Segmenter.prototype, Symbol.toStringTag, { value: 'Intl.Segmenter', configurable: true });
    function receiverName(v) {
      if (v === null || v === undefined) return String(v);
      if (typeof v === 'object' || typeof v === 'function') return '#<' + ((v.constructor && v.constructor.name) || 'Object') + '>';
      return String(v);
    }

    const segsState = new WeakMap();
    const SegmentsProto = {
      containing(index) {
        const st = segsState.get(this);
        if (st === undefined) throw new TypeError(`Method %Segments.prototype%.containing called on incompatible receiver ${receiverName(this)}`);
        let n = Number(index);
        n = Number.isNaN(n) ? 0 : Math.trunc(n);
        if (n < 0 || n >= st.str.length) return undefined;
        ensure(st, n);
        let lo = 0, hi = st.ends.length - 1; // the first end > n
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (st.ends[mid] > n) hi = mid; else lo = mid + 1;
        }
        return segmentData(st, lo);
      },
      [Symbol.iterator]() {
        const st = segsState.get(this);
        if (st === undefined) throw new TypeError(`Method %Segments.prototype%[@@iterator] called on incompatible receiver ${receiverName(this)}`);
        const it = Object.create(SegmentIteratorProto);
        iterState.set(it, { st, k: 0 });
        return it;
      },
    };
    Object.defineProperty(SegmentsProto, 'containing', { enumerable: false });
    Object.defineProperty(SegmentsProto, Symbol.iterator, { enumerable: false });
    const iterState = new WeakMap();
    const IteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    const SegmentIteratorProto = Object.create(IteratorProto, {
      next: {
        value: function next() {
          const is = iterState.get(this);
          if (is === undefined) throw new TypeError(`Method %SegmentIterator.prototype%.next called on incompatible receiver ${receiverName(this)}`);
          const st = is.st;
          if (is.k >= st.ends.length) ensure(st, is.k === 0 ? 0 : st.ends[is.k - 1]);
          if (is.k >= st.ends.length) return { value: undefined, done: true };
          return { value: segmentData(st, is.k++), done: false };
        },
        writable: true, configurable: true,
      },
      [Symbol.toStringTag]: { value: 'Segmenter String Iterator', configurable: true },
    });
    function newSegments(granularity, str) {
      const segs = Object.create(SegmentsProto);
      segsState.set(segs, { kind: granularity[0].toUpperCase(), str, ends: [], like: [], pos: 0, done: str.length === 0 });
      return segs;
    }
    function segmentData(st, k) {
      const start = k === 0 ? 0 : st.ends[k - 1], end = st.ends[k];
      const d = { segment: st.str.slice(start, end), index: start, input: st.str };
      if (st.kind === 'W') d.isWordLike = st.like[k];
      return d;
    }
    // ensure finds the boundaries past code unit n, a window at a time.
    function ensure(st, n) {
      while (!st.done && (st.ends.length === 0 || st.ends[st.ends.length - 1] <= n)) {
        let end = Math.min(st.pos + WINDOW, st.str.length);
        if (end < st.str.length) {
          const c = st.str.charCodeAt(end - 1);
          if (c >= 0xd800 && c < 0xdc00) end--; // never split a surrogate pair
        }
        const more = end < st.str.length;
        const res = hostCall(H_INTL_SEGMENT, st.kind + (more ? '1' : '0') + st.str.slice(st.pos, end));
        const base = st.pos;
        if (res !== '') {
          for (const e of res.split(',')) {
            const like = e.endsWith('*');
            st.ends.push(base + parseInt(e, 10));
            st.like.push(like);
          }
          st.pos = st.ends[st.ends.length - 1];
        }
        if (!more || res === '') st.done = true;
      }
    }

    // ---- Intl.Locale
    const locSlots = new WeakMap();
    const typeRe = /^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i;
    function locOf(v, method) {
      const t = locSlots.get(v);
      if (t === undefined) throw new TypeError(`Method Intl.Locale.prototype.${method} called on incompatible receiver ${receiverName(v)}`);
      return t;
    }
    function uKw(t) {
      const u = t.ext.find((e) => e[0] === 'u');
      return u ? u[1].kw : new Map();
    }
    function setU(t, key, value) {
      let u = t.ext.find((e) => e[0] === 'u');
      if (!u) {
        u = ['u', { attrs: [], kw: new Map() }];
        t.ext.push(u);
        t.ext.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      }
      u[1].kw.set(key, value);
    }
    function cloneTag(t) {
      return { ...t, variants: [...t.variants], ext: t.ext.map(([s, v]) => [s, s === 'u' ? { attrs: [...v.attrs], kw: new Map(v.kw) } : v]) };
    }
    function makeLocale(t) {
      const l = Object.create(Locale.prototype);
      locSlots.set(l, t);
      return l;
    }
    function localeInfo(t, kind) {
      const base = [t.language, t.script, t.region].filter(Boolean).join('-');
      return hostCall(H_INTL_LOCALE, `info\t${base}\t${kind}`);
    }
    class Locale {
      constructor(tag, options = undefined) {
        if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null)) throw new TypeError("First argument to Intl.Locale constructor can't be empty or missing");
        let t;
        if (locSlots.has(tag)) t = cloneTag(locSlots.get(tag));
        else {
          const s = String(tag);
          if (s === '') throw new RangeError("First argument to Intl.Locale constructor can't be empty or missing");
          t = parseTag(s, incorrect);
        }
        if (options === null) throw new TypeError('Intl.Locale called on null or undefined');
        const o = options === undefined ? Object.create(null) : Object(options);
        const str = (k) => (o[k] === undefined ? undefined : toStr(o[k]));
        const lang = str('language'), script = str('script'), region = str('region');
        if (lang !== undefined) {
          if (!/^([a-z]{2,3}|[a-z]{5,8})$/i.test(lang)) throw incorrect();
          t.language = lang.toLowerCase();
        }
        if (script !== undefined) {
          if (!/^[a-z]{4}$/i.test(script)) throw incorrect();
          t.script = script[0].toUpperCase() + script.slice(1).toLowerCase();
        }
        if (region !== undefined) {
          if (!/^([a-z]{2}|[0-9]{3})$/i.test(region)) throw incorrect();
          t.region = region.toUpperCase();
        }
        if (lang !== undefined || script !== undefined || region !== undefined) t = parseTag(tagString(t), incorrect);
        const typeOpt = (k, key) => {
          const v = str(k);
          if (v === undefined) return;
          if (!typeRe.test(v)) throw incorrect();
          setU(t, key, v.toLowerCase());
        };
        typeOpt('calendar', 'ca');
        typeOpt('collation', 'co');
        const hc = str('hourCycle');
        if (hc !== undefined) {
          if (!['h11', 'h12', 'h23', 'h24'].includes(hc)) throw new RangeError(`Value ${hc} out of range for locale options property hourCycle`);
          setU(t, 'hc', hc);
        }
        const kf = str('caseFirst');
        if (kf !== undefined) {
          if (!['upper', 'lower', 'false'].includes(kf)) throw new RangeError(`Value ${kf} out of range for locale options property caseFirst`);
          setU(t, 'kf', kf);
        }
        if (o.numeric !== undefined) setU(t, 'kn', String(Boolean(o.numeric)));
        typeOpt('numberingSystem', 'nu');
        locSlots.set(this, t);
      }
      toString() { return tagString(locOf(this, 'toString')); }
      maximize() {
        const t = cloneTag(locOf(this, 'maximize'));
        const [language, script, region] = hostCall(H_INTL_LOCALE, `max\t${[t.language, t.script, t.region].filter(Boolean).join('-')}`).split('-');
        if (script && region) Object.assign(t, { language, script, region });
        return makeLocale(t);
      }
      minimize() {
        const t = cloneTag(locOf(this, 'minimize'));
        const [language, a, b] = hostCall(H_INTL_LOCALE, `min\t${[t.language, t.script, t.region].filter(Boolean).join('-')}`).split('-');
        t.language = language;
        t.script = a && a.length === 4 ? a : '';
        t.region = b || (a && a.length !== 4 ? a : '');
        return makeLocale(t);
      }
      get language() { const l = locOf(this, 'language').language; return l === 'und' ? undefined : l; }
      get script() { return locOf(this, 'script').script || undefined; }
      get region() { return locOf(this, 'region').region || undefined; }
      get baseName() { return baseString(locOf(this, 'baseName')); }
      get calendar() { return uKw(locOf(this, 'calendar')).get('ca'); }
      get caseFirst() { return uKw(locOf(this, 'caseFirst')).get('kf'); }
      get collation() { return uKw(locOf(this, 'collation')).get('co'); }
      get hourCycle() { return uKw(locOf(this, 'hourCycle')).get('hc'); }
      get numeric() { const v = uKw(locOf(this, 'numeric')).get('kn'); return v === '' || v === 'true'; }
      get numberingSystem() { return uKw(locOf(this, 'numberingSystem')).get('nu'); }
      get calendars() { return listInfo(locOf(this, 'calendars'), 'ca', 'calendars'); }
      get collations() { return listInfo(locOf(this, 'collations'), 'co', 'collations'); }
      get hourCycles() { return listInfo(locOf(this, 'hourCycles'), 'hc', 'hourCycles'); }
      get numberingSystems() { return listInfo(locOf(this, 'numberingSystems'), 'nu', 'numberingSystems'); }
      get textInfo() {
        const t = locOf(this, 'textInfo');
        return { direction: localeInfo(t, 'textInfo') };
      }
      get timeZones() {
        const t = locOf(this, 'timeZones');
        if (!t.region) return undefined;
        const v = localeInfo(t, 'timeZones');
        return v ? v.split(',') : [];
      }
      get weekInfo() {
        const [firstDay, weekend, minimalDays] = localeInfo(locOf(this, 'weekInfo'), 'weekInfo').split(';');
        return { firstDay: +firstDay, weekend: weekend.split(',').map(Number), minimalDays: +minimalDays };
      }
    }
    Object.defineProperty(Locale.prototype, Symbol.toStringTag, { value: 'Intl.Locale', configurable: true });
    function listInfo(t, key, kind) {
      const v = uKw(t).get(key);
      if (v !== undefined && v !== '') return [v];
      return localeInfo(t, kind).split(',');
    }

    // ---- Intl.DisplayNames: names recorded from node for en, de, fr, es,
    // ja, zh, zh-Hant, it, pt, ru, ko, nl, pl, tr, ar, hi, sv and regional
    // variants of some (intl_text_data.gz); other locales' language,
    // region and script names from x/text's older CLDR.
    const dnSlots = new WeakMap();
    const dnTypes = ['language', 'region', 'script', 'currency', 'calendar', 'dateTimeField'];
    const dtFields = ['era', 'year', 'quarter', 'month', 'weekOfYear', 'weekday', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'timeZoneName'];
    const invalidArg = (C) => new C('invalid_argument');
    class DisplayNames {
      constructor(locales, options) {
        const list = canonicalizeLocaleList(locales);
        if (options === undefined || options === null) throw invalidArg(TypeError);
        const o = Object(options);
        matcherOption(o, 'Intl.DisplayNames');
        const who = 'Intl.DisplayNames';
        const style = stringOption(o, 'style', ['narrow', 'short', 'long'], who, 'long');
        const type = stringOption(o, 'type', dnTypes, who, undefined);
        if (type === undefined) throw invalidArg(TypeError);
        const fallback = stringOption(o, 'fallback', ['code', 'none'], who, 'code');
        const languageDisplay = stringOption(o, 'languageDisplay', ['dialect', 'standard'], who, 'dialect');
        const r = { locale: resolveLocale(list), style, type, fallback };
        if (type === 'language') r.languageDisplay = languageDisplay;
        dnSlots.set(this, r);
      }
      resolvedOptions() {
        const r = dnSlots.get(this);
        if (r === undefined) throw new TypeError(`Method Intl.DisplayNames.prototype.resolvedOptions called on incompatible receiver ${receiverName(this)}`);
        return { ...r };
      }
      of(code) {
        const r = dnSlots.get(this);
        if (r === undefined) throw new TypeError(`Method Intl.DisplayNames.prototype.of called on incompatible receiver ${receiverName(this)}`);
        const c = toStr(code);
        let key = c, type = r.type;
        switch (type) {
          case 'language': {
            if (c === '' || c.toLowerCase() === 'root') return r.fallback === 'code' ? 'root' : undefined;
            let t;
            try { t = parseTag(c, incorrect); } catch { throw invalidArg(RangeError); }
            key = baseString(t);
            if (r.languageDisplay === 'standard') type = 'language-standard';
            break;
          }
          case 'region':
            if (c === '') return r.fallback === 'code' ? '' : undefined; // as node
            if (!/^([a-z]{2}|[0-9]{3})$/i.test(c)) throw invalidArg(RangeError);
            break;
          case 'script': if (!/^[a-z]{4}$/i.test(c)) throw invalidArg(RangeError); break;
          case 'currency': if (!/^[a-z]{3}$/i.test(c)) throw invalidArg(RangeError); key = c.toUpperCase(); break;
          case 'calendar':
            if (!typeRe.test(c)) throw invalidArg(RangeError);
            key = c.toLowerCase();
            break;
          default: if (!dtFields.includes(c)) throw invalidArg(RangeError);
        }
        if (c.length > 200) return r.fallback === 'code' ? c : undefined;
        const name = hostCall(H_INTL_LOCALE, `name\t${r.locale}\t${type}\t${r.style}\t${key}`);
        if (name !== '') return name;
        return r.fallback === 'code' ? (r.type === 'language' ? key : c) : undefined;
      }
    }
    DisplayNames.supportedLocalesOf = supportedLocalesOfFor('DisplayNames');
    Object.defineProperty(DisplayNames.prototype, Symbol.toStringTag, { value: 'Intl.DisplayNames', configurable: true });

    // ---- Intl.supportedValuesOf: currency, unit and timeZone are node's
    // lists (the zones those of Go's database); calendar, collation and
    // numberingSystem what this runtime's formatters honour today
    // (gregory; no collation variants; latn and arab digits): extend them
    // as the formatters learn more.
    const runtimeValues = { calendar: ['gregory'], collation: [], numberingSystem: ['arab', 'latn'] };
    function supportedValuesOf(key) {
      const k = String(key);
      if (runtimeValues[k]) return [...runtimeValues[k]];
      if (k !== 'currency' && k !== 'unit' && k !== 'timeZone') throw new RangeError(`Invalid key : ${k}`);
      const v = hostCall(H_INTL_LOCALE, 'values\t' + k);
      return v ? v.split(',') : [];
    }

    // the constructors as node has them: a TypeError naming the
    // constructor when called without new, node's lengths
    function ctor(C, name, length) {
      const F = {
        [name]: function (...args) {
          if (new.target === undefined) throw new TypeError(`Constructor Intl.${name} requires 'new'`);
          return Reflect.construct(C, args, new.target);
        },
      }[name];
      Object.defineProperty(F, 'length', { value: length });
      Object.defineProperty(F, 'prototype', { value: C.prototype, writable: false });
      Object.defineProperty(C.prototype, 'constructor', { value: F, writable: true, configurable: true });
      if (C.supportedLocalesOf) Object.defineProperty(F, 'supportedLocalesOf', { value: C.supportedLocalesOf, writable: true, configurable: true });
      return F;
    }
    return {
      Segmenter: ctor(Segmenter, 'Segmenter', 0), getCanonicalLocales, supportedLocalesOfFor,
      Locale: ctor(Locale, 'Locale', 1), DisplayNames: ctor(DisplayNames, 'DisplayNames', 2), supportedValuesOf,
    };
  }
