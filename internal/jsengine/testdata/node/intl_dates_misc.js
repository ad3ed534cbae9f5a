// Intl.DateTimeFormat: negotiation, -u- extensions, resolvedOptions, day periods, hour cycles, zone ids, errors; Date#toString.
if (typeof process !== 'undefined') process.env.TZ = 'UTC'; // the engine's local time is UTC
const d = Date.UTC(2026, 6, 14, 13, 30, 5, 250);
const show = (l, o) => {
  try {
    const f = new Intl.DateTimeFormat(l, o);
    console.log(JSON.stringify(l), JSON.stringify(o), JSON.stringify(f.format(d)), JSON.stringify(f.resolvedOptions()));
  } catch (e) { console.log(JSON.stringify(l), JSON.stringify(o), e.name + ': ' + e.message); }
};
for (const l of ['de-DE', 'de-XX', 'de-CH', 'de-LI', 'fr-BE', 'en-150', 'en-DE', 'es-419', 'es-AR', 'pt-AO', 'zh-TW', 'zh-HK', 'zh-Hans-CN', 'zh-Hant', 'sr-Latn', 'nn', 'no', 'EN-gb', ['xx', 'it'], ['zz-ZZ'], [], 'ar-SA', 'en-u-nu-arab', 'en-u-nu-deva', 'en-u-nu-xxxx', 'de-u-hc-h12', 'de-u-hc-h11', 'ja-u-hc-h24', 'en-u-hc-h23-nu-thai', 'en-u-ca-gregory', 'de-u-co-phonebk']) {
  show(l, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
  show(l, { timeZone: 'UTC', hour: 'numeric', minute: 'numeric' });
}
for (const o of [{ hour12: true }, { hour12: false }, { hourCycle: 'h11' }, { hourCycle: 'h12' }, { hourCycle: 'h23' }, { hourCycle: 'h24' }, { hour12: false, hourCycle: 'h11' }]) {
  for (const l of ['en', 'de', 'ja', 'ko', 'de-u-hc-h12', 'en-u-hc-h23']) show(l, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit', ...o });
}
for (const o of [{ numberingSystem: 'arab' }, { numberingSystem: 'latn' }, { numberingSystem: 'hanidec' }, { numberingSystem: 'nope' }, { calendar: 'gregory' }]) {
  show('en', { timeZone: 'UTC', ...o }); show('ar-EG', { timeZone: 'UTC', ...o }); show('en-u-nu-arab', { timeZone: 'UTC', ...o });
}
for (const tz of ['america/new_york', 'EUROPE/PARIS', 'Asia/Kolkata', 'asia/calcutta', 'US/Pacific', 'Europe/Kyiv', 'etc/gmt+5', 'Etc/UTC', 'GMT', 'utc', 'Etc/GMT-14', 'America/Argentina/Buenos_Aires', 'Antarctica/Troll']) {
  show('en', { timeZone: tz, timeZoneName: 'long' });
}
for (const l of ['en', 'de', 'fr', 'es', 'zh', 'zh-TW', 'ja', 'ko', 'ru', 'ar', 'hi', 'he', 'pt', 'it']) {
  const f = new Intl.DateTimeFormat(l, { timeZone: 'UTC', hour: 'numeric', dayPeriod: 'long' });
  const g = new Intl.DateTimeFormat(l, { timeZone: 'UTC', dayPeriod: 'narrow' });
  const h = new Intl.DateTimeFormat(l, { timeZone: 'UTC', hour: 'numeric', minute: 'numeric', hourCycle: 'h12' });
  const hours = Array.from({ length: 24 }, (_, i) => Date.UTC(2026, 0, 1, i));
  console.log(l, JSON.stringify(hours.map((t) => f.format(t))), JSON.stringify(hours.map((t) => g.format(t))));
  console.log(l, JSON.stringify([0, 12].map((i) => h.format(Date.UTC(2026, 0, 1, i)))), JSON.stringify(new Intl.DateTimeFormat(l, { timeZone: 'UTC', hour: 'numeric', hour12: false }).format(Date.UTC(2026, 0, 1, 0))));
}
for (const o of [{ timeZone: 'Mars/Base' }, { timeZone: '' }, { timeZone: 'UTC', hourCycle: 'h25' }, { dateStyle: 'medium', weekday: 'long' }, { timeStyle: 'long', fractionalSecondDigits: 2 }, { calendar: 'gregory!' }, { numberingSystem: 'x' }, { localeMatcher: 'fast' }, { formatMatcher: 'x' }]) show('en', o);
for (const l of ['', 'en_US', 'x', 'a'.repeat(9)]) show(l, { timeZone: 'UTC' });
console.log(JSON.stringify(Intl.DateTimeFormat.supportedLocalesOf(['de-AT', 'xx', 'zz-ZZ', 'fr', 'en-150', 'tlh'])));
const e = new Date(Date.UTC(2026, 6, 14, 13, 30));
console.log(String(e), e.toTimeString(), e.toDateString(), String(new Date(NaN)));
const U = { timeZone: 'UTC' };
console.log(e.toLocaleString('de', U), e.toLocaleDateString('ja', { ...U, dateStyle: 'long' }), e.toLocaleTimeString('fr', { ...U, hour: '2-digit', minute: '2-digit' }), e.toLocaleString(['tlh', 'ko'], U));
for (const a of [[undefined, 1], [1, NaN], [3, 1]]) {
  try { console.log(new Intl.DateTimeFormat('en', { timeZone: 'UTC' }).formatRange(...a)); } catch (err) { console.log(err.name + ': ' + err.message); }
}
