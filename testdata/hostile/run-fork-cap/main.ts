// A granted shell allowed 2 processes forks 4 children, some in sessions of
// their own (setsid), and reports how many were killed: the shell and one
// child fit the cap, so 3 must die. Another program is refused while the
// tree is full, and a tree that escapes into new sessions and exits leaves
// nothing behind to hold the cap.

const forkFour =
  'for i in 1 2 3 4; do sleep 2 & pids="$pids $!"; done; k=0; for p in $pids; do wait $p || k=$((k+1)); done; echo killed $k';

export async function forkMore() {
  const r = await core.processWait(await core.processStart("sh", ["-c", forkFour]));
  return r.stdout;
}

export async function startWhileFull() {
  const id = await core.processStart("sh", ["-c", "sleep 2 & sleep 2 & wait"]);
  await new Promise((res) => setTimeout(res, 300));
  try {
    return await core.processStart("sleep", ["0"]);
  } finally {
    await core.processStop(id);
    await core.processWait(id);
  }
}

// setsid children of a shell that exits: they die with it, so the places
// are free again right after.
export async function escapeThenStart() {
  await core.processWait(await core.processStart("sh", ["-c", "setsid sleep 30 & setsid sleep 30 & sleep 0.2"]));
  const r = await core.processWait(await core.processStart("sleep", ["0"]));
  return r.code;
}
