// Intl.DateTimeFormat time zone names (metazones, zone names, generic location format, zones without DST) across locales.
const zones = ['America/Toronto', 'America/Chicago', 'America/Phoenix', 'America/Sao_Paulo', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Moscow', 'Europe/Zurich', 'Africa/Cairo', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Australia/Perth', 'Pacific/Auckland', 'Pacific/Honolulu', 'America/Anchorage', 'Asia/Dubai', 'UTC', 'Etc/GMT+3', 'America/Indiana/Knox', 'Antarctica/Troll'];
const dates = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)];
for (const l of ['en', 'en-GB', 'de', 'fr', 'ja', 'es']) for (const z of zones) {
  const out = [];
  for (const s of ['short', 'long', 'shortGeneric', 'longGeneric']) for (const t of dates) out.push(new Intl.DateTimeFormat(l, { timeZone: z, timeZoneName: s }).formatToParts(t).find((p) => p.type === 'timeZoneName').value);
  console.log(l, z, JSON.stringify(out));
}
