// A manifest that asks for the runtime's own group as a shared group.
export const get = () => core.storeGet("_modules", "canary");
