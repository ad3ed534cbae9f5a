import { format, addDays, differenceInCalendarDays, parseISO, formatDistance, isWeekend, eachDayOfInterval, startOfMonth, formatISO } from "date-fns";
const d = parseISO("2024-02-27T10:00:00Z");
console.log(formatISO(addDays(d, 3), { representation: "date" }), differenceInCalendarDays(parseISO("2024-12-25"), parseISO("2024-01-01")));
console.log(formatDistance(parseISO("2024-01-01"), parseISO("2024-03-15")), isWeekend(parseISO("2024-03-16T12:00:00")));
console.log(eachDayOfInterval({ start: parseISO("2024-02-27T12:00:00"), end: parseISO("2024-03-02T12:00:00") }).map((x) => format(x, "EEE d MMM")).join(", "));
console.log(format(startOfMonth(parseISO("2024-07-19T12:00:00")), "yyyy-MM-dd'T'HH:mm eeee do QQQ"));
