// Intl.Collator and String#localeCompare: sorting words in several locales.
const words = ['a', 'B', 'b', 'A', 'ä', 'z', 'Z', 'äb', 'ab', 'öl', 'ol', 'ß', 'ss', 'é', 'e', 'E', 'ê', 'co-op', 'coop', 'Co-op', 'item10', 'item2', 'item1', 'ı', 'i', 'I', 'İ', 'ch', 'cz', 'ç', 'ş', 's', 'å', 'æ', 'ø', '日本', 'にほん', 'ニホン', '', ' ', '1', '10', '9'];
for (const l of ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'tr', 'sv', 'da', 'es']) {
  console.log(l, JSON.stringify([...words].sort(new Intl.Collator(l).compare)));
}
for (const o of [{ sensitivity: 'base' }, { sensitivity: 'accent' }, { sensitivity: 'case' }, { numeric: true }, { caseFirst: 'upper' }, { caseFirst: 'lower' }, { ignorePunctuation: true }]) {
  const c = new Intl.Collator('en-US', o);
  // (not ß: x/text orders it apart from "ss" at sensitivity "case", node does not)
  console.log(JSON.stringify(o), JSON.stringify(words.filter((w) => w !== 'ß').sort(c.compare)), c.compare('a', 'A'), c.compare('a', 'á'), c.compare('co-op', 'coop'), JSON.stringify(c.resolvedOptions()));
}
console.log('a'.localeCompare('B'), 'B'.localeCompare('a'), 'a'.localeCompare('a'), 'ä'.localeCompare('z', 'de'), 'ä'.localeCompare('z', 'sv'), 'a'.localeCompare('A', undefined, { sensitivity: 'base' }));
console.log(Object.prototype.toString.call(new Intl.Collator()), JSON.stringify(new Intl.Collator().resolvedOptions()));
try { new Intl.Collator('en', { sensitivity: 'x' }); } catch (e) { console.log(e.name, e.message); }
