// A CoreTS-style module: init(core) keeps the core it is given, notes
// live in the store, every add is also appended to a file, and a granted
// program counts the file's lines.
import { formatNote, type Note } from "./lib/note";

let c: Core;

export async function init(core: Core) {
  c = core;
  await c.fileMkdir("data");
  console.log("notes ready");
}

export async function add(text: string) {
  const list = (await c.storeGet<Note[]>("notes", "all")) ?? [];
  const note: Note = { id: list.length + 1, text };
  list.push(note);
  await c.storeSet("notes", "all", list);

  const file = "data/notes.txt";
  const old = (await c.fileStat(file)) ? await c.fileRead(file) : "";
  await c.fileWrite(file, old + formatNote(note) + "\n");

  const id = await c.processStart("wc", ["-l", file]);
  const counted = await c.processWait(id);
  return { added: note, stored: list.length, linesInFile: parseInt(counted.stdout, 10) };
}

export async function list() {
  return (await c.storeGet<Note[]>("notes", "all")) ?? [];
}
