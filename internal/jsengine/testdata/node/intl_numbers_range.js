const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const pairs = [[3, 5], [3, 3], [2.9, 3.1], [-5, -3], [-3, 5], [5, 3], [0, 1e6], [1000, 5000], [1234, 1234.4], [3n, 5n], ['1.5', '2.5'], [-0, 0], [0, Infinity]];
const opts = [{}, { maximumFractionDigits: 0 }, { style: 'currency', currency: 'EUR' }, { style: 'currency', currency: 'USD', currencyDisplay: 'code' }, { style: 'currency', currency: 'USD', currencyDisplay: 'name' },
  { style: 'percent' }, { style: 'unit', unit: 'meter' }, { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' }, { notation: 'compact' }, { notation: 'scientific' }, { signDisplay: 'always' }];
for (const l of ['en-US', 'de-DE', 'fr-FR', 'ja', 'ru', 'es']) for (const o of opts) {
  const f = new Intl.NumberFormat(l, o);
  console.log(l, JSON.stringify(o), esc(pairs.map(([a, b]) => f.formatRange(a, b)).join(' | ')));
}
for (const o of [0, 1, 2, 4, 5].map((i) => opts[i])) console.log(esc(JSON.stringify(new Intl.NumberFormat('en', o).formatRangeToParts(3, 5))), esc(JSON.stringify(new Intl.NumberFormat('en', o).formatRangeToParts(3, 3))));
for (const [a, b] of [[1, undefined], [undefined, 1], [NaN, 1], [1, NaN], [1, 'x']]) {
  try { new Intl.NumberFormat('en').formatRange(a, b); console.log('no error'); } catch (e) { console.log(e.name + ': ' + e.message); }
}
