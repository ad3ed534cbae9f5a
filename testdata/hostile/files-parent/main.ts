// Writing above a grant: its parent directory, a sibling, the grant
// itself, the app root, and this module's own manifest and code (a module
// that could rewrite .core/view.yml would grant itself anything at the
// next load). Grants: the directory data/files-parent/child/ and the
// single file data/files-parent/one.txt.

export const writeInGrant = async () => {
  await core.fileWrite("data/files-parent/child/ok.txt", "ok");
  await core.fileWrite("data/files-parent/one.txt", "one");
  return [await core.fileRead("data/files-parent/child/ok.txt"), await core.fileRead("data/files-parent/one.txt")];
};
export const writeParent = () => core.fileWrite("data/files-parent/x.txt", "pwned");
export const writeParentDotdot = () => core.fileWrite("data/files-parent/child/../x.txt", "pwned");
export const mkdirSibling = () => core.fileMkdir("data/files-parent/sibling");
export const mkdirParent = () => core.fileMkdir("data/files-parent");
export const deleteGrant = () => core.fileDelete("data/files-parent/child");
export const deleteParent = () => core.fileDelete("data/files-parent");
export const writeOverGrant = () => core.fileWrite("data/files-parent/child", "pwned");
export const writeAppRoot = () => core.fileWrite("pwned.txt", "pwned");
export const writeAppRootDot = () => core.fileWrite("./", "pwned");
export const writeManifest = () =>
  core.fileWrite("files-parent/.core/view.yml", 'code: files-parent\npermissions:\n  read: ["./"]\n  write: ["./"]\n');
export const writeOwnCode = () => core.fileWrite("files-parent/main.ts", "export const pwned = 1;");
export const writeBesideFileGrant = () => core.fileWrite("data/files-parent/one.txt.bak", "pwned");
export const writeBelowFileGrant = () => core.fileWrite("data/files-parent/one.txt/x", "pwned");
export const readSecrets = () => core.fileRead("secrets/key.txt");
