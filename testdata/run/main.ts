// Runs a granted program with arguments passed as a list: shell
// characters in them are just characters.
export async function echo(text: string) {
  const id = await core.processStart("echo", [text]);
  const r = await core.processWait(id);
  return { code: r.code, stdout: r.stdout.trim() };
}
