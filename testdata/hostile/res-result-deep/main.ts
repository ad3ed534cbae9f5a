// A result nested 100,000 deep. Serializing nesting this deep takes the
// engine time that grows much faster than the depth (10,000 levels: about
// 2 s), so the timeout, the only limit set, is what ends it: a faster
// machine only gets there sooner.
export function deepResult() {
  let o: unknown[] = [];
  for (let i = 0; i < 100000; i++) o = [o];
  return o;
}
export const alive = () => "alive";
