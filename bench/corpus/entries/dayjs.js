import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import timezone from "dayjs/plugin/timezone.js";
import relativeTime from "dayjs/plugin/relativeTime.js";
dayjs.extend(utc); dayjs.extend(timezone); dayjs.extend(relativeTime);
const d = dayjs.utc("2024-03-10T12:34:56Z");
console.log(d.format("YYYY-MM-DD HH:mm:ss dddd MMM"), d.add(1, "month").format(), d.startOf("week").toISOString());
console.log(d.tz("America/New_York").format("YYYY-MM-DD HH:mm Z"), d.tz("Asia/Kolkata").format("HH:mm Z"), d.tz("Europe/Berlin").format());
console.log(d.from(dayjs.utc("2024-05-01")), d.diff(dayjs.utc("2023-01-01"), "day"), d.isBefore("2025-01-01"));
