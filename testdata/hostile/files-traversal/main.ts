// Every spelling of a path out of the granted tree ./data/files-traversal/.
// The secrets it goes for: secrets/key.txt in the app root (granted to
// nobody) and secret.txt in a directory outside the app root, whose
// absolute path the test passes in.

const base = "data/files-traversal";

// The granted file itself, to show the grant works.
export const granted = () => core.fileRead(`${base}/in.txt`);

// .. in every position.
export const dotdot = () => core.fileRead("../secrets/key.txt");
export const dotdotInside = () => core.fileRead(`${base}/../../secrets/key.txt`);
export const dotdotDeep = () => core.fileRead(`${base}/a/b/../../../../secrets/key.txt`);
export const dotdotBackslash = () => core.fileRead(`${base}\\..\\..\\secrets\\key.txt`);
export const dotdotWrite = () => core.fileWrite(`${base}/../../secrets/key.txt`, "pwned");
export const dotdotList = () => core.fileList(`${base}/..`);
export const dotdotOutsideRoot = () => core.fileRead("../../../../../../../../etc/passwd");

// Absolute paths.
export const absolute = (outside: string) => core.fileRead(`${outside}/secret.txt`);
export const absoluteWrite = (outside: string) => core.fileWrite(`${outside}/pwned.txt`, "pwned");
export const absoluteEtc = () => core.fileRead("/etc/passwd");
export const absoluteRootGrant = (root: string) => core.fileRead(`${root}/${base}/in.txt`);

// Percent-encoding is not decoded: these are odd names inside the grant.
export const encoded = () => core.fileRead(`${base}/%2e%2e/%2e%2e/secrets/key.txt`);
export const encodedSlash = () => core.fileRead(`${base}/..%2f..%2fsecrets%2fkey.txt`);
export const encodedWrite = () => core.fileWrite(`${base}/%2e%2e%2fpwned.txt`, "an odd name, inside the grant");

// NUL bytes cut C strings short.
export const nul = () => core.fileRead(`${base}/in.txt\u0000../../secrets/key.txt`);
export const nulWrite = () => core.fileWrite(`${base}/x\u0000.txt`, "pwned");

// Windows forms, refused on every OS.
export const drive = () => core.fileRead("C:\\Windows\\win.ini");
export const driveSlash = () => core.fileRead("C:/Windows/win.ini");
export const driveRelative = () => core.fileRead("C:secrets/key.txt");
export const driveInGrant = () => core.fileWrite(`${base}/C:/pwned.txt`, "pwned");
export const unc = () => core.fileRead("\\\\server\\share\\secret.txt");
export const uncSlash = () => core.fileRead("//server/share/secret.txt");
export const uncDevice = () => core.fileRead("\\\\?\\C:\\Windows\\win.ini");
export const uncPipe = () => core.fileWrite("\\\\.\\pipe\\corets", "pwned");
export const stream = () => core.fileRead(`${base}/in.txt:secret`);
export const streamData = () => core.fileRead(`${base}/in.txt::$DATA`);
export const streamWrite = () => core.fileWrite(`${base}/in.txt:hidden`, "pwned");
export const device = () => core.fileRead(`${base}/CON`);
export const deviceExt = () => core.fileWrite(`${base}/nul.txt`, "pwned");

// A grant is matched on path boundaries.
export const prefix = () => core.fileRead("data/files-traversal-secrets/key.txt");
