// Granting itself "x" as a shared group does not reach the canary's own
// group "x": shared groups are a partition of their own.

export const readSharedX = () => core.storeGet("x", "secret");
export async function writeSharedX() {
  await core.storeSet("x", "secret", "written to the shared x");
  return core.storeGet("x", "secret");
}
export async function cleanUp() {
  return core.storeDelete("x", "secret");
}
