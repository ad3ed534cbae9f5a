// locale_data.js writes ../intl_text_data.gz, the locale data of Intl.Locale,
// Intl.DisplayNames, Intl.supportedValuesOf and locale resolution
// (77-intl-text.js, intl_locale.go), recorded from node 20's ICU 78 (CLDR 48)
// so that answers match node's. To regenerate, from internal/jsengine:
//
//	node intlgen/locale_data.js
//
// The file is gzipped text, one "table\tkey\tvalue" a line:
//   avail  LANG            the languages ICU has locale data for
//   region R               calendars|hourCycles|firstDay;weekend;minimalDays|timeZones
//   lang   LANG            collations|numberingSystems|hourCycles|calendars|weekInfo|direction (the language alone)
//   lr     LANG-R          hc=..., nu=..., ca=..., wk=... where LANG-R differs from the rule
//                          (calendars, hourCycles, weekInfo by region; numberingSystems by language)
//   ls     LANG-Script     the text direction where the rule fails (with a script given, the
//                          language's direction for its own script, else ltr)
//   lsnu   LANG-Script     numberingSystems where not the language's (pa-Arab: arabext)
//   lsco   LANG-Script     collations where the rule fails (the language's for its own script, else root's)
//   max    TAG             likely subtags (UTS #35): LANG, und-Region, und-Script, and LANG-Region /
//                          LANG-Script where the language's own answer does not serve
//   values KIND            Intl.supportedValuesOf(KIND) (currency, unit, timeZone)
//   dn     LOC/TYPE/STYLE/CODE  display name (LOC one of the locales below; STYLE long unless it
//                          differs; a regional variant's only where it differs from its parent's)
//   pat    LOC             the "{0} ({1})" pattern and the separator of language names
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const path = require('path');

const out = [];
const put = (t, k, v) => out.push(`${t}\t${k}\t${v}`);
const L = (t) => new Intl.Locale(t);

const A2 = [], A3 = [];
for (let a = 97; a < 123; a++) for (let b = 97; b < 123; b++) {
  A2.push(String.fromCharCode(a, b));
  for (let c = 97; c < 123; c++) A3.push(String.fromCharCode(a, b, c));
}
const langs = [...A2, ...A3].filter((c) => Intl.Segmenter.supportedLocalesOf([c]).length && L(c).maximize().language === c);
for (const l of langs) put('avail', l, '1');

const enRegion = new Intl.DisplayNames('en', { type: 'region' });
const regions = [];
for (let a = 65; a < 91; a++) for (let b = 65; b < 91; b++) {
  const r = String.fromCharCode(a, b);
  if (enRegion.of(r) !== r) regions.push(r);
}
for (let n = 0; n < 1000; n++) {
  const r = String(n).padStart(3, '0');
  if (enRegion.of(r) !== r) regions.push(r);
}
const wk = (w) => `${w.firstDay};${w.weekend.join(',')};${w.minimalDays}`;
const regionRule = {};
for (const r of regions) {
  const u = L('und-' + r);
  regionRule[r] = { ca: u.calendars.join(','), hc: u.hourCycles.join(','), wk: wk(u.weekInfo) };
  put('region', r, [regionRule[r].ca, regionRule[r].hc, regionRule[r].wk, (u.timeZones || []).join(',')].join('|'));
}
const langRule = {};
for (const l of langs) {
  const x = L(l);
  langRule[l] = { nu: x.numberingSystems.join(',') };
  put('lang', l, [x.collations.join(','), x.numberingSystems.join(','), x.hourCycles.join(','), x.calendars.join(','), wk(x.weekInfo), x.textInfo.direction].join('|'));
}
for (const l of langs) for (const r of regions) {
  const x = L(l + '-' + r), ex = [];
  if (x.hourCycles.join(',') !== regionRule[r].hc) ex.push('hc=' + x.hourCycles.join(','));
  if (x.calendars.join(',') !== regionRule[r].ca) ex.push('ca=' + x.calendars.join(','));
  if (wk(x.weekInfo) !== regionRule[r].wk) ex.push('wk=' + wk(x.weekInfo));
  if (x.numberingSystems.join(',') !== langRule[l].nu) ex.push('nu=' + x.numberingSystems.join(','));
  if (ex.length) put('lr', l + '-' + r, ex.join(' '));
}

const enScript = new Intl.DisplayNames('en', { type: 'script' });
const scripts = [];
for (let a = 65; a < 91; a++) for (let b = 97; b < 123; b++) for (let c = 97; c < 123; c++) for (let d = 97; d < 123; d++) {
  const s = String.fromCharCode(a, b, c, d);
  if (enScript.of(s) !== s) scripts.push(s);
}
for (const l of langs) {
  const dir = L(l).textInfo.direction, own = L(l).maximize().script, nu = L(l).numberingSystems.join(',');
  const co = L(l).collations.join(',');
  for (const s of scripts) {
    const coRule = s === own ? co : 'emoji,eor';
    if (L(l + '-' + s).collations.join(',') !== coRule) put('lsco', l + '-' + s, L(l + '-' + s).collations.join(','));
    if (L(l + '-' + s).numberingSystems.join(',') !== nu) put('lsnu', l + '-' + s, L(l + '-' + s).numberingSystems.join(','));
    const rule = dir === 'rtl' && s === own ? 'rtl' : 'ltr';
    if (L(l + '-' + s).textInfo.direction !== rule) put('ls', l + '-' + s, L(l + '-' + s).textInfo.direction);
  }
}

for (const k of ['calendar', 'collation', 'currency', 'numberingSystem', 'timeZone', 'unit']) put('values', k, Intl.supportedValuesOf(k).join(','));

const enLang = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
const langCodes = [...A2, ...A3].filter((c) => enLang.of(c) !== undefined);
// likely subtags: every named language, und-Region, und-Script, and the
// pairs of an available language whose answer the language's alone does not give
const maxOf = (t) => L(t).maximize().baseName;
for (const l of [...new Set([...langCodes, ...langs])]) if (maxOf(l) !== l) put('max', l, maxOf(l));
put('max', 'und', maxOf('und'));
for (const r of regions) put('max', 'und-' + r, maxOf('und-' + r));
for (const s of scripts) put('max', 'und-' + s, maxOf('und-' + s));
for (const l of langs) {
  const m = L(l).maximize();
  for (const r of regions) { const x = L(l + '-' + r).maximize(); if (x.script !== m.script) put('max', l + '-' + r, x.baseName); }
  for (const s of scripts) { const x = L(l + '-' + s).maximize(); if (x.region !== m.region) put('max', l + '-' + s, x.baseName); }
}

const dnLocales = ['en', 'de', 'fr', 'es', 'ja', 'zh', 'zh-Hant', 'it', 'pt', 'ru', 'ko', 'nl', 'pl', 'tr', 'ar', 'hi', 'sv'];
// regional variants: only their differences from the parent are kept
const dnVariants = { 'en-GB': 'en', 'en-AU': 'en', 'en-CA': 'en', 'en-IN': 'en', 'de-AT': 'de', 'de-CH': 'de', 'fr-CA': 'fr', 'es-419': 'es', 'es-MX': 'es', 'zh-Hant-HK': 'zh-Hant' };
// dialect names: tags whose English name is not the standard composition
const enStd = new Intl.DisplayNames('en', { type: 'language', languageDisplay: 'standard' });
const dialects = [];
for (const l of langCodes) {
  for (const r of regions) if (enLang.of(l + '-' + r) !== enStd.of(l + '-' + r)) dialects.push(l + '-' + r);
  for (const s of scripts) if (enLang.of(l + '-' + s) !== enStd.of(l + '-' + s)) dialects.push(l + '-' + s);
}
const curCodes = [];
const enCur = new Intl.DisplayNames('en', { type: 'currency', fallback: 'none' });
for (const c of A3) if (enCur.of(c.toUpperCase()) !== undefined) curCodes.push(c.toUpperCase());
const calCodes = Intl.supportedValuesOf('calendar');
const fields = ['era', 'year', 'quarter', 'month', 'weekOfYear', 'weekday', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'timeZoneName'];
for (const loc of [...dnLocales, ...Object.keys(dnVariants)]) {
  const parent = dnVariants[loc];
  const table = (type, codes, extra = {}) => {
    if (parent) {
      for (const style of ['long', 'short', 'narrow']) {
        const a = new Intl.DisplayNames(loc, { type, style, fallback: 'none', ...extra });
        const b = new Intl.DisplayNames(parent, { type, style, fallback: 'none', ...extra });
        for (const c of codes) if (a.of(c) !== b.of(c) && a.of(c) !== undefined) put('dn', `${loc}/${type}/${style}/${c}`, a.of(c));
      }
      return;
    }
    const long = new Intl.DisplayNames(loc, { type, style: 'long', fallback: 'none', ...extra });
    const short = new Intl.DisplayNames(loc, { type, style: 'short', fallback: 'none', ...extra });
    const narrow = new Intl.DisplayNames(loc, { type, style: 'narrow', fallback: 'none', ...extra });
    for (const c of codes) {
      const v = long.of(c);
      if (v === undefined) continue;
      put('dn', `${loc}/${type}/long/${c}`, v);
      const s = short.of(c), n = narrow.of(c);
      if (s !== v) put('dn', `${loc}/${type}/short/${c}`, s);
      if (n !== s) put('dn', `${loc}/${type}/narrow/${c}`, n);
    }
  };
  table('language', [...langCodes, ...dialects]);
  table('region', regions);
  table('script', scripts);
  table('currency', curCodes);
  table('calendar', calCodes);
  table('dateTimeField', fields);
  // the pattern: name("en-Latn-US") in standard display is E o S sep R c
  const std = new Intl.DisplayNames(loc, { type: 'language', languageDisplay: 'standard' });
  const E = std.of('en'), S = new Intl.DisplayNames(loc, { type: 'script' }).of('Latn'), R = new Intl.DisplayNames(loc, { type: 'region' }).of('US');
  const full = std.of('en-Latn-US');
  const open = full.slice(E.length, full.indexOf(S));
  const sep = full.slice(full.indexOf(S) + S.length, full.indexOf(R));
  const close = full.slice(full.indexOf(R) + R.length);
  if (!parent) put('pat', loc, [open, sep, close].join('|'));
}
const file = path.join(__dirname, '..', 'intl_text_data.gz');
fs.writeFileSync(file, zlib.gzipSync(out.join('\n') + '\n', { level: 9 }));
console.log(file, out.length, 'lines');
