// Keys, values, group names, prefixes and cursors beyond what the store
// takes, and values that are not JSON.

export const longKey = () => core.storeSet("g", "k".repeat(1025), 1);
export const hugeKey = () => core.storeGet("g", "k".repeat(1 << 20));
export const largeValue = () => core.storeSet("g", "v", "x".repeat((1 << 20) + 1));
export const largeValueCas = () => core.storeCompareAndSet("g", "v", "x".repeat(4 << 20), 0);
export const longGroup = () => core.storeGet("g".repeat(129), "k");
export const emptyGroup = () => core.storeGet("", "k");
export const controlGroup = () => core.storeGet("g\u0001", "k");
export const emptyKey = () => core.storeSet("g", "", 1);
export const hugePrefix = () => core.storeList("g", { prefix: "p".repeat(100000) });
// A cursor is only a key to continue after, inside this module's own group.
export const forgedCursor = () => core.storeList("g", { cursor: "../../_modules/canary" });
export const cyclicValue = () => {
  const o: Record<string, unknown> = {};
  o.self = o;
  return core.storeSet("g", "cyclic", o);
};
export const bigintValue = () => core.storeSet("g", "big", 1n as unknown as number);
export const undefinedValue = () => core.storeSet("g", "u", undefined as unknown as number);
export const nothingStored = async () => (await core.storeList("g")).entries.length;
