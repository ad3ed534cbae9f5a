// Shell metacharacters in arguments: there is no shell, so echo prints
// them as they are and nothing they spell out happens (no file PWNED*,
// no out.txt: the test compares the app root before and after).

export const metacharacters = [
  ";", "touch", "PWNED1", "&&", "touch", "PWNED2", "|", "cat", "$(touch PWNED3)", "`touch PWNED4`",
  ">", "out.txt", "*", "$HOME", "${PATH}", "'single'", '"double"', "a b", "\\", "!", "~", "#comment",
];

export async function echo() {
  const id = await core.processStart("echo", metacharacters);
  const r = await core.processWait(id);
  return { code: r.code, stdout: r.stdout, literal: r.stdout === metacharacters.join(" ") + "\n" };
}

export async function newlines() {
  const id = await core.processStart("echo", ["a\nb", "-e", "c\\nd"]);
  return (await core.processWait(id)).stdout;
}
