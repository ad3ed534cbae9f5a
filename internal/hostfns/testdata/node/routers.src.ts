import { Hono } from "hono";
import { Router } from "itty-router";

const app = new Hono();
app.get("/hello/:name", (c) => c.json({ hi: c.req.param("name"), q: c.req.query("x") }));
app.post("/form", async (c) => { const f = await c.req.parseBody(); return c.text("got " + JSON.stringify(f)); });
app.post("/json", async (c) => c.json(await c.req.json(), 201));
app.get("/go", (c) => c.redirect("/hello/there"));

const router = Router();
router.get("/items/:id", ({ params }) => new Response("item " + params.id));
router.all("*", () => new Response("nope", { status: 404 }));

async function show(r: Response) {
  console.log(r.status, r.headers.get("content-type"), r.headers.get("location"), await r.text());
}

export async function main() {
  await show(await app.fetch(new Request("http://x/hello/ada?x=1")));
  const fd = new FormData(); fd.append("a", "1"); fd.append("f", new Blob(["zz"], { type: "text/plain" }), "z.txt");
  await show(await app.fetch(new Request("http://x/form", { method: "POST", body: fd })));
  await show(await app.fetch(new Request("http://x/form", { method: "POST", body: new URLSearchParams("k=v&k2=v2") })));
  await show(await app.fetch(new Request("http://x/json", { method: "POST", body: JSON.stringify({ a: [1, 2] }), headers: { "content-type": "application/json" } })));
  await show(await app.fetch(new Request("http://x/go")));
  await show(await app.fetch(new Request("http://x/missing")));
  await show(await router.fetch(new Request("http://x/items/42")));
  await show(await router.fetch(new Request("http://x/other")));
  return "done";
}
