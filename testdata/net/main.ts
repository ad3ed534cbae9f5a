// Fetches JSON from a granted address and reports a refused one.
export async function get(url: string) {
  const r = await fetch(url, { headers: { accept: "application/json" } });
  return { status: r.status, body: await r.json() };
}

export async function refused() {
  try {
    await fetch("http://169.254.169.254/latest/meta-data/");
    return "reached the metadata address";
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}
