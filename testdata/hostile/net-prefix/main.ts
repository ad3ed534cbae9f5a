// Granted only the path prefix /v1 on the granted server, this module asks
// for paths that a lenient or Unicode-normalising server reads as /admin:
// overlong UTF-8, NFKC look-alikes of '.', '/' and '\', encoded separators.
// And it asks for the granted address on another port (the ungranted
// server), whose refusal must name the port, not "grant the literal address".

const base = "http://127.0.0.1:{{PORT}}";

const get = async (path: string) => (await fetch(base + path)).status;

export const overlongDots = () => get("/v1/%c0%ae%c0%ae/admin");
export const overlongDots3 = () => get("/v1/%e0%80%ae%e0%80%ae/admin");
export const overlongSlash = () => get("/v1/..%c0%afadmin");
export const fullwidthDots = () => get("/v1/%ef%bc%8e%ef%bc%8e/admin");
export const oneDotLeaders = () => get("/v1/%e2%80%a4%e2%80%a4/admin");
export const twoDotLeader = () => get("/v1/%e2%80%a5/admin");
export const smallFullStops = () => get("/v1/%ef%b9%92%ef%b9%92/admin");
export const fullwidthSolidus = () => get("/v1/..%ef%bc%8fadmin");
export const encodedBackslash = () => get("/v1/..%5cadmin");
export const outsidePrefix = () => get("/admin");
export const insidePrefix = () => get("/v1/ok");
export const otherPort = async () => (await fetch("http://127.0.0.1:{{PORT2}}/")).status;
