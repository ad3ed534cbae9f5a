import { chunk, groupBy, debounce, cloneDeep, merge, sortBy, uniqBy, template, camelCase, kebabCase, get, set, isEqual, range, sum, zip, partition } from "lodash-es";
console.log(JSON.stringify(chunk([1, 2, 3, 4, 5], 2)), JSON.stringify(groupBy([1.2, 1.4, 2.1], Math.floor)), JSON.stringify(sortBy([{ a: 3 }, { a: 1 }], "a")));
const o = { a: { b: [1, { c: 2 }] } }; const c = cloneDeep(o); c.a.b[1].c = 9;
console.log(o.a.b[1].c, JSON.stringify(merge({ a: { x: 1 } }, { a: { y: 2 } })), get(o, "a.b[1].c"), JSON.stringify(set({}, "x.y[0]", 5)));
console.log(template("hi <%= user %>!")({ user: "ada" }), camelCase("Foo Bar-baz"), kebabCase("fooBarBaz"), isEqual({ a: [1] }, { a: [1] }));
console.log(JSON.stringify(uniqBy([2.1, 1.2, 2.3], Math.floor)), sum(range(10)), JSON.stringify(zip([1, 2], ["a", "b"])), JSON.stringify(partition([1, 2, 3, 4], (n) => n % 2)));
const d = debounce(() => console.log("debounced once"), 10); d(); d(); d();
