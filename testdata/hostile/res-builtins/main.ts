// Built-ins that do minutes of work in one step of the interpreter, the
// three cases of the outside review: a join of a 2^26-element sparse array
// (7.9 s past a 2 s timeout), a regexp of 40,000 alternatives (34 s), and
// 200 strings of 10^7 characters (22 s). QuickJS charges their loops to the
// interrupt countdown (internal/jsengine/engine/patches/0004), so the 1 s timeout
// ends each within twice its budget; the supervisor restarts the module.

export function joinSparse() {
  const a: unknown[] = [];
  a.length = 2 ** 26;
  return a.join().length;
}

export function regexpAlternatives() {
  const alternatives = Array.from({ length: 40000 }, (_, i) => "a" + i);
  return new RegExp(alternatives.join("|")).test("a39999");
}

export function repeatMany() {
  let n = 0;
  for (let i = 0; i < 200; i++) n += "x".repeat(1e7).length;
  return n;
}

export const alive = () => "alive";
