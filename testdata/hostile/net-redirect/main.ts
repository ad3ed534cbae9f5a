// The granted server (127.0.0.1:{{PORT}}, granted by literal address)
// redirects wherever ?to= says: to the metadata address, to a server that
// is not granted, to names and spellings of loopback. Every hop is
// checked like the first request.

const via = (to: string) => `http://127.0.0.1:{{PORT}}/redirect?to=${encodeURIComponent(to)}`;
const get = async (url: string, init?: RequestInit) => {
  const r = await fetch(url, init);
  return { status: r.status, redirected: r.redirected, body: await r.text() };
};

export const toMetadata = () => get(via("http://169.254.169.254/latest/meta-data/"));
export const toUngranted = () => get(via("http://127.0.0.1:{{PORT2}}/"));
export const toUngrantedHex = () => get(via("http://0x7f000001:{{PORT2}}/"));
export const toUngrantedMapped = () => get(via("http://[::ffff:127.0.0.1]:{{PORT2}}/"));
export const toName = () => get(via("http://loopback.test:{{PORT}}/ok"));
export const toFile = () => get(via("file:///etc/passwd"));
export const chained = () => get(via(via(via("http://169.254.169.254/latest/meta-data/"))));
export const toSelf = () => get(via("/ok"));
export const manual = async () => {
  const r = await fetch(via("http://169.254.169.254/"), { redirect: "manual" });
  return { status: r.status, location: r.headers.get("location") };
};
export const loop = () => get("http://127.0.0.1:{{PORT}}/loop");
