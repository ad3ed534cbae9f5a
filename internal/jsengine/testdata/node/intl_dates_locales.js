// Intl.DateTimeFormat across locales (CLDR 48 data): names, patterns from option bags, styles, hour cycles, zone names.
const dates = [Date.UTC(2026, 0, 5, 0, 7, 9, 45), Date.UTC(2026, 6, 14, 13, 30, 0, 500), Date.UTC(-50, 2, 9, 21, 5, 0)];
const locales = ["en", "en-GB", "de", "fr", "es", "it", "pt", "pt-BR", "pt-PT", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ru"];
const opts = [
  {},
  { dateStyle: 'full' }, { dateStyle: 'long' }, { dateStyle: 'medium' }, { dateStyle: 'short' },
  { timeStyle: 'full' }, { timeStyle: 'long' }, { timeStyle: 'medium' }, { timeStyle: 'short' },
  { dateStyle: 'full', timeStyle: 'short' }, { dateStyle: 'long', timeStyle: 'long' }, { dateStyle: 'medium', timeStyle: 'medium' }, { dateStyle: 'short', timeStyle: 'short' },
  { hour: 'numeric' }, { hour: 'numeric', minute: 'numeric' }, { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  { hour: 'numeric', hour12: true }, { hour: 'numeric', minute: 'numeric', hour12: false }, { hour: 'numeric', hourCycle: 'h11' }, { hour: 'numeric', minute: 'numeric', hourCycle: 'h24' },
  { timeStyle: 'short', hour12: true }, { timeStyle: 'medium', hourCycle: 'h23' },
  { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric' },
  { weekday: 'narrow', day: 'numeric' },
  { month: 'long' }, { month: 'short' }, { month: 'narrow' }, { month: 'long', day: 'numeric' }, { month: 'long', year: 'numeric' },
  { month: 'short', year: 'numeric' }, { month: 'numeric', day: 'numeric' }, { month: 'numeric', year: 'numeric' },
  { year: '2-digit', month: '2-digit', day: '2-digit' }, { weekday: 'long' }, { weekday: 'short' }, { year: 'numeric' }, { day: 'numeric' },
  { era: 'short' }, { era: 'long', year: 'numeric' }, { era: 'narrow', year: 'numeric', month: 'short', day: 'numeric' },
  { month: 'long', day: 'numeric', hour: 'numeric', minute: 'numeric' }, { day: 'numeric', hour: 'numeric' },
  { weekday: 'long', hour: 'numeric', minute: 'numeric' },
  { dayPeriod: 'long' }, { hour: 'numeric', dayPeriod: 'short' }, { hour: 'numeric', minute: 'numeric', dayPeriod: 'narrow' },
  { second: 'numeric', fractionalSecondDigits: 2 }, { hour: 'numeric', minute: 'numeric', second: 'numeric', fractionalSecondDigits: 3 },
  { timeZoneName: 'short' }, { hour: 'numeric', minute: 'numeric', timeZoneName: 'long' }, { timeZoneName: 'shortOffset' }, { timeZoneName: 'longOffset' },
  { timeZoneName: 'shortGeneric' }, { timeZoneName: 'longGeneric' },
];
for (const locale of locales) {
  for (const timeZone of ['Europe/Berlin', 'America/New_York']) {
    for (const o of opts) {
      if (timeZone !== 'Europe/Berlin' && !('timeZoneName' in o || 'timeStyle' in o)) continue;
      const f = new Intl.DateTimeFormat(locale, { ...o, timeZone });
      console.log(locale, timeZone, JSON.stringify(o), JSON.stringify(dates.map((d) => f.format(d))));
    }
  }
  const f = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Tokyo', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  console.log(locale, JSON.stringify(f.formatToParts(dates[1])));
  console.log(locale, JSON.stringify(f.resolvedOptions()));
  const d = new Date(dates[0]);
  console.log(locale, JSON.stringify([d.toLocaleString(locale, { timeZone: 'UTC' }), d.toLocaleDateString(locale, { timeZone: 'UTC' }), d.toLocaleTimeString(locale, { timeZone: 'UTC' })]));
}
