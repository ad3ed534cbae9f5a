const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
// the covered locales and some that fall back to their language's data
const locales = ['en', 'en-US', 'en-GB', 'en-IN', 'de', 'de-CH', 'de-AT', 'fr', 'fr-CA', 'es', 'es-MX', 'it', 'it-CH', 'fr-CH', 'pt', 'pt-BR', 'pt-PT', 'nl', 'sv', 'pl', 'ru', 'tr', 'ar', 'he', 'hi', 'ja', 'zh', 'zh-CN', 'ko'];
const values = [0, -1, 1234.5, -1234567.891, 0.25, 1e9];
const opts = [{}, { style: 'percent' }, { style: 'currency', currency: 'EUR' }, { style: 'currency', currency: 'USD', currencyDisplay: 'name' }, { style: 'currency', currency: 'EUR', currencySign: 'accounting' },
  { style: 'unit', unit: 'kilogram' }, { style: 'unit', unit: 'mile-per-hour', unitDisplay: 'long' }, { notation: 'compact' }, { notation: 'compact', compactDisplay: 'long' }, { notation: 'scientific' },
  { signDisplay: 'always' }, { style: 'currency', currency: 'JPY', signDisplay: 'exceptZero' }];
for (const l of locales) for (const o of opts) {
  const f = new Intl.NumberFormat(l, o);
  console.log(l, JSON.stringify(o), esc(values.map((v) => f.format(v)).join(' | ')), f.resolvedOptions().locale);
}
for (const l of locales) {
  console.log(l, esc(JSON.stringify(new Intl.NumberFormat(l, { style: 'currency', currency: 'EUR', signDisplay: 'always' }).formatToParts(-1234.5))));
  console.log(l, esc(JSON.stringify(new Intl.NumberFormat(l, { style: 'unit', unit: 'liter', unitDisplay: 'long' }).formatToParts(2))));
  console.log(l, esc(JSON.stringify(new Intl.NumberFormat(l, { notation: 'compact', compactDisplay: 'long' }).formatToParts(2500000))));
  console.log(l, esc([new Intl.RelativeTimeFormat(l).format(-3, 'day'), new Intl.RelativeTimeFormat(l, { numeric: 'auto', style: 'short' }).format(1, 'week'), new Intl.ListFormat(l).format(['x', 'y', 'z']), new Intl.ListFormat(l, { type: 'disjunction', style: 'short' }).format(['x', 'y'])].join(' | ')), new Intl.RelativeTimeFormat(l).resolvedOptions().locale, new Intl.ListFormat(l).resolvedOptions().locale);
}
