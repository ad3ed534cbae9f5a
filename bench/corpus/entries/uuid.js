import { v4, v5, v1, v7, validate, version, parse, stringify, NIL } from "uuid";
const a = v4();
console.log(validate(a), version(a), a.length, v5("hello", v5.URL), v5("x", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
console.log(version(v1()), version(v7()), NIL, stringify(parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")), validate("nope"));
