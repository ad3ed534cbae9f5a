// Promise storms: millions of pending promises and reactions, an async
// recursion without end, and as many pending host operations as it can.

export async function pendingStorm() {
  const keep: Promise<unknown>[] = [];
  for (;;) keep.push(new Promise(() => {}).then(() => 1));
}

export async function asyncRecursion(): Promise<number> {
  await null;
  return (await asyncRecursion()) + 1;
}

export async function settledStorm() {
  let n = 0;
  const all: Promise<void>[] = [];
  for (let i = 0; i < 10000; i++) all.push(Promise.resolve(i).then(() => void n++));
  await Promise.all(all);
  return n;
}

// 5,000 host operations at once (fetches it is refused): more than the
// engine keeps in flight.
export async function hostStorm() {
  const all = Array.from({ length: 5000 }, () =>
    fetch("http://169.254.169.254/").then(
      () => "ALLOWED",
      (e) => `${(e as Error).name}: ${(e as Error).message.replace(/"[^"]*"/, "URL")}`,
    ),
  );
  return [...new Set(await Promise.all(all))].sort();
}
export const alive = () => "alive";
