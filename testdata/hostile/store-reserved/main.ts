// The runtime's own store groups begin with "_" (the module registry,
// installs, ...). No module may read, write, list or delete them.

export const get = () => core.storeGet("_modules", "canary");
export const getEntry = () => core.storeGetEntry("_system", "anything");
export const set = () => core.storeSet("_modules", "store-reserved", { permissions: { read: ["./"] } });
export const del = () => core.storeDelete("_modules", "canary");
export const list = () => core.storeList("_modules");
export const cas = () => core.storeCompareAndSet("_", "k", 1, 0);
export const underscoreOnly = () => core.storeGet("_", "k");
