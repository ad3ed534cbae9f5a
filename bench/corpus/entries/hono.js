import { Hono } from "hono";
// no top-level await: the bundle is a script (top-level await is another part of issue 12)
(async () => {
const app = new Hono();
app.get("/", (c) => c.text("Hello Hono!"));
app.get("/users/:id", (c) => c.json({ id: c.req.param("id"), q: c.req.query("q") }));
app.post("/echo", async (c) => c.json({ got: await c.req.json() }, 201));
app.notFound((c) => c.text("nope", 404));
for (const req of [new Request("http://x.example/"), new Request("http://x.example/users/42?q=z"), new Request("http://x.example/echo", { method: "POST", body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } }), new Request("http://x.example/missing")]) {
  const res = await app.fetch(req);
  console.log(req.method, new URL(req.url).pathname, res.status, res.headers.get("content-type"), await res.text());
}
})();
