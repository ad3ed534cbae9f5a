const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const locales = ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'tr', 'ar-EG', 'es', 'pl', 'hi-IN', 'en-IN', 'de-CH', 'it', 'ru'];
const values = [0, -0, 1, -1, 1234, 12345.6789, -1234567.891, 0.5, 2.5, -2.5, 1.005, 0.000001234, 1e21, 123456789012345680000, NaN, Infinity, -Infinity, 0.1 + 0.2, 99.9995];
const opts = [{}, { maximumFractionDigits: 2 }, { minimumFractionDigits: 2 }, { maximumSignificantDigits: 3 }, { minimumSignificantDigits: 4 },
  { minimumIntegerDigits: 3 }, { useGrouping: false }, { useGrouping: 'min2' }, { useGrouping: 'always' }, { style: 'percent' },
  { style: 'percent', maximumFractionDigits: 1 }, { signDisplay: 'always' }, { signDisplay: 'exceptZero' }, { signDisplay: 'never' }, { signDisplay: 'negative' },
  { minimumFractionDigits: 0, maximumFractionDigits: 0 }];
for (const l of locales) for (const o of opts) {
  const f = new Intl.NumberFormat(l, o);
  console.log(l, JSON.stringify(o), esc(values.map((v) => f.format(v)).join(' | ')));
}
for (const l of locales) console.log(JSON.stringify(new Intl.NumberFormat(l, { style: 'percent', signDisplay: 'always' }).formatToParts(-0.125)).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')));
console.log(JSON.stringify(new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2 }).formatToParts(-1234.5)));
for (const o of [{}, { style: 'percent' }, { maximumSignificantDigits: 3 }, { minimumFractionDigits: 2, useGrouping: false }, { maximumFractionDigits: 0 }, { minimumFractionDigits: 5 }]) console.log(JSON.stringify(new Intl.NumberFormat('en-US', o).resolvedOptions()));
for (const o of [{ minimumFractionDigits: 3, maximumFractionDigits: 1 }, { maximumFractionDigits: 101 }, { style: 'bogus' }, { minimumIntegerDigits: 0 }]) {
  try { new Intl.NumberFormat('en', o); console.log('no error'); } catch (e) { console.log(e.name + ': ' + e.message); }
}
console.log(esc([(1234.5).toLocaleString('de-DE'), (1234.5).toLocaleString('en-US'), (0.256).toLocaleString('fr-FR', { style: 'percent' }), new Intl.NumberFormat('en').format(12345678901234567890n), new Intl.NumberFormat('en').format('1234.5')].join(' | ')));
console.log(Object.prototype.toString.call(new Intl.NumberFormat()), Intl.NumberFormat('en-US').format(1e6), Intl.NumberFormat.supportedLocalesOf(['de-de']));
