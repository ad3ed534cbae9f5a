// Sends mail through the embedder's host function email.send, which
// exists only in the embedder's program: on the command line, the stub
// declared in corets.capabilities.yml answers and records each call.
export async function notify(to: string): Promise<{ to: string; sent: unknown }> {
  const sent = await core.call("email.send", { to, subject: "Your notes", body: "3 new notes" });
  return { to, sent };
}
