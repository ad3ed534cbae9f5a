// Reads a granted file, writes a copy where writing is granted, and shows
// what a refusal looks like.
export async function copy() {
  const text = await core.fileRead("data/in.txt");
  await core.fileMkdir("data/out");
  await core.fileWrite("data/out/copy.txt", text.toUpperCase());
  const listed = (await core.fileList("data/out")).map((f) => f.name);
  let refused = "";
  try {
    await core.fileWrite("data/in.txt", "overwrite?");
  } catch (e) {
    refused = `${(e as Error).name}: ${(e as Error).message}`;
  }
  return { copied: text.length, listed, refused };
}
