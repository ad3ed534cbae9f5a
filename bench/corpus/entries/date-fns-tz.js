import { formatInTimeZone, toZonedTime, fromZonedTime } from "date-fns-tz";
const d = new Date("2024-03-10T12:34:56Z");
console.log(formatInTimeZone(d, "America/New_York", "yyyy-MM-dd HH:mm:ss zzz XXX"));
console.log(formatInTimeZone(d, "Asia/Tokyo", "yyyy-MM-dd HH:mm xxx"), formatInTimeZone(d, "Europe/London", "HH:mm zzzz"));
console.log(fromZonedTime("2024-07-01 09:00", "Europe/Paris").toISOString(), toZonedTime(d, "Australia/Sydney").getHours());
