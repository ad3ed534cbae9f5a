// Intl.DateTimeFormat (en-US) with explicit time zones, and Date's locale methods.
const dates = [Date.UTC(2026, 0, 5, 0, 7, 9, 45), Date.UTC(2026, 6, 14, 13, 30, 0, 500), Date.UTC(1999, 11, 31, 23, 59, 59, 999)];
const zones = ['UTC', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Adelaide', 'America/St_Johns'];
const opts = [
  {},
  { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  { hour: 'numeric' }, { hour: 'numeric', minute: 'numeric' }, { minute: '2-digit', second: '2-digit' },
  { timeZoneName: 'short' }, { hour: 'numeric', timeZoneName: 'short' }, { timeZoneName: 'shortOffset' },
  { timeZoneName: 'longOffset' }, { hour: 'numeric', hourCycle: 'h11' },
  { dateStyle: 'full' }, { dateStyle: 'long' }, { dateStyle: 'medium' }, { dateStyle: 'short' },
  { timeStyle: 'medium' }, { timeStyle: 'short' }, { dateStyle: 'long', timeStyle: 'short' },
  { dateStyle: 'medium', timeStyle: 'medium' }, { dateStyle: 'short', timeStyle: 'short' },
  { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric' },
  { month: 'long' }, { month: 'long', day: 'numeric' }, { month: 'short', year: 'numeric' },
  { month: 'numeric', day: 'numeric' }, { month: 'numeric', year: 'numeric' },
  { year: '2-digit', month: '2-digit', day: '2-digit' }, { weekday: 'long' }, { year: 'numeric' }, { day: 'numeric' },
  { era: 'short' }, { fractionalSecondDigits: 2, second: 'numeric' },
  { hour: 'numeric', minute: 'numeric', second: 'numeric', fractionalSecondDigits: 3 },
  { month: 'narrow' }, { weekday: 'narrow' },
];
for (const timeZone of zones) {
  for (const o of opts) {
    const f = new Intl.DateTimeFormat('en-US', { ...o, timeZone });
    console.log(JSON.stringify(o), timeZone, JSON.stringify(dates.map((d) => f.format(d))));
  }
}
const f = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
console.log(JSON.stringify(f.formatToParts(dates[0])));
for (const o of [{ timeZone: 'UTC' }, { timeZone: 'Asia/Tokyo', hour: 'numeric', hour12: false }, { timeZone: 'UTC', dateStyle: 'short', timeStyle: 'short' }, { timeZone: 'Europe/Paris', weekday: 'long', minute: 'numeric' }]) {
  console.log(JSON.stringify(new Intl.DateTimeFormat('en-US', o).resolvedOptions()));
}
const d = new Date(dates[1]);
console.log(JSON.stringify([d.toLocaleString('en-US', { timeZone: 'UTC' }), d.toLocaleDateString('en-US', { timeZone: 'Asia/Tokyo' }), d.toLocaleTimeString('en-US', { timeZone: 'America/Denver' }), d.toLocaleTimeString('en-US', { timeZone: 'UTC', hour: '2-digit' }), d.toLocaleDateString('en-US', { timeZone: 'UTC', hour: '2-digit' })]));
console.log(new Date(NaN).toLocaleString('en-US'), typeof new Intl.DateTimeFormat().resolvedOptions().timeZone, Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(0));
for (const o of [{ timeZone: 'Foo/Bar' }, { timeZone: 'Local' }, { dateStyle: 'short', year: 'numeric' }, { month: 'longest' }, { fractionalSecondDigits: 4 }]) {
  try { new Intl.DateTimeFormat('en-US', o); console.log('no error', JSON.stringify(o)); } catch (e) { console.log(e.name + ': ' + e.message); }
}
try { new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(NaN); } catch (e) { console.log(e.name + ': ' + e.message); }
console.log(Object.prototype.toString.call(Intl), Object.prototype.toString.call(new Intl.DateTimeFormat()), Intl.DateTimeFormat.name, new Intl.DateTimeFormat() instanceof Intl.DateTimeFormat);
