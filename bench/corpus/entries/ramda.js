import * as R from "ramda";
const f = R.pipe(R.filter((n) => n % 2 === 0), R.map((n) => n * n), R.reduce(R.add, 0));
console.log(f(R.range(1, 11)), JSON.stringify(R.groupBy(R.prop("t"), [{ t: "a", v: 1 }, { t: "b", v: 2 }, { t: "a", v: 3 }])));
console.log(JSON.stringify(R.evolve({ a: R.inc, b: { c: R.toUpper } }, { a: 1, b: { c: "x" } })), R.curry((a, b, c) => a + b + c)(1)(2)(3), JSON.stringify(R.assocPath(["x", "y"], 1, {})));
console.log(JSON.stringify(R.sortWith([R.descend(R.prop("n")), R.ascend(R.prop("s"))])([{ n: 1, s: "b" }, { n: 2, s: "a" }, { n: 1, s: "a" }])));
