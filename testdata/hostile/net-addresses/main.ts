// Every spelling of an address the module may not reach. Only
// 127.0.0.1:{{PORT}} is granted by literal address; everything else is
// loopback, link-local, metadata or private in disguise, or a name the
// test's resolver maps to one. Another spelling of the granted literal
// reaches the same server, as it should: it is the same address.

const port = "{{PORT}}";
const get = async (url: string) => (await fetch(url)).text();

export const granted = () => get(`http://127.0.0.1:${port}/ok`);
export const otherPort = () => get("http://127.0.0.1:{{PORT2}}/ok");
export const ipv6Loopback = () => get(`http://[::1]:${port}/ok`);
export const hex = () => get(`http://0x7f000001:${port}/ok`);
export const hexOtherPort = () => get("http://0x7f000001:{{PORT2}}/ok");
export const decimal = () => get("http://2130706433:{{PORT2}}/ok");
export const octal = () => get("http://0177.0.0.1:{{PORT2}}/ok");
export const short = () => get("http://127.1:{{PORT2}}/ok");
export const zero = () => get("http://0.0.0.0:{{PORT2}}/ok");
export const mapped = () => get("http://[::ffff:127.0.0.1]:{{PORT2}}/ok");
export const mappedHex = () => get("http://[::ffff:7f00:1]:{{PORT2}}/ok");
export const linkLocal = () => get("http://169.254.1.1/");
export const linkLocal6 = () => get("http://[fe80::1]/");
export const linkLocal6Zone = () => get("http://[fe80::1%25eth0]/");
export const metadata = () => get("http://169.254.169.254/latest/meta-data/");
export const metadataDecimal = () => get("http://2852039166/latest/meta-data/");
export const metadataMapped = () => get("http://[::ffff:169.254.169.254]/latest/meta-data/");
export const metadataUserinfo = () => get(`http://127.0.0.1:${port}@169.254.169.254/latest/meta-data/`);
export const privateLiteral = () => get("http://10.0.0.1/");
export const localhostName = () => get("http://localhost:{{PORT2}}/ok");
export const resolvesToLoopback = () => get("http://loopback.test:{{PORT2}}/ok");
export const resolvesToLoopback6 = () => get("http://loopback6.test:{{PORT2}}/ok");
export const resolvesToMapped = () => get("http://mapped.test:{{PORT2}}/ok");
// A name resolving to an address that is granted by literal address
// (127.0.0.1:{{PORT}}) reaches it: the literal grant is what permits it.
export const resolvesToGrantedLiteral = () => get(`http://loopback.test:${port}/ok`);
export const resolvesToMetadata = () => get("http://metadata.test/latest/meta-data/");
export const resolvesToPrivate = () => get("http://private.test/");
export const trailingDot = () => get("http://loopback.test.:{{PORT2}}/ok");
export const fileScheme = () => get("file:///etc/passwd");
export const otherScheme = () => get(`ftp://127.0.0.1:${port}/`);
