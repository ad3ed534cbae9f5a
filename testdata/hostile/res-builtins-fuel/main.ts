// The long built-ins of res-builtins against fuel 1,000,000 (timeout 30 s).
// Their loops are charged as fuel, one step per element or per 64
// characters, so fuel bounds them as deterministically as bytecode: before
// the fix the join ran out of memory, the regexp compiled for half a minute
// and the strings were built for free.

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
