// gen.js: regenerates numbers.json, the locale data of Intl.NumberFormat's
// currency/unit/compact/scientific forms, Intl.RelativeTimeFormat and
// Intl.ListFormat (prelude/76-intl-numbers.js, intl_numdata.go), from node's
// own Intl (node 20: full ICU 73, CLDR 43). Run from this directory:
//   node gen.js | gzip -9n > numbers.json.gz
// The output records node's and CLDR's versions. Patterns are read back from
// formatToParts of sample values, so they are exactly what node prints.
'use strict';
const LOCALES = ['en', 'en-GB', 'en-IN', 'de', 'de-CH', 'de-AT', 'fr', 'fr-CA', 'fr-CH', 'es', 'es-419', 'es-MX', 'it', 'it-CH', 'pt', 'pt-PT', 'nl', 'sv', 'pl', 'ru', 'tr', 'ar', 'he', 'hi', 'ja', 'zh', 'zh-Hant', 'ko',
  'fi', 'da', 'nb', 'cs', 'sk', 'hu', 'ro', 'uk', 'el', 'bg', 'hr', 'id', 'th', 'vi', 'ms', 'ca', 'fa', 'bn', 'ta'];
const PARENT = { 'zh-Hant': 'zh', 'en-GB': 'en', 'en-IN': 'en', 'de-CH': 'de', 'de-AT': 'de', 'fr-CA': 'fr', 'fr-CH': 'fr', 'es-419': 'es', 'es-MX': 'es', 'it-CH': 'it', 'pt-PT': 'pt' };
const NUM = new Set(['integer', 'group', 'decimal', 'fraction']);
const CURRENCIES = Intl.supportedValuesOf('currency');
const UNITS = Intl.supportedValuesOf('unit');
const RTF_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];

// a template: the number's parts collapsed into '#', the currency into '¤'
function tpl(parts) {
  const out = [];
  for (const p of parts) {
    if (NUM.has(p.type)) { if (out[out.length - 1] !== '#') out.push('#'); } else if (p.type === 'currency') out.push('¤');
    else out.push([p.type, p.value]);
  }
  return out;
}
// a template string: the number's parts as {0}
function tplString(parts) {
  let s = '', seen = false;
  for (const p of parts) {
    if (NUM.has(p.type)) { if (!seen) s += '{0}'; seen = true; } else s += p.value;
  }
  return s;
}
// one sample number per plural category: [value, fraction digits]
function samples(locale) {
  const out = {};
  const cands = [[1, 0], [2, 0], [5, 0], [0, 0], [3, 0], [4, 0], [6, 0], [11, 0], [12, 0], [21, 0], [22, 0], [100, 0], [101, 0], [1000000, 0], [1.5, 1], [0.5, 1], [2.5, 1], [1.1, 1]];
  for (const [n, f] of cands) {
    const c = new Intl.PluralRules(locale, { minimumFractionDigits: f, maximumFractionDigits: f }).select(n);
    if (!(c in out)) out[c] = [n, f];
  }
  return out;
}
function same(o) { const v = Object.values(o); return v.every((x) => x === v[0]) ? v[0] : o; }

function currencyData(l, smp) {
  const f = (o, v) => new Intl.NumberFormat(l, { style: 'currency', currency: 'EUR', currencyDisplay: 'narrowSymbol', ...o }).formatToParts(v);
  const tri = (o) => [tpl(f(o, 1)), tpl(f(o, -1)), tpl(f({ ...o, signDisplay: 'always' }, 1))];
  const d = { std: tri({}), acc: tri({ currencySign: 'accounting' }), name: tpl(new Intl.NumberFormat(l, { style: 'currency', currency: 'EUR', currencyDisplay: 'name' }).formatToParts(1)) };
  // CLDR's currency decimal and group symbols where they differ (de-AT "€ 12.345,50" but "12 345,5"),
  // and the accounting pattern's grouping (en-IN's is not Indian)
  const sym = (ps, t) => (ps.find((p) => p.type === t) || {}).value;
  const cp = f({}, 12345.5), dp = new Intl.NumberFormat(l).formatToParts(12345.5);
  if (sym(cp, 'decimal') !== sym(dp, 'decimal')) d.decimal = sym(cp, 'decimal');
  if (sym(cp, 'group') !== sym(dp, 'group')) d.group = sym(cp, 'group');
  const ints = (ps) => ps.filter((p) => p.type === 'integer').map((p) => p.value.length).join(',');
  if (ints(f({ currencySign: 'accounting' }, 1e9)) !== ints(f({}, 1e9))) d.accGrouping = ints(f({ currencySign: 'accounting' }, 1e9)).split(',').map(Number)[1];
  d.codes = {};
  for (const c of CURRENCIES) {
    const part = (o, v) => { // the currency's text, with a bidi mark ICU splits off it
      const ps = new Intl.NumberFormat(l, { style: 'currency', currency: c, ...o }).formatToParts(v);
      const i = ps.findIndex((p) => p.type === 'currency');
      const next = ps[i + 1];
      return ps[i].value + (next && /^[\u200e\u200f]+$/.test(next.value) ? next.value : '');
    };
    const sym = part({}, 1), narrow = part({ currencyDisplay: 'narrowSymbol' }, 1);
    const names = {};
    for (const [cat, [n, fd]] of Object.entries(smp)) names[cat] = part({ currencyDisplay: 'name', minimumFractionDigits: fd, maximumFractionDigits: fd }, n);
    const e = [sym === c ? 0 : sym, narrow === sym ? 0 : narrow, same(names)];
    if (e[0] === 0 && e[1] === 0 && e[2] === c) continue;
    d.codes[c] = e;
  }
  return d;
}

function unitData(l, smp) {
  const d = {};
  for (const disp of ['short', 'long', 'narrow']) {
    const u = {}, per = {};
    for (const unit of UNITS) {
      const t = {};
      for (const [cat, [n, fd]] of Object.entries(smp)) {
        t[cat] = tplString(new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay: disp, minimumFractionDigits: fd, maximumFractionDigits: fd }).formatToParts(n));
      }
      u[unit] = same(t);
      if (unit.includes('-per-')) continue;
      // "{0}/h": read with a numerator CLDR has no compound unit for
      for (const n of ['gram', 'byte', 'liter', 'meter']) {
        if (n === unit) continue;
        const num = new Intl.NumberFormat(l, { style: 'unit', unit: n, unitDisplay: disp }).format(7);
        const both = new Intl.NumberFormat(l, { style: 'unit', unit: n + '-per-' + unit, unitDisplay: disp }).format(7);
        if (both.includes(num)) { per[unit] = both.replace(num, '{0}'); break; }
      }
    }
    // compounds CLDR has its own pattern for (km/h, 時速 {0} キロメートル), or composed otherwise
    for (const a of UNITS) for (const b of UNITS) {
      if (a === b) continue;
      const unit = a + '-per-' + b, t = {};
      let differs = false;
      for (const [cat, [n, fd]] of Object.entries(smp)) {
        t[cat] = tplString(new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay: disp, minimumFractionDigits: fd, maximumFractionDigits: fd }).formatToParts(n));
        const num = typeof u[a] === 'string' ? u[a] : u[a][cat];
        const composed = per[b] === undefined ? num + '/' + b : per[b].split('{0}').join(num);
        if (composed !== t[cat]) differs = true;
      }
      if (differs) u[unit] = same(t);
    }
    d[disp] = { u, per };
  }
  return d;
}

// per magnitude 0..14: 0 (not compacted) or [divisor exponent, the pattern
// by the plural category of the number shown ("=1": CLDR's pattern for
// exactly 1, fr "mille")]
function compactData(l) {
  const d = {};
  const pr = (f) => new Intl.PluralRules(l, { minimumFractionDigits: f, maximumFractionDigits: f });
  for (const disp of ['short', 'long']) {
    const pows = [];
    const f = (n) => new Intl.NumberFormat(l, { notation: 'compact', compactDisplay: disp }).formatToParts(n);
    for (let p = 0; p <= 20; p++) {
      const parts = f(Number('2e' + p));
      if (!parts.some((x) => x.type === 'compact')) { pows.push(0); continue; }
      const shown = parts.filter((x) => x.type === 'integer').map((x) => x.value).join('');
      const div = p - (shown.length - 1);
      const k = p - div + 1; // digits shown
      const cands = [];
      for (let n = 10 ** (k - 1); n < Math.min(10 ** k, 10 ** (k - 1) + 300); n++) cands.push([n, 0]);
      if (k === 1) cands.push([1.5, 1], [2.5, 1], [1.1, 1]);
      const t = {};
      for (const [n, fd] of cands) {
        const key = n === 1 ? '=1' : pr(fd).select(n);
        if (key in t) continue;
        t[key] = tplString(f(Number(n + 'e' + div)));
      }
      if (t['=1'] === t.one || t.one === undefined && t['=1'] === t.other) delete t['=1'];
      pows.push([div, same(t)]);
    }
    while (pows.length > 1 && JSON.stringify(pows[pows.length - 1]) === JSON.stringify(pows[pows.length - 2]) && JSON.stringify(pows[pows.length - 1]) === JSON.stringify(pows[pows.length - 3])) pows.pop();
    d[disp] = pows;
  }
  return d;
}

function relData(l, smp) {
  const d = {};
  for (const style of ['long', 'short', 'narrow']) {
    const s = {};
    for (const unit of RTF_UNITS) {
      const fut = {}, past = {};
      for (const [cat, [n, fd]] of Object.entries(smp)) {
        if (fd) continue;
        const rtf = new Intl.RelativeTimeFormat(l, { style });
        fut[cat] = tplString(rtf.formatToParts(n, unit));
        past[cat] = tplString(rtf.formatToParts(-n, unit));
      }
      // decimal categories: plural of e.g. 1.5
      for (const [cat, [n, fd]] of Object.entries(smp)) {
        if (!fd) continue;
        const rtf = new Intl.RelativeTimeFormat(l, { style });
        fut[cat] = tplString(rtf.formatToParts(n, unit));
        past[cat] = tplString(rtf.formatToParts(-n, unit));
      }
      const rel = {};
      const auto = new Intl.RelativeTimeFormat(l, { style, numeric: 'auto' });
      for (const n of [-2, -1, 0, 1, 2]) {
        const parts = auto.formatToParts(n, unit);
        if (parts.length === 1 && parts[0].type === 'literal') rel[n] = parts[0].value;
      }
      s[unit] = [same(fut), same(past), rel];
    }
    d[style] = s;
  }
  return d;
}

function listData(l) {
  const d = {};
  for (const type of ['conjunction', 'disjunction', 'unit']) {
    for (const style of ['long', 'short', 'narrow']) {
      const f = (a) => new Intl.ListFormat(l, { type, style }).format(a);
      // Hebrew elements for he: ICU hyphenates "ו" before a non-Hebrew one (the prelude does it too)
      const [A, B, C, D] = l === 'he' ? ['\u05d0', '\u05d1', '\u05d2', '\u05d3'] : ['\u0001', '\u0002', '\u0003', '\u0004'];
      const two = f([A, B]), three = f([A, B, C]), four = f([A, B, C, D]);
      const between = (s, a, b) => s.slice(s.indexOf(a) + 1, s.indexOf(b));
      d[type + '-' + style] = [between(three, A, B), between(four, B, C), between(three, B, C), between(two, A, B)];
    }
  }
  return d;
}

// the decimal symbols, overriding x/text's older CLDR ones where a locale is covered
function symbolData(l) {
  const f = (o, v) => new Intl.NumberFormat(l, o).formatToParts(v);
  const get = (ps, t) => (ps.find((p) => p.type === t) || {}).value;
  const big = f({}, 1234567890.5);
  const ints = big.filter((p) => p.type === 'integer').map((p) => p.value.length);
  const before = (ps) => ps.slice(0, ps.findIndex((p) => p.type === 'integer')).map((p) => p.value).join('');
  const after = (ps) => { let i = ps.length; while (i > 0 && !['integer', 'fraction'].includes(ps[i - 1].type)) i--; return ps.slice(i).map((p) => p.value).join(''); };
  const pct = f({ style: 'percent' }, 0.5);
  const pctInts = f({ style: 'percent' }, 12345678.9).filter((p) => p.type === 'integer').map((p) => p.value.length);
  return {
    decimal: get(big, 'decimal'), group: get(big, 'group'), primary: ints[ints.length - 1], secondary: ints[ints.length - 2],
    minGroup: f({}, 1234).some((p) => p.type === 'group') ? 1 : 2,
    minus: before(f({}, -1)), plus: before(f({ signDisplay: 'always' }, 1)), pctPre: before(pct), pctPost: after(pct),
    nan: f({}, NaN).map((p) => p.value).join(''), zero: f({}, 0).map((p) => p.value).join(''),
    ...(pctInts[pctInts.length - 2] !== ints[ints.length - 2] ? { pctSecondary: pctInts[pctInts.length - 2] } : {}),
  };
}

function numberMisc(l) {
  const sci = new Intl.NumberFormat(l, { notation: 'scientific' }).formatToParts(-0.000123);
  const get = (ps, t) => (ps.find((p) => p.type === t) || {}).value;
  const range = new Intl.NumberFormat(l).formatRange(3, 5);
  const approx = new Intl.NumberFormat(l, { maximumFractionDigits: 0 }).formatRangeToParts(2.9, 3.1).find((p) => p.type === 'approximatelySign');
  // percent with compact notation: ICU's affixes there differ from the percent style's (de "50 %" with a plain space)
  const pc = (o, v) => tpl(new Intl.NumberFormat(l, { style: 'percent', notation: 'compact', ...o }).formatToParts(v));
  return {
    pctCompact: [pc({}, 0.5), pc({}, -0.5), pc({ signDisplay: 'always' }, 0.5)],
    exp: get(sci, 'exponentSeparator'),
    expMinus: sci.slice(sci.findIndex((p) => p.type === 'exponentSeparator') + 1, -1).map((p) => p.value).join(''),
    range: range.slice(1, -1), approx: approx ? approx.value : '~',
  };
}

// PluralRules#selectRange: the category of each pair (CLDR plural ranges)
function pluralRanges(l, smp) {
  const pr = new Intl.PluralRules(l), out = {};
  const ints = Object.entries(smp);
  for (const [a, [x]] of ints) for (const [b, [y]] of ints) out[a + '+' + b] = pr.selectRange(x, y);
  return out;
}

function diff(a, b) { // a without what equals b's
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a !== 'object' || a === null || Array.isArray(a) || typeof b !== 'object' || b === null || Array.isArray(b)) return a;
  const out = {};
  for (const k of Object.keys(a)) { const v = diff(a[k], b[k]); if (v !== undefined) out[k] = v; }
  for (const k of Object.keys(b)) if (!(k in a)) out[k] = null;
  return out;
}

const full = {};
for (const l of LOCALES) {
  const smp = samples(l);
  full[l] = {
    plural: pluralRanges(l, smp),
    num: numberMisc(l), sym: symbolData(l), cur: currencyData(l, smp), unit: unitData(l, smp), compact: compactData(l), rel: relData(l, smp), list: listData(l),
  };
}
const digits = {};
for (const c of CURRENCIES) {
  const r = new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions();
  if (r.maximumFractionDigits !== 2) digits[c] = r.maximumFractionDigits;
}
const out = {
  _: `generated by gen.js from node ${process.versions.node} (ICU ${process.versions.icu}, CLDR ${process.versions.cldr}); do not edit`,
  parent: PARENT, digits, units: UNITS, currencies: CURRENCIES, locales: {},
};
for (const l of LOCALES) out.locales[l] = PARENT[l] ? diff(full[l], full[PARENT[l]]) || {} : full[l];
process.stdout.write(JSON.stringify(out) + '\n');
