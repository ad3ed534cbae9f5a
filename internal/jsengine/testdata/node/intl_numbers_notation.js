const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const locales = ['en-US', 'en-GB', 'en-IN', 'de-DE', 'de-CH', 'fr-FR', 'es', 'it', 'pt-BR', 'pt-PT', 'nl', 'sv', 'pl', 'ru', 'tr', 'ar', 'he', 'hi', 'ja', 'zh', 'ko'];
const values = [0, 1, -1.5, 12, 999, 999.9, 1000, 1234, 1500, 12345, 99999, 999999, 1e6, 2e6, 5e6, 1.5e6, 123456789, 2e9, 1.23e12, 9.99e14, 1e15, 1e18, -123456, 0.000123, NaN, Infinity];
for (const l of locales) for (const o of [{ notation: 'compact' }, { notation: 'compact', compactDisplay: 'long' }, { notation: 'scientific' }, { notation: 'engineering' },
  { notation: 'compact', maximumFractionDigits: 2 }, { notation: 'compact', maximumSignificantDigits: 4 }, { notation: 'scientific', maximumSignificantDigits: 2 }, { notation: 'engineering', minimumFractionDigits: 2 }]) {
  const f = new Intl.NumberFormat(l, o);
  console.log(l, JSON.stringify(o), esc(values.map((v) => f.format(v)).join(' | ')));
}
for (const l of ['ar', 'he', 'fa']) console.log(l, esc([1234, -1234567, 0.5].map((v) => new Intl.NumberFormat(l, { style: 'percent', notation: 'compact' }).format(v)).join(' | ')));
for (const l of ['en-US', 'de-DE', 'ja', 'fr-FR', 'tr', 'sv']) for (const o of [{ style: 'currency', currency: 'EUR', notation: 'compact' }, { style: 'currency', currency: 'USD', notation: 'compact', compactDisplay: 'long' }, { style: 'unit', unit: 'byte', notation: 'compact' }, { style: 'percent', notation: 'compact' }, { style: 'currency', currency: 'EUR', notation: 'scientific' }]) {
  const f = new Intl.NumberFormat(l, o);
  console.log(l, JSON.stringify(o), esc([1234, -1234567, 0.5].map((v) => f.format(v)).join(' | ')));
}
for (const l of ['en-US', 'de-DE', 'sv', 'he', 'ar', 'ja']) {
  console.log(esc(JSON.stringify(new Intl.NumberFormat(l, { notation: 'compact', compactDisplay: 'long' }).formatToParts(-1234567))));
  console.log(esc(JSON.stringify(new Intl.NumberFormat(l, { notation: 'scientific' }).formatToParts(-0.000123))));
  console.log(esc(JSON.stringify(new Intl.NumberFormat(l, { notation: 'engineering', signDisplay: 'always' }).formatToParts(12345))));
}
for (const o of [{ notation: 'compact' }, { notation: 'compact', maximumFractionDigits: 1 }, { notation: 'scientific' }, { notation: 'compact', roundingPriority: 'lessPrecision' }, { notation: 'compact', compactDisplay: 'long', useGrouping: true }]) console.log(JSON.stringify(new Intl.NumberFormat('en', o).resolvedOptions()));
