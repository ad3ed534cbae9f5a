// Intl.DateTimeFormat formatRange/formatRangeToParts across locales (CLDR intervalFormats, as ICU DateIntervalFormat).
const pts = [Date.UTC(2026, 0, 5, 10, 0), Date.UTC(2026, 0, 5, 10, 45), Date.UTC(2026, 0, 5, 11, 30), Date.UTC(2026, 0, 5, 15, 30), Date.UTC(2026, 0, 10, 15, 30), Date.UTC(2026, 2, 2, 9), Date.UTC(2027, 5, 1, 9)];
const opts = [{}, { dateStyle: 'medium' }, { dateStyle: 'long' }, { dateStyle: 'full' }, { dateStyle: 'short' }, { timeStyle: 'short' }, { dateStyle: 'medium', timeStyle: 'short' },
  { hour: 'numeric', minute: 'numeric' }, { hour: 'numeric' }, { month: 'long', day: 'numeric' }, { month: 'short', year: 'numeric' }, { year: 'numeric' },
  { weekday: 'short', month: 'short', day: 'numeric' }, { month: 'numeric', day: 'numeric' }, { hour: 'numeric', minute: 'numeric', hour12: true }, { hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }, { month: 'long', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZoneName: 'short' }, { year: 'numeric', month: 'long' }, { hour: 'numeric', minute: 'numeric', second: 'numeric' }];
for (const l of ['en', 'en-GB', 'de', 'fr', 'es', 'ja', 'zh', 'ru', 'ar-EG', 'ko', 'nl', 'pl', 'he', 'zh-TW', 'fi', 'fr-CA']) {
  for (const o of opts) {
    const f = new Intl.DateTimeFormat(l, { ...o, timeZone: 'UTC' });
    const out = [];
    for (let i = 1; i < pts.length; i++) out.push(f.formatRange(pts[0], pts[i]));
    console.log(l, JSON.stringify(o), JSON.stringify(out));
  }
  const f = new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  console.log(l, JSON.stringify(f.formatRangeToParts(pts[0], pts[2])), JSON.stringify(f.formatRangeToParts(pts[0], pts[4])));
  const g = new Intl.DateTimeFormat(l, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  console.log(l, JSON.stringify(g.formatRangeToParts(pts[0], pts[4])), JSON.stringify(g.formatRangeToParts(pts[0], pts[1])));
}
