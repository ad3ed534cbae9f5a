// Intl.PluralRules, cardinal and ordinal, for several languages.
for (const l of ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'tr', 'ar-EG', 'ru', 'pl', 'cy']) {
  const c = new Intl.PluralRules(l), o = new Intl.PluralRules(l, { type: 'ordinal' }), f2 = new Intl.PluralRules(l, { minimumFractionDigits: 1 });
  console.log(l, JSON.stringify(c.resolvedOptions()), JSON.stringify(o.resolvedOptions().pluralCategories));
  console.log(l, [0, 1, 2, 3, 4, 5, 6, 10, 11, 12, 21, 22, 23, 25, 101, 102, 111, 1.5, '1.0', 0.1, 1e6, -1, NaN, 1.0001].map((n) => `${c.select(n)}/${o.select(n)}/${f2.select(n)}`).join(' '));
}
try { new Intl.PluralRules('en', { type: 'x' }); } catch (e) { console.log(e.name, e.message); }
try { Intl.PluralRules(); } catch (e) { console.log(e.name, e.message); }
console.log(Object.prototype.toString.call(new Intl.PluralRules()));
