// Writes and reads below data/files-race/sub/ as fast as it can while the
// test, beside it, renames sub away and puts symbolic links in its place:
// one to a directory outside the app root, one to the app root's secrets/.
// Every write must land inside the granted tree or fail; no read may
// return what lies outside.

const outsideContents = ["outside-secret", "outside-race-secret", "root-secret"];

export async function race(n: number) {
  const seen: Record<string, number> = {};
  const samples: Record<string, string> = {};
  let leaks = 0;
  const note = (name: string, message = "") => {
    seen[name] = (seen[name] || 0) + 1;
    if (message && !samples[name]) samples[name] = message;
  };
  for (let i = 0; i < n; i++) {
    try {
      await core.fileWrite(`data/files-race/sub/f${i}.txt`, `written ${i}`);
      note("written");
    } catch (e) {
      note((e as Error).name, (e as Error).message);
    }
    for (const name of ["secret.txt", "key.txt"]) {
      try {
        const text = await core.fileRead(`data/files-race/sub/${name}`);
        if (outsideContents.includes(text)) leaks++;
        note("read");
      } catch (e) {
        note((e as Error).name, (e as Error).message);
      }
    }
  }
  console.log("race outcomes", JSON.stringify(seen), "first messages", JSON.stringify(samples));
  // Refusals, a directory that is not there at the moment, and failures of
  // the OS (a rename under a write in progress) are all fine: anything
  // else, or a successful read of what lies outside, is not.
  const unexpected = Object.keys(seen).filter((k) => !["written", "read", "PermissionDenied", "NotFound", "Error"].includes(k));
  return { attempts: n, leaks, unexpected, wrote: (seen.written || 0) > 0, refused: (seen.PermissionDenied || 0) > 0 };
}
