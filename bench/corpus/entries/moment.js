import moment from "moment";
const m = moment.utc("2024-03-10T12:34:56Z");
console.log(m.format("dddd, MMMM Do YYYY, h:mm:ss a"), m.clone().add(7, "days").format("L LT"), m.isoWeek(), m.dayOfYear());
console.log(m.from(moment.utc("2024-03-12T12:00:00Z")), moment.duration(90, "minutes").humanize(), m.toISOString(), m.valueOf());
console.log(moment.utc("2024-13-01", "YYYY-MM-DD", true).isValid(), moment.utc("10/03/2024", "DD/MM/YYYY").format());
