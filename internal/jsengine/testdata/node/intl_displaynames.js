// Intl.DisplayNames for en, de, fr, es, ja, zh (and zh-Hant).
const locales = ['en', 'de', 'fr', 'es', 'ja', 'zh', 'zh-TW', 'en-GB', 'de-AT'];
const codes = {
  language: ['en', 'de', 'fr', 'es', 'ja', 'zh', 'ar', 'he', 'hi', 'ru', 'pt', 'it', 'nl', 'sv', 'tr', 'ko', 'en-GB', 'en-US', 'es-419', 'fr-CA', 'pt-BR', 'zh-Hans',
    'zh-Hant', 'de-AT', 'de-CH', 'nl-BE', 'sr-Latn', 'en-Latn-US', 'en-Cyrl', 'de-Latn-CH', 'xyz-US', 'iw', 'en-US-u-ca-buddhist', 'yue', 'fil', 'haw', 'root'],
  region: ['US', 'GB', 'DE', 'FR', 'JP', 'CN', 'TW', 'HK', 'MO', 'KR', 'IN', 'BR', 'MX', '419', '001', '150', 'EU', 'UN', 'ZZ', 'XK', 'CZ', 'MK', 'SZ', 'CI', 'PS', 'us', 'AA'],
  script: ['Latn', 'Cyrl', 'Arab', 'Hans', 'Hant', 'Jpan', 'Kore', 'Deva', 'Grek', 'Hebr', 'Zyyy', 'Zzzz', 'Brai', 'latn', 'Qaaa'],
  currency: ['USD', 'EUR', 'JPY', 'GBP', 'CNY', 'CHF', 'BTC', 'XAU', 'usd', 'xyz', 'DEM'],
  calendar: ['gregory', 'buddhist', 'chinese', 'islamic-civil', 'ethioaa', 'iso8601', 'japanese', 'roc', 'abc'],
  dateTimeField: ['era', 'year', 'quarter', 'month', 'weekOfYear', 'weekday', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'timeZoneName'],
};
for (const loc of locales) {
  for (const [type, list] of Object.entries(codes)) {
    for (const style of ['long', 'short', 'narrow']) {
      const d = new Intl.DisplayNames(loc, { type, style });
      console.log(loc, type, style, JSON.stringify(list.map((c) => d.of(c))));
    }
  }
  const std = new Intl.DisplayNames(loc, { type: 'language', languageDisplay: 'standard' });
  console.log(loc, 'standard', JSON.stringify(codes.language.map((c) => std.of(c))));
  const none = new Intl.DisplayNames(loc, { type: 'region', fallback: 'none' });
  console.log(loc, 'none', JSON.stringify(['ZZ', 'AA', 'us', 'US'].map((c) => none.of(c))));
}
console.log(JSON.stringify([
  new Intl.DisplayNames('en', { type: 'region' }).resolvedOptions(),
  new Intl.DisplayNames('de-AT', { type: 'currency', style: 'short', fallback: 'none' }).resolvedOptions(),
  new Intl.DisplayNames('en', { type: 'language', languageDisplay: 'standard' }).resolvedOptions(),
  new Intl.DisplayNames('xx', { type: 'region' }).resolvedOptions(),
  new Intl.DisplayNames(['zh-HK', 'en'], { type: 'script' }).resolvedOptions(),
]));
const bad = [['region', 'USA'], ['region', ''], ['script', 'latn1'], ['currency', 'US'], ['calendar', 'gregorian'], ['calendar', 'x'], ['dateTimeField', 'foo'], ['language', 'en_US'], ['language', '']];
for (const [t, c] of bad) {
  try { console.log(t, JSON.stringify(c), JSON.stringify(new Intl.DisplayNames('en', { type: t }).of(c))); } catch (e) { console.log(t, JSON.stringify(c), e.name, e.message); }
}
for (const f of [() => new Intl.DisplayNames('en'), () => new Intl.DisplayNames('en', {}), () => new Intl.DisplayNames('en', null), () => new Intl.DisplayNames('en', { type: 'x' }),
  () => new Intl.DisplayNames('en', { type: 'region', style: 'x' }), () => new Intl.DisplayNames('en', { type: 'region', fallback: 'x' }),
  () => new Intl.DisplayNames('en', { type: 'language', languageDisplay: 'x' }), () => Intl.DisplayNames('en', { type: 'region' }),
  () => new Intl.DisplayNames('en', { type: 'region' }).of(), () => Intl.DisplayNames.prototype.of.call({}, 'x'), () => new Intl.DisplayNames('en', { type: 'region' }).of(Symbol('x'))]) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.name, e.message); }
}
console.log(Object.prototype.toString.call(new Intl.DisplayNames('en', { type: 'region' })), Intl.DisplayNames.length, Intl.DisplayNames.prototype.of.length, Object.getOwnPropertyNames(Intl.DisplayNames.prototype).join());
