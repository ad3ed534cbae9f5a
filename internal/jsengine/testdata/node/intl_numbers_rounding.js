const esc = (s) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const values = [0, -0, 1.25, -1.25, 1.35, 2.5, -2.5, 1.005, 0.0049, 123.456, -999.995, 0.1 + 0.2, 1e21, 5e-7, 12345678901234567890n, -5n, '1234567890123456789.125', '-0.000000000000000000000015', '1e400', ' 42 ', 'abc', '0x1f', '', '-0', '1_000'];
const opts = [{}, { roundingMode: 'ceil' }, { roundingMode: 'floor' }, { roundingMode: 'expand' }, { roundingMode: 'trunc' }, { roundingMode: 'halfCeil' }, { roundingMode: 'halfFloor' }, { roundingMode: 'halfTrunc' }, { roundingMode: 'halfEven' },
  { roundingMode: 'halfEven', maximumFractionDigits: 1 }, { roundingMode: 'floor', maximumSignificantDigits: 2 },
  { roundingIncrement: 5, minimumFractionDigits: 2, maximumFractionDigits: 2 }, { roundingIncrement: 25, maximumFractionDigits: 2, minimumFractionDigits: 2, roundingMode: 'ceil' }, { roundingIncrement: 50, maximumFractionDigits: 1 },
  { roundingPriority: 'morePrecision', maximumSignificantDigits: 2, maximumFractionDigits: 2 }, { roundingPriority: 'lessPrecision', maximumSignificantDigits: 2, maximumFractionDigits: 2 }, { roundingPriority: 'lessPrecision', minimumSignificantDigits: 3 },
  { trailingZeroDisplay: 'stripIfInteger', minimumFractionDigits: 2 }, { minimumFractionDigits: 2, maximumFractionDigits: 4 }, { minimumSignificantDigits: 3, maximumSignificantDigits: 5 }, { maximumFractionDigits: 20 }, { minimumIntegerDigits: 5, maximumSignificantDigits: 2 },
  { signDisplay: 'exceptZero', maximumFractionDigits: 1 }, { signDisplay: 'negative', maximumFractionDigits: 1 }, { signDisplay: 'always', style: 'percent' }, { useGrouping: 'min2' }, { useGrouping: 'always' }, { useGrouping: false }, { useGrouping: 'true' }];
for (const l of ['en-US', 'de-DE', 'fr-FR', 'hi']) for (const o of opts) {
  let f;
  try { f = new Intl.NumberFormat(l, o); } catch (e) { console.log(l, JSON.stringify(o), e.name + ': ' + e.message); continue; }
  console.log(l, JSON.stringify(o), esc(values.map((v) => f.format(v)).join(' | ')));
}
for (const o of opts) { try { console.log(JSON.stringify(new Intl.NumberFormat('en', o).resolvedOptions())); } catch (e) { console.log(e.name + ': ' + e.message); } }
for (const o of [{ roundingIncrement: 3 }, { roundingIncrement: 5, maximumFractionDigits: 2 }, { roundingIncrement: 5, maximumSignificantDigits: 2 }, { roundingIncrement: 10000 }, { roundingMode: 'up' }, { roundingPriority: 'most' }, { trailingZeroDisplay: 'strip' }, { useGrouping: 'never' }, { minimumSignificantDigits: 5, maximumSignificantDigits: 2 }, { numberingSystem: 'a' }]) {
  try { new Intl.NumberFormat('en', o); console.log('no error'); } catch (e) { console.log(e.name + ': ' + e.message); }
}
console.log(esc(JSON.stringify(new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).formatToParts('-1234567.89'))));
const obj = { valueOf() { return 12345678901234567890n; } };
console.log(new Intl.NumberFormat('en').format(obj), new Intl.NumberFormat('en').format({ toString() { return '1.5'; } }), new Intl.NumberFormat('en').format([7]), new Intl.NumberFormat('en').format(true), new Intl.NumberFormat('en').format(null), new Intl.NumberFormat('en').format(undefined));
try { new Intl.NumberFormat('en').format(Symbol('x')); } catch (e) { console.log(e.name); }
