// option combinations drawn by a fixed pseudo-random sequence, compared line by line with node
const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
let seed = 12345;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const one = (a) => a[rnd(a.length)];
const locales = ['en-US', 'en-GB', 'en-IN', 'de-DE', 'de-CH', 'fr-FR', 'es', 'es-MX', 'it', 'pt-BR', 'pt-PT', 'nl', 'sv', 'pl', 'ru', 'tr', 'ar', 'he', 'hi', 'ja', 'zh', 'ko'];
const choices = {
  style: ['decimal', 'percent', 'currency', 'unit', undefined, undefined],
  notation: ['standard', 'scientific', 'engineering', 'compact', undefined, undefined, undefined],
  compactDisplay: ['short', 'long', undefined],
  currencyDisplay: ['symbol', 'narrowSymbol', 'code', 'name', undefined],
  currencySign: ['standard', 'accounting', undefined],
  unitDisplay: ['short', 'long', 'narrow', undefined],
  signDisplay: ['auto', 'never', 'always', 'exceptZero', 'negative', undefined, undefined],
  useGrouping: [true, false, 'min2', 'always', 'auto', undefined, undefined],
  roundingMode: ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven', undefined, undefined],
  roundingPriority: ['auto', 'morePrecision', 'lessPrecision', undefined, undefined, undefined],
  trailingZeroDisplay: ['auto', 'stripIfInteger', undefined, undefined],
  minimumFractionDigits: [0, 1, 2, 3, undefined, undefined, undefined, undefined],
  maximumFractionDigits: [0, 1, 2, 5, undefined, undefined, undefined, undefined],
  maximumSignificantDigits: [1, 2, 3, 8, undefined, undefined, undefined, undefined, undefined],
  minimumIntegerDigits: [1, 2, 4, undefined, undefined, undefined, undefined],
};
const currencies = ['USD', 'EUR', 'JPY', 'GBP', 'CHF', 'INR', 'KWD', 'CNY', 'RUB', 'TRY', 'PLN', 'SEK', 'BRL', 'KRW', 'ILS', 'SAR'];
const units = ['meter', 'kilometer', 'kilogram', 'liter', 'second', 'hour', 'day', 'percent', 'byte', 'megabyte', 'celsius', 'mile-per-hour', 'kilometer-per-hour', 'liter-per-kilometer', 'gigabyte-per-second', 'foot-per-minute'];
const values = [0, -0, 1, -1, 2, 5, 0.5, 1.5, -2.5, 21, 999.5, 1234.5678, -98765.4321, 1e6, 1.5e9, 123456789012, 0.000123, -0.00999, 99999, NaN, Infinity, 12n, -1234567n, '12345.678901234567890'];
let lines = 0;
while (lines < 700) {
  const o = {};
  for (const [k, v] of Object.entries(choices)) { const c = one(v); if (c !== undefined) o[k] = c; }
  if (o.style === 'currency') o.currency = one(currencies);
  if (o.style === 'unit') o.unit = one(units);
  const l = one(locales);
  let f;
  try { f = new Intl.NumberFormat(l, o); } catch (e) { continue; }
  const vs = [one(values), one(values), one(values), one(values)];
  console.log(l, JSON.stringify(o), esc(vs.map((v) => { try { return f.format(v); } catch (e) { return e.name; } }).join(' | ')));
  lines++;
}
