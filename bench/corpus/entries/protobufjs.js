import protobuf from "protobufjs";
const root = protobuf.parse(`syntax = "proto3"; package t; message Person { string name = 1; int32 id = 2; repeated string emails = 3; Kind kind = 4; enum Kind { A = 0; B = 1; } int64 big = 5; }`).root;
const Person = root.lookupType("t.Person");
const msg = Person.create({ name: "Ada", id: 42, emails: ["a@x", "b@y"], kind: 1, big: 1234567890123 });
const buf = Person.encode(msg).finish();
console.log(Array.from(buf).map((b) => b.toString(16).padStart(2, "0")).join(""));
console.log(JSON.stringify(Person.toObject(Person.decode(buf), { longs: String, enums: String })));
console.log(Person.verify({ id: "x" }));
