// Links inside a granted tree that lead to the runtime's files: the store
// (.corets/store.db, every module's data) and an installed module's code
// (modules/other/main.ts, which runs with that module's capabilities).
// The runtime's files are reserved by identity, so the spelling of the
// path, a link to the file or a link to its directory, changes nothing.
const dir = "data/files-reserved-links";

export const readStoreLink = () => core.fileReadBytes(`${dir}/store`);
export const readThroughStateLink = () => core.fileReadBytes(`${dir}/state/store.db`);
export const listStateLink = () => core.fileList(`${dir}/state`);
export const statStoreLink = () => core.fileStat(`${dir}/store`);
export const writeThroughStateLink = () => core.fileWrite(`${dir}/state/store.db`, "pwned");
export const readOtherMainLink = () => core.fileRead(`${dir}/other-main`);
export const readThroughOtherLink = () => core.fileRead(`${dir}/other/main.ts`);
export const writeThroughOtherLink = () => core.fileWrite(`${dir}/other/main.ts`, "export const pwned = true;");
export const mkdirThroughOtherLink = () => core.fileMkdir(`${dir}/other/evil`);
export const deleteThroughOtherLink = () => core.fileDelete(`${dir}/other/main.ts`);
