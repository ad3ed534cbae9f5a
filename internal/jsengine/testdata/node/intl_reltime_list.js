const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const locales = ['en-US', 'en-GB', 'en-IN', 'de-DE', 'de-CH', 'fr-FR', 'es', 'it', 'pt-BR', 'pt-PT', 'nl', 'sv', 'pl', 'ru', 'tr', 'ar', 'he', 'hi', 'ja', 'zh', 'ko'];
const units = ['year', 'quarters', 'month', 'week', 'days', 'hour', 'minute', 'second'];
const values = [-2, -1, -0, 0, 1, 2, 3, 5, 11, 21, 1.5, -1234.5678, 1e6];
for (const l of locales) for (const style of ['long', 'short', 'narrow']) for (const numeric of ['always', 'auto']) {
  const f = new Intl.RelativeTimeFormat(l, { style, numeric });
  console.log(l, style, numeric, esc(units.map((u) => values.map((v) => f.format(v, u)).join(',')).join(' | ')));
}
for (const l of ['en', 'de', 'ar']) console.log(esc(JSON.stringify(new Intl.RelativeTimeFormat(l).formatToParts(-1234.5, 'day'))), esc(JSON.stringify(new Intl.RelativeTimeFormat(l, { numeric: 'auto' }).formatToParts(1, 'day'))));
console.log(JSON.stringify(new Intl.RelativeTimeFormat('de-DE', { style: 'short', numeric: 'auto' }).resolvedOptions()), JSON.stringify(new Intl.RelativeTimeFormat().resolvedOptions()));
for (const f of [() => new Intl.RelativeTimeFormat('en').format(1, 'fortnight'), () => new Intl.RelativeTimeFormat('en').format(NaN, 'day'), () => new Intl.RelativeTimeFormat('en').format(1), () => new Intl.RelativeTimeFormat('en', { numeric: 'sometimes' }), () => Intl.RelativeTimeFormat('en'), () => Intl.RelativeTimeFormat.prototype.format.call({}, 1, 'day')]) {
  try { console.log(f()); } catch (e) { console.log(e.name + ': ' + e.message); }
}
const lists = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd', 'e']];
for (const l of locales) for (const type of ['conjunction', 'disjunction', 'unit']) for (const style of ['long', 'short', 'narrow']) {
  const f = new Intl.ListFormat(l, { type, style });
  console.log(l, type, style, esc(lists.map((x) => f.format(x)).join(' | ')));
}
console.log(esc([new Intl.ListFormat('es').format(['agua', 'hielo']), new Intl.ListFormat('es').format(['agua', 'hierro']), new Intl.ListFormat('es').format(['agua', 'Iglesia']), new Intl.ListFormat('es', { type: 'disjunction' }).format(['siete', 'ocho']), new Intl.ListFormat('es', { type: 'disjunction' }).format(['10', '11']), new Intl.ListFormat('es', { type: 'disjunction' }).format(['uno', 'hora']), new Intl.ListFormat('he').format(['א', 'ב']), new Intl.ListFormat('he').format(['א', 'B'])].join(' | ')));
console.log(JSON.stringify(new Intl.ListFormat('en').formatToParts(['x', 'y', 'z'])), JSON.stringify(new Intl.ListFormat('fr', { type: 'unit', style: 'narrow' }).resolvedOptions()), new Intl.ListFormat('en').format(new Set(['p', 'q'])));
for (const f of [() => new Intl.ListFormat('en').format([1, 2]), () => new Intl.ListFormat('en', { style: 'tiny' }), () => Intl.ListFormat(), () => new Intl.ListFormat('en').format(5), () => Intl.ListFormat.prototype.format.call({}, [])]) {
  try { console.log(f()); } catch (e) { console.log(e.name + ': ' + e.message); }
}
for (const l of ['en', 'fr', 'ru', 'pl', 'ar', 'he', 'ja', 'de']) {
  const p = new Intl.PluralRules(l);
  console.log(l, [[1, 1], [1, 2], [0, 1], [2, 5], [1, 5], [5, 1], [2, 1], [1.5, 2], [3, 11], [11, 101], [21, 22]].map(([a, b]) => p.selectRange(a, b)).join(','));
}
for (const f of [() => new Intl.PluralRules('en').selectRange(1), () => new Intl.PluralRules('en').selectRange(NaN, 1), () => new Intl.PluralRules('en').selectRange(1, NaN), () => Intl.PluralRules.prototype.selectRange.call({}, 1, 2)]) {
  try { console.log(f()); } catch (e) { console.log(e.name + ': ' + e.message); }
}
console.log(Object.prototype.toString.call(new Intl.RelativeTimeFormat()), Object.prototype.toString.call(new Intl.ListFormat()), typeof Intl.RelativeTimeFormat.supportedLocalesOf, Intl.ListFormat.supportedLocalesOf('de-de'));
