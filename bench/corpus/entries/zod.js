import { z } from "zod";
const User = z.object({ name: z.string().min(2), age: z.number().int().positive(), email: z.string().email(), tags: z.array(z.string()).default([]) });
console.log(JSON.stringify(User.parse({ name: "Ada", age: 36, email: "ada@example.com" })));
const bad = User.safeParse({ name: "A", age: -1, email: "nope" });
console.log(bad.success, JSON.stringify(bad.error.issues.map((i) => [i.path.join("."), i.code])));
console.log(JSON.stringify(z.union([z.literal("a"), z.number()]).safeParse("b").success));
console.log(JSON.stringify(z.string().transform((s) => s.length).parse("hello")));
