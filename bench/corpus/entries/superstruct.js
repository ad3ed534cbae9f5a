import { object, number, string, array, assert, is, validate, refine } from "superstruct";
const User = object({ id: number(), name: string(), tags: array(string()) });
console.log(is({ id: 1, name: "a", tags: [] }, User));
const [err] = validate({ id: "1", name: "a", tags: [1] }, User);
console.log(err.message, JSON.stringify(err.failures().map((f) => [f.path.join("."), f.type])));
const Pos = refine(number(), "positive", (n) => n > 0);
try { assert(-1, Pos); } catch (e) { console.log(e.message); }
