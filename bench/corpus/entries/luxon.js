import { DateTime, Duration, Interval } from "luxon";
const d = DateTime.fromISO("2024-03-10T12:34:56", { zone: "utc" });
console.log(d.toISO(), d.setZone("America/Los_Angeles").toISO(), d.setZone("Asia/Tokyo").toFormat("yyyy LLL dd HH:mm ZZZZ"));
console.log(d.plus({ months: 1, days: 3 }).toISODate(), d.startOf("week").toISO(), d.weekNumber, d.ordinal);
console.log(Duration.fromObject({ hours: 2, minutes: 30 }).toISO(), Interval.fromDateTimes(d, d.plus({ days: 10 })).length("days"));
console.log(d.toLocaleString(DateTime.DATETIME_FULL), d.setLocale("en-US").toFormat("DDDD"), d.toRelative({ base: d.plus({ days: 2 }) }));
