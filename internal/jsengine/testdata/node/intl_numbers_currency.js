const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const locales = ['en-US', 'en-GB', 'en-IN', 'de-DE', 'de-CH', 'fr-FR', 'es', 'it', 'pt-BR', 'pt-PT', 'nl', 'sv', 'pl', 'ru', 'tr', 'ar', 'he', 'hi', 'ja', 'zh', 'ko'];
const values = [0, -0, 1, -1, 1234.5, -1234567.891, 0.005, 1e21, NaN, -Infinity];
const currencies = ['USD', 'EUR', 'JPY', 'GBP', 'CHF', 'INR', 'BHD', 'KRW', 'CAD', 'BRL', 'xyz'];
for (const l of locales) for (const currencyDisplay of ['symbol', 'narrowSymbol', 'code', 'name']) {
  for (const currency of currencies) {
    const f = new Intl.NumberFormat(l, { style: 'currency', currency, currencyDisplay });
    console.log(l, currencyDisplay, currency, esc(values.map((v) => f.format(v)).join(' | ')));
  }
}
for (const l of locales) for (const o of [{ currencySign: 'accounting' }, { currencySign: 'accounting', signDisplay: 'always' }, { signDisplay: 'exceptZero' }, { signDisplay: 'negative' }, { signDisplay: 'never' }, { maximumFractionDigits: 0 }, { minimumFractionDigits: 3 }]) {
  const f = new Intl.NumberFormat(l, { style: 'currency', currency: 'EUR', ...o });
  console.log(l, JSON.stringify(o), esc([0, -0, 1, -1, 1234.5, -0.001].map((v) => f.format(v)).join(' | ')));
}
for (const l of ['en-US', 'de-DE', 'nl', 'he', 'ar']) {
  console.log(esc(JSON.stringify(new Intl.NumberFormat(l, { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).formatToParts(-1234.5))));
  console.log(esc(JSON.stringify(new Intl.NumberFormat(l, { style: 'currency', currency: 'USD', currencyDisplay: 'name' }).formatToParts(-1234.5))));
  console.log(esc(JSON.stringify(new Intl.NumberFormat(l, { style: 'currency', currency: 'USD', currencySign: 'accounting' }).formatToParts(-1234.5))));
}
for (const o of [{ style: 'currency', currency: 'usd' }, { style: 'currency', currency: 'JPY', currencyDisplay: 'name' }, { style: 'currency', currency: 'EUR', maximumSignificantDigits: 2 }]) console.log(JSON.stringify(new Intl.NumberFormat('en', o).resolvedOptions()));
for (const o of [{ style: 'currency' }, { style: 'currency', currency: 'US' }, { style: 'currency', currency: 'US$' }, { currency: 'EURO' }, { style: 'currency', currency: 'EUR', currencyDisplay: 'full' }, { style: 'currency', currency: 'EUR', currencySign: 'x' }]) {
  try { new Intl.NumberFormat('en', o); console.log('no error'); } catch (e) { console.log(e.name + ': ' + e.message); }
}
console.log(esc([(12345n).toLocaleString('en', { style: 'currency', currency: 'EUR' }), (1234.5).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' }), (-5).toLocaleString('ja-JP', { style: 'currency', currency: 'JPY' })].join(' | ')));
