// A join of a 2^26-element sparse array at the top level, where the module
// loads: the 1 s timeout ends the load (before the fix it ran out of
// memory after 13 s).

const a: unknown[] = [];
a.length = 2 ** 26;
a.join();

export const never = () => "loaded";
