const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const locales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es', 'it', 'pt-BR', 'nl', 'sv', 'pl', 'ru', 'tr', 'ar', 'he', 'hi', 'ja', 'zh', 'ko'];
const units = ['acre', 'bit', 'byte', 'celsius', 'centimeter', 'day', 'degree', 'fahrenheit', 'fluid-ounce', 'foot', 'gallon', 'gigabit', 'gigabyte', 'gram', 'hectare', 'hour', 'inch', 'kilobit', 'kilobyte', 'kilogram', 'kilometer', 'liter', 'megabit', 'megabyte', 'meter', 'microsecond', 'mile', 'mile-scandinavian', 'milliliter', 'millimeter', 'millisecond', 'minute', 'month', 'nanosecond', 'ounce', 'percent', 'petabyte', 'pound', 'second', 'stone', 'terabit', 'terabyte', 'week', 'yard', 'year'];
const values = [1, 2, 5, 1.5, -3, 21, 1000];
for (const l of locales) for (const unitDisplay of ['short', 'long', 'narrow']) {
  const line = [];
  for (const unit of units) {
    const f = new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay });
    line.push(values.map((v) => f.format(v)).join(','));
  }
  console.log(l, unitDisplay, esc(line.join(' | ')));
}
for (const l of locales) for (const unitDisplay of ['short', 'long', 'narrow']) {
  const line = [];
  for (const unit of ['kilometer-per-liter', 'meter-per-hour', 'gram-per-second', 'byte-per-second', 'megabyte-per-minute', 'kilogram-per-day', 'liter-per-week', 'percent-per-year', 'foot-per-minute', 'celsius-per-month']) {
    const f = new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay });
    line.push([1, 2, 5, 1.5].map((v) => f.format(v)).join(','));
  }
  console.log(l, unitDisplay, esc(line.join(' | ')));
}
for (const l of ['en-US', 'de-DE', 'ja', 'ar']) {
  console.log(esc(JSON.stringify(new Intl.NumberFormat(l, { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' }).formatToParts(-1234.5))));
  console.log(esc(JSON.stringify(new Intl.NumberFormat(l, { style: 'unit', unit: 'celsius' }).formatToParts(21))));
}
console.log(JSON.stringify(new Intl.NumberFormat('en', { style: 'unit', unit: 'liter-per-kilometer' }).resolvedOptions()));
for (const o of [{ style: 'unit' }, { style: 'unit', unit: 'meters' }, { style: 'unit', unit: 'meter-per-foo' }, { style: 'unit', unit: 'meter-per-second-per-second' }, { unit: 'parsec' }, { style: 'unit', unit: 'meter', unitDisplay: 'tiny' }, { unit: 'meter' }]) {
  try { const f = new Intl.NumberFormat('en', o); console.log('ok', f.format(5)); } catch (e) { console.log(e.name + ': ' + e.message); }
}
