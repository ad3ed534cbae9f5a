import { produce, enablePatches, produceWithPatches } from "immer";
enablePatches();
const base = { todos: [{ id: 1, done: false }, { id: 2, done: false }], meta: { n: 2 } };
const next = produce(base, (d) => { d.todos[0].done = true; d.todos.push({ id: 3, done: false }); d.meta.n++; });
console.log(JSON.stringify(next), base.todos[0].done, next.todos[1] === base.todos[1], Object.isFrozen(next));
const [, patches, inverse] = produceWithPatches({ a: 1, b: [1] }, (d) => { d.a = 2; d.b.push(2); delete d.c; });
console.log(JSON.stringify(patches), JSON.stringify(inverse));
