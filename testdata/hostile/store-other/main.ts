// The canary wrote "canary-secret" to key "secret" of its own group "x".
// This module's group "x" is its own, not the canary's: it reads nothing
// there, and what it writes there the canary never sees (the canary's
// ping reads its value after every call).

export const readX = () => core.storeGet("x", "secret");
export async function writeX() {
  await core.storeSet("x", "secret", "overwritten by store-other");
  return core.storeGet("x", "secret");
}
export async function listX() {
  const page = await core.storeList("x");
  return page.entries.map((e) => [e.key, e.value]);
}
export async function deleteX() {
  await core.storeDelete("x", "secret");
  return core.storeDelete("x", "secret");
}
