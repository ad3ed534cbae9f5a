// A grant that is itself a link to a reserved directory: the grant's own
// path is walked like every other one, and the directory it reaches is the
// runtime's, so nothing in it is reachable.
const state = "data/files-reserved-grant/state";
const mods = "data/files-reserved-grant/mods";

export const readStore = () => core.fileReadBytes(`${state}/store.db`);
export const listState = () => core.fileList(state);
export const statStore = () => core.fileStat(`${state}/store.db`);
export const writeState = () => core.fileWrite(`${state}/pwned.txt`, "pwned");
export const deleteStore = () => core.fileDelete(`${state}/store.db`);
export const listModules = () => core.fileList(mods);
export const readOtherMain = () => core.fileRead(`${mods}/other/main.ts`);
export const plantModule = () => core.fileMkdir(`${mods}/planted`);
