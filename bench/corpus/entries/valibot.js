import * as v from "valibot";
const Schema = v.object({ email: v.pipe(v.string(), v.email()), password: v.pipe(v.string(), v.minLength(8)), n: v.optional(v.number(), 5) });
console.log(JSON.stringify(v.parse(Schema, { email: "jane@example.com", password: "12345678" })));
const r = v.safeParse(Schema, { email: "x", password: "1" });
console.log(r.success, JSON.stringify(r.issues.map((i) => [i.type, i.message])));
