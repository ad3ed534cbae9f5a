// The runtime keeps its own state inside the app root: the store
// (.corets/store.db, every module's partition and the runtime's "_"
// groups). A module granted the whole app root tries to read it. If it
// can, it reads every other module's store values, whatever its own
// store permissions say.

export async function readStore() {
  const db = await core.fileReadBytes(".corets/store.db");
  const text = new TextDecoder().decode(db);
  return { bytes: db.length, sawCanarySecret: text.includes("canary-secret") };
}
export const listRuntimeDir = async () => (await core.fileList(".corets")).map((f) => f.name);
export const statStore = () => core.fileStat(".corets/store.db");
