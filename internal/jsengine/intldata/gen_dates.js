// Generates dates.txt.gz, the locale data of Intl.DateTimeFormat
// (prelude/76-intl-dates.js, intl_dates.go), from the CLDR JSON packages.
//
// Regenerate (node 18+):
//   mkdir /tmp/cldr && cd /tmp/cldr && npm init -y &&
//   npm install cldr-dates-full@48.2.0 cldr-core@48.2.0 cldr-numbers-full@48.2.0 \
//     cldr-localenames-full@48.2.0 cldr-bcp47@48.2.0
//   node internal/jsengine/intldata/gen_dates.js /tmp/cldr/node_modules internal/jsengine/intldata/dates.txt.gz
//
// CLDR 48.2 is what node 20.20's ICU 78.2 carries (48.0.0 differs from it, e.g. zh-Hant's "{1} {0}"). Output: gzip of lines;
// line 1 is the shared JSON (CLDR version, known locale tags, parent
// locales, day period rules, numbering systems' digits, IANA zone names from
// Go's zoneinfo.zip, metazone periods per zone); each further line is
// "tag\tjson" for one locale, its data already resolved by CLDR.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const [, , mods, out] = process.argv;
if (!mods || !out) { console.error('usage: node gen_dates.js NODE_MODULES OUT.gz'); process.exit(2); }
const req = (p) => JSON.parse(fs.readFileSync(path.join(mods, p), 'utf8'));

// The locales with data. Their parents are added below.
const LOCALES = [
  'en', 'en-001', 'en-GB', 'en-AU', 'en-CA', 'en-IE', 'en-IN', 'en-NZ', 'en-ZA', 'en-150',
  'de', 'de-AT', 'de-CH', 'fr', 'fr-CA', 'fr-CH', 'fr-BE', 'es', 'es-419', 'es-MX', 'es-US', 'es-AR',
  'it', 'pt', 'pt-PT', 'nl', 'nl-BE', 'sv', 'da', 'nb', 'no', 'nn', 'fi', 'pl', 'cs', 'sk', 'ru', 'uk', 'tr',
  'ar', 'ar-EG', 'ar-SA', 'he', 'hi', 'ja', 'zh', 'zh-Hant', 'zh-Hant-HK', 'ko', 'el', 'hu', 'ro', 'bg', 'hr',
  'id', 'vi', 'ms', 'ca', 'et', 'lv', 'lt', 'sl', 'sr', 'sr-Latn', 'is', 'ga', 'cy',
];

const core = req('cldr-core/availableLocales.json').availableLocales.full;
const defaults = req('cldr-core/defaultContent.json').defaultContent;
const parents = req('cldr-core/supplemental/parentLocales.json').supplemental.parentLocales.parentLocale;
const version = req('cldr-core/package.json').version;
function parentOf(tag) {
  if (parents[tag]) return parents[tag] === 'root' ? null : parents[tag];
  const i = tag.lastIndexOf('-');
  return i < 0 ? null : tag.slice(0, i);
}
const want = new Set();
for (const l of LOCALES) for (let t = l; t && t !== 'und'; t = parentOf(t)) want.add(t);
// and every regional variant CLDR has for those languages (stored as a diff from its parent)
const langs = new Set([...want].map((t) => t.split('-')[0]));
const NOT_IN_ICU = new Set(['ca-ES-valencia', 'el-polyton', 'en-Dsrt', 'nb-SJ']); // node resolves them to their parents
for (const t of fs.readdirSync(path.join(mods, 'cldr-dates-full/main'))) {
  if (!NOT_IN_ICU.has(t) && langs.has(t.split('-')[0]) && fs.existsSync(path.join(mods, `cldr-localenames-full/main/${t}/territories.json`))) {
    for (let u = t; u && u !== 'und'; u = parentOf(u)) if (fs.existsSync(path.join(mods, 'cldr-dates-full/main', u))) want.add(u);
  }
}
const known = [...core, ...defaults].filter((t) => langs.has(t.split('-')[0]) && !NOT_IN_ICU.has(t)).sort();

const nuAll = req('cldr-core/supplemental/numberingSystems.json').supplemental.numberingSystems;
const digits = {};
for (const [k, v] of Object.entries(nuAll)) if (v._type === 'numeric') digits[k] = v._digits;

const rules = req('cldr-core/supplemental/dayPeriods.json').supplemental.dayPeriodRuleSet;
const dayPeriodRules = {};
for (const l of langs) {
  const r = rules[l];
  if (!r) continue;
  const o = {};
  for (const [k, v] of Object.entries(r)) o[k] = v._at ? [v._at] : [v._from, v._before];
  dayPeriodRules[l] = o;
}

// zone names: Go's embedded database (the one intl.tz loads from)
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
const zip = fs.readFileSync(path.join(goroot, 'lib', 'time', 'zoneinfo.zip'));
const zones = [];
for (let i = 0; i + 46 < zip.length; i++) {
  if (zip.readUInt32LE(i) !== 0x02014b50) continue;
  const n = zip.readUInt16LE(i + 28), e = zip.readUInt16LE(i + 30), c = zip.readUInt16LE(i + 32);
  const name = zip.toString('utf8', i + 46, i + 46 + n);
  if (!name.endsWith('/')) zones.push(name);
  i += 45 + n + e + c;
}
zones.sort();

// metazones: zone -> [[metazone, fromMs|null, toMs|null], ...]
const mzInfo = req('cldr-core/supplemental/metaZones.json').supplemental.metaZones.metazoneInfo.timezone;
const metazones = {};
(function walk(o, pre) {
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v)) {
      metazones[pre + k] = v.map(({ usesMetazone: u }) => [u._mzone,
        u._from ? Date.parse(u._from.replace(' ', 'T') + 'Z') : null, u._to ? Date.parse(u._to.replace(' ', 'T') + 'Z') : null]);
    } else walk(v, pre + k + '/');
  }
})(mzInfo, '');
// the golden zone of each metazone for the world ("001"), for generic names
const mzMap = req('cldr-core/supplemental/metaZones.json').supplemental.metaZones.metazones;
const golden = {};
for (const { mapZone: m } of mzMap) if (m._territory === '001') golden[m._other] = m._type;

// preferred hour cycle by region (or language_region), and each language's likely region
const timeData = {};
for (const [k, v] of Object.entries(req('cldr-core/supplemental/timeData.json').supplemental.timeData)) timeData[k] = v._preferred;
const likely = req('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags;
const regions = {};
for (const t of want) {
  const l = likely[t] || likely[t.split('-')[0]];
  if (l) regions[t] = l.split('-').pop();
}

// CLDR's zone ids (node answers them: Asia/Kolkata is "Asia/Calcutta"): alias -> canonical id
const canonZone = {};
for (const v of Object.values(req('cldr-bcp47/bcp47/timezone.json').keyword.u.tz)) {
  if (typeof v !== 'object' || !v._alias) continue;
  const ids = v._alias.split(' ');
  for (const id of ids) if (id !== ids[0]) canonZone[id] = ids[0];
}
// each zone's country, for the generic location format ("Germany Time"), and
// whether it is the country's only or primary zone (else the city is named)
const primary = req('cldr-core/supplemental/primaryZones.json').supplemental.primaryZones;
const byCountry = {};
for (const { mapZone: m } of req('cldr-core/supplemental/windowsZones.json').supplemental.windowsZones.mapTimezones) {
  if (m._territory === '001' || m._territory === 'ZZ') continue;
  for (const z of m._type.split(' ')) (byCountry[m._territory] = byCountry[m._territory] || new Set()).add(canonZone[z] || z);
}
const zoneCountry = {};
for (const [c, zs] of Object.entries(byCountry)) {
  for (const z of zs) zoneCountry[z] = c + (zs.size === 1 || primary[c] === z ? '*' : '');
}
const countries = Object.keys(byCountry);

const shared = { cldr: version, timeData, regions, canonZone, zoneCountry, known, parents: { ...Object.fromEntries([...want].map((t) => [t, parentOf(t)])), ...parents }, dayPeriodRules, digits, zones, metazones, golden };

function locale(tag) {
  const g = req(`cldr-dates-full/main/${tag}/ca-gregorian.json`).main[tag].dates.calendars.gregorian;
  const tzn = req(`cldr-dates-full/main/${tag}/timeZoneNames.json`).main[tag].dates.timeZoneNames;
  const fields = req(`cldr-dates-full/main/${tag}/dateFields.json`).main[tag].dates.fields;
  const fn = ['era', 'year', 'quarter', 'month', 'week', 'week', 'weekday', 'dayOfYear', 'weekdayOfMonth', 'day', 'dayperiod', 'hour', 'minute', 'second', 'second', 'zone']
    .map((k) => (fields[k] && fields[k].displayName) || k);
  const numbers = req(`cldr-numbers-full/main/${tag}/numbers.json`).main[tag].numbers;
  const nu = numbers.defaultNumberingSystem;
  const dec = numbers[`symbols-numberSystem-${nu}`].decimal;
  const arr = (o, n, base) => Array.from({ length: n }, (_, i) => o[String(i + base)]);
  const dayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const days = (o) => dayKeys.map((k) => o[k]);
  const ctx = (o, f) => [f(o.format.wide), f(o.format.abbreviated), f(o.format.narrow), f(o['stand-alone'].wide), f(o['stand-alone'].abbreviated), f(o['stand-alone'].narrow)];
  const af = {};
  for (const [k, v] of Object.entries(g.dateTimeFormats.availableFormats)) {
    if (/count|alt|[QwWY]/.test(k)) continue;
    af[k] = v;
  }
  const iv = {};
  for (const [k, v] of Object.entries(g.dateTimeFormats.intervalFormats)) if (!/alt/.test(k)) iv[k] = v;
  const std = (o) => ['full', 'long', 'medium', 'short'].map((k) => o[k]);
  const strip = (o) => { const r = {}; for (const [k, v] of Object.entries(o)) if (!/alt/.test(k)) r[k] = v; return r; };
  const names = (n) => n && [n.long && n.long.standard, n.long && n.long.daylight, n.long && n.long.generic,
    n.short && n.short.standard, n.short && n.short.daylight, n.short && n.short.generic];
  const mz = {};
  for (const [k, v] of Object.entries(tzn.metazone || {})) mz[k] = names(v);
  const zn = {};
  (function walk(o, pre) {
    for (const [k, v] of Object.entries(o)) {
      if (v.long || v.short || v.exemplarCity) {
        const n = names(v) || [];
        if (n.some(Boolean) || v.exemplarCity) zn[pre + k] = [...n, v.exemplarCity];
      } else if (typeof v === 'object') walk(v, pre + k + '/');
    }
  })(tzn.zone || {}, '');
  const terr = req(`cldr-localenames-full/main/${tag}/territories.json`).main[tag].localeDisplayNames.territories;
  const T = {};
  for (const c of countries) if (terr[c]) T[c] = terr[c];
  return {
    T,
    M: ctx(g.months, (o) => arr(o, 12, 1)),
    D: ctx(g.days, days),
    G: [arr(g.eras.eraNames, 2, 0), arr(g.eras.eraAbbr, 2, 0), arr(g.eras.eraNarrow, 2, 0)],
    P: [strip(g.dayPeriods.format.wide), strip(g.dayPeriods.format.abbreviated), strip(g.dayPeriods.format.narrow)],
    df: std(g.dateFormats), tf: std(g.timeFormats), dtf: std(g.dateTimeFormats),
    dta: std(g['dateTimeFormats-atTime'].standard),
    af, ai: g.dateTimeFormats.appendItems, iv,
    tz: { h: tzn.hourFormat, g: tzn.gmtFormat, z: tzn.gmtZeroFormat, r: tzn.regionFormat, rd: tzn['regionFormat-type-daylight'], rs: tzn['regionFormat-type-standard'], f: tzn.fallbackFormat, mz, zn },
    nu, dec, fn,
  };
}

// Where node's ICU 78.2 data differs from the JSON packages (checked against node 20.20)
const ICU_OVERRIDES = {
  ko: (d) => { d.P[1] = { ...d.P[1], am: 'AM', pm: 'PM' }; },
};
const full = {};
for (const t of want) {
  const d = locale(t);
  const o = ICU_OVERRIDES[t.split('-')[0]];
  if (o) o(d);
  full[t] = d;
}
// a locale whose parent has data is stored as {"^": parent, ...what differs}
// (objects one level down compared key by key); the prelude merges them back
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function diff(d, base) {
  const out = {};
  for (const [k, v] of Object.entries(d)) {
    if (same(v, base[k])) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' && !Array.isArray(base[k])) {
      const o = {};
      for (const [k2, v2] of Object.entries(v)) if (!same(v2, base[k][k2])) o[k2] = v2;
      for (const k2 of Object.keys(base[k])) if (!(k2 in v)) o[k2] = null;
      out[k] = o;
    } else out[k] = v;
  }
  return out;
}
const lines = [JSON.stringify(shared)];
for (const t of [...want].sort()) {
  let p = parentOf(t);
  while (p && !full[p]) p = parentOf(p);
  const d = p ? { '^': p, ...diff(full[t], full[p]) } : full[t];
  lines.push(t + '\t' + JSON.stringify(d));
}
const text = lines.join('\n') + '\n';
fs.writeFileSync(out, zlib.gzipSync(Buffer.from(text), { level: 9 }));
console.log(`${want.size} locales, ${text.length} bytes, ${fs.statSync(out).size} compressed`);
