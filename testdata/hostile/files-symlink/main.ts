// Symbolic links inside the granted tree that lead out of it. The test
// makes them before loading (see expect.json's setup): to a directory and a
// file outside the app root, to the app root's ungranted secrets/, a link
// to a file that does not exist yet outside, and a link to itself. A link
// that stays inside the grant must keep working.

const base = "data/files-symlink";

export const readOutDir = () => core.fileRead(`${base}/out-dir/secret.txt`);
export const readOutFile = () => core.fileRead(`${base}/out-file`);
export const readUpDir = () => core.fileRead(`${base}/up-dir/key.txt`);
export const readUpFile = () => core.fileRead(`${base}/up-file`);
export const listOutDir = () => core.fileList(`${base}/out-dir`);
export const statOutFile = () => core.fileStat(`${base}/out-file/`);
export const statThroughOutDir = () => core.fileStat(`${base}/out-dir/secret.txt`);

export const writeOutDir = () => core.fileWrite(`${base}/out-dir/pwned.txt`, "pwned");
export const writeOutFile = () => core.fileWrite(`${base}/out-file`, "pwned");
export const writeUpFile = () => core.fileWrite(`${base}/up-file`, "pwned");
export const writeDangling = () => core.fileWrite(`${base}/dangling`, "pwned");
export const mkdirOutDir = () => core.fileMkdir(`${base}/out-dir/newdir`);
export const deleteThroughOutDir = () => core.fileDelete(`${base}/out-dir/secret.txt`);
export const readLoop = () => core.fileRead(`${base}/loop`);

// A link inside the grant to a directory inside the grant.
export const readInside = () => core.fileRead(`${base}/inside/ok.txt`);
export const writeInside = async () => {
  await core.fileWrite(`${base}/inside/new.txt`, "inside");
  return core.fileRead(`${base}/sub/new.txt`);
};
