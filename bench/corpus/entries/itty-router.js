import { Router, json, error } from "itty-router";
// no top-level await: the bundle is a script (top-level await is another part of issue 12)
(async () => {
const router = Router();
router.get("/hello/:name", ({ params }) => json({ hello: params.name })).get("/q", (req) => json(req.query)).all("*", () => error(404, "not here"));
for (const u of ["http://x.example/hello/ada", "http://x.example/q?a=1&b=2&b=3", "http://x.example/zzz"]) {
  const res = await router.fetch(new Request(u));
  console.log(u, res.status, res.headers.get("content-type"), await res.text());
}
})();
