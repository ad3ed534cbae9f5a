// Type declarations for CoreTS-Wasm modules: the `core` object, `fetch`
// with `Headers` and `Response`, and the web APIs of the engine's prelude.
// `corets-wasm init` writes this file beside a new module; keep it in the
// compilation (tsconfig "include", or `/// <reference path="./core.d.ts" />`).
//
// A module is an ES module. If it exports `init`, the host calls it once
// after loading, with `core` (which is also the global `core`). The host may
// call every other exported function with JSON arguments; the result,
// awaited if it is a promise, goes back as JSON.
//
//     export async function init(core: Core) {
//       const theme = await core.storeGet<string>("settings", "theme");
//     }
//     export async function handle(input: { name: string }) {
//       return { greeting: `hi ${input.name}` };
//     }
//
// Intended compiler options: "lib": ["ES2023"], "types": [] (no lib.dom:
// this file declares every global the runtime has, and only those).
//
// With "DOM" in lib as well: the globals here defer to lib.dom's own
// declarations, which then describe them, including members this runtime
// does not have (Request, Blob, body streams, crypto.subtle, ...); iterating
// Headers then needs "DOM.Iterable" too, as usual. Only two names cannot
// defer: HeadersInit and BodyInit are type aliases both here and in lib.dom,
// and TypeScript never merges type aliases, so tsc reports TS2300
// "Duplicate identifier" in lib.dom.d.ts unless skipLibCheck (or
// skipDefaultLibCheck) is on; with it, lib.dom's aliases are used.
//
// With @types/node in the compilation (a package's types often pull it in,
// e.g. @types/papaparse): as with lib.dom, the web globals here defer to
// node's declarations of the same names, and "skipLibCheck": true (which
// the tsconfig.json from `corets-wasm init` sets) is needed, because
// @types/node's `var` declarations of those globals have node's types and
// TypeScript requires every declaration of a `var` to have the same type.
// node's declarations then describe members and globals this runtime does
// not have (process, Buffer, require, __dirname are not globals here;
// `import { Buffer } from "node:buffer"` and "node:process" work).
//
// Errors: every `core` method returns a promise and never throws; a refusal
// or failure rejects with an Error whose `name` says what happened (see
// CoreErrorName). Test `err.name`: errors from the host are plain Error
// objects with that name, not instances of TypeError or DOMException.

// ---------------------------------------------------------------- core

/** The `name` of an Error a `core` method or `fetch` rejects with. */
type CoreErrorName =
  /** The manifest does not grant it; the message names the permission and the .core/view.yml key that would. */
  | "PermissionDenied"
  /** No such file, directory or process. */
  | "NotFound"
  /** The file or directory exists already. */
  | "AlreadyExists"
  /** A host-side limit (limits.* in .core/view.yml, or the store's quota); the message names the key to raise. */
  | "QuotaExceeded"
  /** A wrong argument: type, malformed name or value, a network failure in fetch. */
  | "TypeError"
  /** The deadline of the current call (limits.timeout) passed while waiting. */
  | "TimeoutError"
  /** The request was aborted (fetch's signal, or the module unloading). */
  | "AbortError"
  /** Anything else, e.g. a program that could not start, or an embedder function's own error. */
  | "Error";

/** The module's identity as the host knows it (never taken from the module). */
interface ModuleInfo {
  /**
   * `code` from .core/view.yml. A single file run without a manifest is named after the
   * file: its base name without the extension, in lowercase, each run of other characters
   * than a-z, 0-9, '-' and '_' made one '-' ("Hello World.ts" is "hello-world"; "main" if
   * nothing is left).
   */
  readonly code: string;
  /** `name` from .core/view.yml, or "". */
  readonly name: string;
  /** `version` from .core/view.yml, or "". */
  readonly version: string;
}

/** A file or directory, as fileStat and fileList describe it. */
interface FileInfo {
  /** The entry's base name. */
  name: string;
  /** Size in bytes. */
  size: number;
  isDirectory: boolean;
  /** True for a regular file (false for directories and special files). */
  isFile: boolean;
  /** Last modification, in milliseconds since the epoch (like Date.now()). */
  modified: number;
}

/** A stored value with its version, as storeGetEntry returns it. */
interface StoreEntry<T = unknown> {
  /** The value as JSON gave it back; a value the embedder stored that is not JSON comes back as a string. */
  value: T;
  /** The entry's version: it grows with every write to the group's partition and is never reused. Pass it to storeCompareAndSet. */
  version: number;
}

/** One entry of a storeList page. */
interface StoreListEntry<T = unknown> extends StoreEntry<T> {
  key: string;
}

/** Options of storeList. */
interface StoreListOptions {
  /** Only keys starting with this. Default "": all keys. */
  prefix?: string;
  /** Where to continue: the `cursor` of the previous page. null or "" starts at the beginning. */
  cursor?: string | null;
  /** Most entries on one page; 0 or absent means the store's maximum (1000). A page is also bounded in bytes, so it may hold fewer. */
  limit?: number;
}

/** One page of storeList. */
interface StoreListResult<T = unknown> {
  /** Entries in key order. */
  entries: StoreListEntry<T>[];
  /** Pass as `cursor` to get the next page; null when this page is the last. */
  cursor: string | null;
}

/** The outcome of storeCompareAndSet. */
interface CompareAndSetResult {
  /** True when the write (or delete) happened. */
  ok: boolean;
  /**
   * When ok: the entry's new version (0 after a delete).
   * When not ok: the entry's current version (0 if the key does not exist), to retry with.
   */
  version: number;
}

/** Options of processStart. */
interface ProcessOptions {
  /** Working directory, relative to the app root and inside it. Default: the app root. */
  cwd?: string;
  /**
   * Environment variables to set. Each name must be listed under permissions.env.
   * The program's environment is otherwise scrubbed: PATH, HOME, TMPDIR, LANG (and on
   * Windows a few more it needs), plus the host's values of the names permissions.env lists.
   */
  env?: Record<string, string>;
  /** Text the program reads on its standard input. Default: none (empty). */
  stdin?: string;
}

/** How a program ended, as processWait reports it. */
interface ProcessResult {
  /** Exit code; -1 when the program was killed (see signal). */
  code: number;
  /**
   * "" when the program exited by itself, otherwise why it was killed: "deadline" (the call
   * that started it reached its deadline), "stopped" (processStop), "unloaded" (the module
   * was unloaded) or "killed" (anything else).
   */
  signal: "" | "deadline" | "stopped" | "unloaded" | "killed";
  /** Standard output, decoded as UTF-8 (invalid bytes become U+FFFD). */
  stdout: string;
  /** Standard error, decoded likewise. */
  stderr: string;
  /** True when output beyond limits.output_bytes (stdout and stderr together) was dropped. */
  truncated: boolean;
}

/**
 * The host's services for a module: files, the store, programs and the
 * embedder's own functions. Also the global `core`.
 *
 * `core` is frozen and its methods do not use `this`, so they may be
 * destructured. Every method returns a promise and never throws: a wrong
 * argument, a refusal or a failure rejects (see CoreErrorName).
 *
 * Paths are relative to the app root ("data/a.txt" and "./data/a.txt" are
 * the same) and use "/". Absolute paths, "..", NUL bytes, drive letters, UNC
 * paths, alternate data streams and symbolic links leaving the granted tree
 * are refused with PermissionDenied. A grant matches on path boundaries:
 * "data" grants "data/x" but not "data-secrets".
 */
interface Core {
  /**
   * The module's identity as the host bound it. A plain property (not a
   * promise); reading it throws PermissionDenied in an instance that is not
   * bound to a module.
   */
  readonly module: ModuleInfo;

  /**
   * Reads a file as text (UTF-8).
   * Permission: permissions.read must grant `path`.
   * @param path relative to the app root
   * @returns the file's contents; "" for an empty file
   * @throws PermissionDenied — `path` is not granted, is refused, or the runtime has no app root
   * @throws NotFound — no such file
   * @throws QuotaExceeded — the file is larger than limits.read_bytes
   * @throws TypeError — `path` is not a string
   */
  readonly fileRead: (path: string) => Promise<string>;

  /**
   * Reads a file as bytes.
   * Permission: permissions.read must grant `path`.
   * @param path relative to the app root
   * @returns the file's bytes (a fresh Uint8Array)
   * @throws PermissionDenied — `path` is not granted, is refused, or the runtime has no app root
   * @throws NotFound — no such file
   * @throws QuotaExceeded — the file is larger than limits.read_bytes
   * @throws TypeError — `path` is not a string
   */
  readonly fileReadBytes: (path: string) => Promise<Uint8Array>;

  /**
   * Writes a file, creating it or replacing its contents. A string is
   * written as UTF-8; bytes as they are.
   * Permission: permissions.write must grant `path`.
   * @param path relative to the app root
   * @param data a string, an ArrayBuffer, a typed array or a DataView
   * @returns undefined, once the file is written
   * @throws PermissionDenied — `path` is not granted, is refused, or the runtime has no app root
   * @throws NotFound — the parent directory does not exist (see fileMkdir)
   * @throws QuotaExceeded — more than limits.write_bytes
   * @throws TypeError — `path` is not a string, or `data` is none of the above
   */
  readonly fileWrite: (path: string, data: string | ArrayBuffer | ArrayBufferView) => Promise<void>;

  /**
   * Writes bytes to a file: the same as fileWrite (which takes bytes too),
   * named to pair with fileReadBytes.
   * Permission: permissions.write must grant `path`.
   * @param path relative to the app root
   * @param data an ArrayBuffer, a typed array or a DataView (a string is written as UTF-8)
   * @returns undefined, once the file is written
   * @throws PermissionDenied — `path` is not granted, is refused, or the runtime has no app root
   * @throws NotFound — the parent directory does not exist (see fileMkdir)
   * @throws QuotaExceeded — more than limits.write_bytes
   * @throws TypeError — `path` is not a string, or `data` is none of the above
   */
  readonly fileWriteBytes: (path: string, data: ArrayBuffer | ArrayBufferView | string) => Promise<void>;

  /**
   * Lists a directory (at most 10,000 entries).
   * Permission: permissions.read must grant `path`.
   * @param path relative to the app root; "." is the app root itself
   * @returns one FileInfo per entry
   * @throws PermissionDenied — `path` is not granted, is refused, or the runtime has no app root
   * @throws NotFound — no such directory
   * @throws TypeError — `path` is not a string
   * @throws Error — `path` is not a directory, or another failure
   */
  readonly fileList: (path: string) => Promise<FileInfo[]>;

  /**
   * Describes a file or directory; tests existence without catching.
   * Permission: permissions.read must grant `path`.
   * @param path relative to the app root
   * @returns its FileInfo, or null when nothing exists at `path`
   * @throws PermissionDenied — `path` is not granted, is refused, or the runtime has no app root
   * @throws TypeError — `path` is not a string
   */
  readonly fileStat: (path: string) => Promise<FileInfo | null>;

  /**
   * Deletes a file or an empty directory.
   * Permission: permissions.write must grant `path`.
   * @param path relative to the app root
   * @returns undefined, once deleted
   * @throws PermissionDenied — `path` is not granted, is refused, or the runtime has no app root
   * @throws NotFound — nothing exists at `path`
   * @throws TypeError — `path` is not a string
   * @throws Error — e.g. the directory is not empty
   */
  readonly fileDelete: (path: string) => Promise<void>;

  /**
   * Creates a directory and any missing parents; an existing directory is fine.
   * Permission: permissions.write must grant `path`.
   * @param path relative to the app root
   * @returns undefined, once the directory exists
   * @throws PermissionDenied — `path` is not granted, is refused, or the runtime has no app root
   * @throws TypeError — `path` is not a string
   * @throws Error — e.g. a file is in the way
   */
  readonly fileMkdir: (path: string) => Promise<void>;

  /**
   * Reads a value from the store.
   *
   * Groups are the module's own (module A's group "x" is not module B's) and
   * need no permission, except groups listed under permissions.store, which
   * are shared by every module that lists them. Groups starting with "_" are
   * the runtime's: always PermissionDenied.
   * @param group a group name (non-empty, no control characters)
   * @param key the key
   * @returns the value, or null when the key does not exist (a stored null also reads as null; storeGetEntry tells them apart)
   * @throws PermissionDenied — a "_" group, or the runtime has no store
   * @throws TypeError — `group` or `key` is not a string, or is not a valid name
   * @throws QuotaExceeded — `key` is longer than the store allows
   */
  readonly storeGet: <T = unknown>(group: string, key: string) => Promise<T | null>;

  /**
   * Reads a value with its version, for storeCompareAndSet.
   * Permission: as storeGet (own groups free; shared groups need permissions.store).
   * @returns the entry, or null when the key does not exist
   * @throws PermissionDenied — a "_" group, or the runtime has no store
   * @throws TypeError — `group` or `key` is not a string, or is not a valid name
   * @throws QuotaExceeded — `key` is longer than the store allows
   */
  readonly storeGetEntry: <T = unknown>(group: string, key: string) => Promise<StoreEntry<T> | null>;

  /**
   * Stores a value (as JSON), replacing any other.
   * Permission: as storeGet (own groups free; shared groups need permissions.store).
   * @param value anything JSON.stringify turns into JSON (not undefined, a function or a symbol)
   * @returns the entry's new version
   * @throws PermissionDenied — a "_" group, or the runtime has no store
   * @throws TypeError — `group` or `key` is not a string or not a valid name, or `value` is not representable as JSON
   * @throws QuotaExceeded — the module's store quota (limits.store_bytes, limits.store_keys) or the shared groups' quota, or the key or value is too large
   */
  readonly storeSet: (group: string, key: string, value: {} | null) => Promise<number>;

  /**
   * Deletes a key.
   * Permission: as storeGet (own groups free; shared groups need permissions.store).
   * @returns true if the key existed, false if it did not
   * @throws PermissionDenied — a "_" group, or the runtime has no store
   * @throws TypeError — `group` or `key` is not a string, or is not a valid name
   */
  readonly storeDelete: (group: string, key: string) => Promise<boolean>;

  /**
   * Lists a group's entries in key order, a page at a time:
   *
   *     let cursor: string | null = null;
   *     do {
   *       const page: StoreListResult<number> = await core.storeList<number>("g", { prefix: "item", cursor });
   *       for (const e of page.entries) console.log(e.key, e.value);
   *       cursor = page.cursor;
   *     } while (cursor !== null);
   *
   * Permission: as storeGet (own groups free; shared groups need permissions.store).
   * @returns one page; its `cursor` is null on the last page
   * @throws PermissionDenied — a "_" group, or the runtime has no store
   * @throws TypeError — `group` is not a string or not a valid name, an option has the wrong type, or the cursor is malformed
   */
  readonly storeList: <T = unknown>(group: string, opts?: StoreListOptions) => Promise<StoreListResult<T>>;

  /**
   * Writes (or deletes) a key only if it is still at `version`, atomically:
   * the building block for counters and other read-modify-write updates.
   * A conflict is not an error: it resolves with ok false and the current version.
   *
   *     for (;;) {
   *       const cur = await core.storeGetEntry<number>("g", "n");
   *       const r = await core.storeCompareAndSet("g", "n", (cur?.value ?? 0) + 1, cur ? cur.version : 0);
   *       if (r.ok) break;
   *     }
   *
   * Permission: as storeGet (own groups free; shared groups need permissions.store).
   * @param value the new value (anything JSON can represent), or undefined to delete the key
   * @param version the version the key must have now (from storeGetEntry, storeSet or storeList); 0: the key must not exist
   * @returns {ok, version}: see CompareAndSetResult
   * @throws PermissionDenied — a "_" group, or the runtime has no store
   * @throws TypeError — `group` or `key` is not a string or not a valid name, `value` is not representable as JSON, or `version` is not a non-negative safe integer
   * @throws QuotaExceeded — as storeSet
   */
  readonly storeCompareAndSet: (group: string, key: string, value: {} | null | undefined, version: number) => Promise<CompareAndSetResult>;

  /**
   * Starts a program, without a shell: arguments go to it as they are.
   * It runs until it exits, processStop stops it, the deadline of the call
   * that started it passes, or the module unloads. Its output is kept (up to
   * limits.output_bytes) for processWait.
   * Permission: permissions.run must list `cmd` exactly (a program name,
   * found on the host's PATH, never a path); names in `opts.env` need permissions.env.
   * @param cmd the program's name
   * @param args its arguments (default none)
   * @returns the process id, for processWait and processStop
   * @throws PermissionDenied — `cmd` is not granted, an env name is not granted, or `cwd` leaves the app root
   * @throws QuotaExceeded — limits.processes programs are running already
   * @throws NotFound — `cwd` does not exist
   * @throws TypeError — `cmd` is not a string, `args` is not an array of strings, an argument or variable contains a NUL byte, or `cwd` is not a directory
   * @throws Error — the program could not be started
   */
  readonly processStart: (cmd: string, args?: readonly string[], opts?: ProcessOptions) => Promise<number>;

  /**
   * Waits for a program to end. May be called again for the same id; the
   * results of the 64 most recently ended programs are kept.
   * No permission of its own: ids come from this module's processStart.
   * @param id from processStart
   * @returns its exit code and output
   * @throws NotFound — no such process (or its result was dropped)
   * @throws TimeoutError — the deadline of the waiting call passed before the program ended
   * @throws TypeError — `id` is not a number
   */
  readonly processWait: (id: number) => Promise<ProcessResult>;

  /**
   * Kills a program (on Unix its whole process group). Resolves at once,
   * without waiting: processWait then reports signal "stopped". Stopping a
   * program that has ended already does nothing.
   * No permission of its own: ids come from this module's processStart.
   * @param id from processStart
   * @returns undefined
   * @throws NotFound — no such process
   * @throws TypeError — `id` is not a number
   */
  readonly processStop: (id: number) => Promise<void>;

  /**
   * Calls a host function the embedder added.
   * Permission: the manifest must list one or more values under the
   * function's own capability (permissions.<capability>, a name the
   * embedder chose); the function sees that list.
   * @param name the function's name
   * @param arg its argument, anything JSON can represent (default null)
   * @returns the function's JSON result, or null when it returns nothing; `R` is your assertion of its shape
   * @throws PermissionDenied — the function's capability is not granted
   * @throws TypeError — no such function, `name` is not a string, or `arg` is not representable as JSON
   * @throws Error — the function failed (or another name the function chose)
   */
  readonly call: <R = unknown>(name: string, arg?: {} | null) => Promise<R>;
}

/** The host's services; the same object `init(core)` receives. */
declare const core: Core;

/**
 * `import.meta` in a module: the bundle is one ES module (top-level `await`
 * works), evaluated as the module's entry.
 */
interface ImportMeta {
  /** "file:///" and the entry's path in the module directory: "file:///main.ts". */
  url: string;
  /** Always true: the bundle is the entry. */
  main: boolean;
}

// ---------------------------------------------------------------- fetch

/**
 * Performs an HTTP request (a web-standard subset). It rejects only when no
 * response arrives; an HTTP error status is a Response with `ok` false.
 * Redirects are followed (at most 10) unless `init.redirect` says otherwise.
 *
 * Permission: permissions.net must grant the URL's host and port, and that
 * of every redirect. The resolved address is checked again when dialling:
 * loopback, private, link-local and metadata addresses are refused unless
 * granted by literal address.
 * @param input the absolute URL (a string, a URL, or an object with a `url` string)
 * @throws PermissionDenied — the target (or a redirect's) is not granted, or its address is refused
 * @throws QuotaExceeded — the response body is larger than limits.fetch_bytes; the call made more than limits.fetch_requests requests (its timers and callbacks, however late, count with it); or the responses in flight would pass what the host buffers for the module (the larger of limits.memory and limits.fetch_bytes)
 * @throws TimeoutError — the call's deadline passed
 * @throws AbortError — `init.signal` was aborted (it rejects with the signal's reason), or the module is unloading
 * @throws TypeError — an invalid URL, an unsupported method, a body on GET or HEAD, an invalid header, a redirect with `redirect: "error"`, more than 10 redirects, or a network failure
 */
declare function fetch(input: string | URL | Request | { readonly url: string }, init?: RequestInit): Promise<Response>;

/** The options of fetch: only these are supported. */
interface RequestInit extends CoreTSWasm.UnlessDom<CoreTSWasm.RequestInit> {}
/** The options of `new Response(body, init)` and `Response.json`. */
interface ResponseInit extends CoreTSWasm.UnlessDom<CoreTSWasm.ResponseInit> {}

/** HTTP headers: names are case-insensitive (kept in lower case), iteration is sorted by name. */
interface Headers extends CoreTSWasm.UnlessDom<CoreTSWasm.Headers> {}
declare var Headers: typeof globalThis extends { onmessage: any; Headers: infer T } ? T : CoreTSWasm.HeadersConstructor;

/** A fetch response, or one made with `new Response(...)`; its body is held in memory. */
interface Response extends CoreTSWasm.UnlessDom<CoreTSWasm.Response> {}
declare var Response: typeof globalThis extends { onmessage: any; Response: infer T } ? T : CoreTSWasm.ResponseConstructor;

/** An HTTP request, as web-standard routers take it; `fetch` accepts one. */
interface Request extends CoreTSWasm.UnlessDom<CoreTSWasm.Request> {}
declare var Request: typeof globalThis extends { onmessage: any; Request: infer T } ? T : CoreTSWasm.RequestConstructor;

/** Two entangled ports within the instance: messages are structured clones, each delivered as a task. */
interface MessageChannel extends CoreTSWasm.UnlessDom<CoreTSWasm.MessageChannel> {}
declare var MessageChannel: typeof globalThis extends { onmessage: any; MessageChannel: infer T } ? T : { prototype: globalThis.MessageChannel; new (): globalThis.MessageChannel };
interface MessagePort extends CoreTSWasm.UnlessDom<CoreTSWasm.MessagePort> {}
declare var MessagePort: typeof globalThis extends { onmessage: any; MessagePort: infer T } ? T : { prototype: globalThis.MessagePort };
interface MessageEvent<T = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.MessageEvent<T>> {}
declare var MessageEvent: typeof globalThis extends { onmessage: any; MessageEvent: infer T } ? T : { prototype: globalThis.MessageEvent; new <T = any>(type: string, init?: { data?: T; origin?: string; lastEventId?: string; source?: any; ports?: Iterable<globalThis.MessagePort> }): globalThis.MessageEvent<T> };
/** Messages to every other BroadcastChannel of the same name in the instance. */
interface BroadcastChannel extends CoreTSWasm.UnlessDom<CoreTSWasm.BroadcastChannel> {}
declare var BroadcastChannel: typeof globalThis extends { onmessage: any; BroadcastChannel: infer T } ? T : { prototype: globalThis.BroadcastChannel; new (name: string): globalThis.BroadcastChannel };
interface ErrorEvent extends CoreTSWasm.UnlessDom<CoreTSWasm.ErrorEvent> {}
declare var ErrorEvent: typeof globalThis extends { onmessage: any; ErrorEvent: infer T } ? T : { prototype: globalThis.ErrorEvent; new (type: string, init?: { message?: string; filename?: string; lineno?: number; colno?: number; error?: any; cancelable?: boolean }): globalThis.ErrorEvent };
/** Fires an ErrorEvent at globalThis if it has dispatchEvent; unless cancelled, logs "Uncaught ..." as an uncaught exception. */
declare function reportError(error: any): void;

/** Immutable bytes with a type; held in memory. */
interface Blob extends CoreTSWasm.UnlessDom<CoreTSWasm.Blob> {}
declare var Blob: typeof globalThis extends { onmessage: any; Blob: infer T } ? T : CoreTSWasm.BlobConstructor;
/** A Blob with a name and a modification time. */
interface File extends CoreTSWasm.UnlessDom<CoreTSWasm.File> {}
declare var File: typeof globalThis extends { onmessage: any; File: infer T } ? T : CoreTSWasm.FileConstructor;
/** Form fields, sent as multipart/form-data; Request and Response parse it back with formData(). */
interface FormData extends CoreTSWasm.UnlessDom<CoreTSWasm.FormData> {}
declare var FormData: typeof globalThis extends { onmessage: any; FormData: infer T } ? T : CoreTSWasm.FormDataConstructor;

// Web Streams (prelude/70-streams.js) and the compression streams (72-compression.js).
interface ReadableStream<R = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.ReadableStream<R>> {}
declare var ReadableStream: typeof globalThis extends { onmessage: any; ReadableStream: infer T } ? T : CoreTSWasm.ReadableStreamConstructor;
interface ReadableStreamDefaultReader<R = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.ReadableStreamDefaultReader<R>> {}
declare var ReadableStreamDefaultReader: typeof globalThis extends { onmessage: any; ReadableStreamDefaultReader: infer T } ? T : CoreTSWasm.ReadableStreamDefaultReaderConstructor;
interface ReadableStreamDefaultController<R = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.ReadableStreamDefaultController<R>> {}
interface ReadableStreamBYOBReader extends CoreTSWasm.UnlessDom<CoreTSWasm.ReadableStreamBYOBReader> {}
declare var ReadableStreamBYOBReader: typeof globalThis extends { onmessage: any; ReadableStreamBYOBReader: infer T } ? T : CoreTSWasm.ReadableStreamBYOBReaderConstructor;
interface ReadableByteStreamController extends CoreTSWasm.UnlessDom<CoreTSWasm.ReadableByteStreamController> {}
declare var ReadableByteStreamController: typeof globalThis extends { onmessage: any; ReadableByteStreamController: infer T } ? T : CoreTSWasm.IllegalConstructor<ReadableByteStreamController>;
interface ReadableStreamBYOBRequest extends CoreTSWasm.UnlessDom<CoreTSWasm.ReadableStreamBYOBRequest> {}
declare var ReadableStreamBYOBRequest: typeof globalThis extends { onmessage: any; ReadableStreamBYOBRequest: infer T } ? T : CoreTSWasm.IllegalConstructor<ReadableStreamBYOBRequest>;
declare var ReadableStreamDefaultController: typeof globalThis extends { onmessage: any; ReadableStreamDefaultController: infer T } ? T : CoreTSWasm.IllegalConstructor<ReadableStreamDefaultController>;
interface WritableStream<W = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.WritableStream<W>> {}
declare var WritableStream: typeof globalThis extends { onmessage: any; WritableStream: infer T } ? T : CoreTSWasm.WritableStreamConstructor;
interface WritableStreamDefaultWriter<W = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.WritableStreamDefaultWriter<W>> {}
declare var WritableStreamDefaultWriter: typeof globalThis extends { onmessage: any; WritableStreamDefaultWriter: infer T } ? T : CoreTSWasm.WritableStreamDefaultWriterConstructor;
interface WritableStreamDefaultController extends CoreTSWasm.UnlessDom<CoreTSWasm.WritableStreamDefaultController> {}
declare var WritableStreamDefaultController: typeof globalThis extends { onmessage: any; WritableStreamDefaultController: infer T } ? T : CoreTSWasm.IllegalConstructor<WritableStreamDefaultController>;
interface TransformStream<I = any, O = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.TransformStream<I, O>> {}
declare var TransformStream: typeof globalThis extends { onmessage: any; TransformStream: infer T } ? T : CoreTSWasm.TransformStreamConstructor;
interface TransformStreamDefaultController<O = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.TransformStreamDefaultController<O>> {}
declare var TransformStreamDefaultController: typeof globalThis extends { onmessage: any; TransformStreamDefaultController: infer T } ? T : CoreTSWasm.IllegalConstructor<TransformStreamDefaultController>;
interface CountQueuingStrategy extends CoreTSWasm.UnlessDom<CoreTSWasm.CountQueuingStrategy> {}
declare var CountQueuingStrategy: typeof globalThis extends { onmessage: any; CountQueuingStrategy: infer T } ? T : CoreTSWasm.CountQueuingStrategyConstructor;
interface ByteLengthQueuingStrategy extends CoreTSWasm.UnlessDom<CoreTSWasm.ByteLengthQueuingStrategy> {}
declare var ByteLengthQueuingStrategy: typeof globalThis extends { onmessage: any; ByteLengthQueuingStrategy: infer T } ? T : CoreTSWasm.ByteLengthQueuingStrategyConstructor;
interface TextEncoderStream extends CoreTSWasm.UnlessDom<CoreTSWasm.TextEncoderStream> {}
declare var TextEncoderStream: typeof globalThis extends { onmessage: any; TextEncoderStream: infer T } ? T : CoreTSWasm.TextEncoderStreamConstructor;
interface TextDecoderStream extends CoreTSWasm.UnlessDom<CoreTSWasm.TextDecoderStream> {}
declare var TextDecoderStream: typeof globalThis extends { onmessage: any; TextDecoderStream: infer T } ? T : CoreTSWasm.TextDecoderStreamConstructor;
interface CompressionStream extends CoreTSWasm.UnlessDom<CoreTSWasm.CompressionStream> {}
declare var CompressionStream: typeof globalThis extends { onmessage: any; CompressionStream: infer T } ? T : CoreTSWasm.CompressionStreamConstructor;
interface DecompressionStream extends CoreTSWasm.UnlessDom<CoreTSWasm.DecompressionStream> {}
declare var DecompressionStream: typeof globalThis extends { onmessage: any; DecompressionStream: infer T } ? T : CoreTSWasm.DecompressionStreamConstructor;
interface UnderlyingSource<R = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.UnderlyingSource<R>> {}
interface UnderlyingByteSource extends CoreTSWasm.UnlessDom<CoreTSWasm.UnderlyingByteSource> {}
interface UnderlyingSink<W = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.UnderlyingSink<W>> {}
interface Transformer<I = any, O = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.Transformer<I, O>> {}
interface QueuingStrategy<T = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.QueuingStrategy<T>> {}
interface QueuingStrategyInit extends CoreTSWasm.UnlessDom<CoreTSWasm.QueuingStrategyInit> {}
interface StreamPipeOptions extends CoreTSWasm.UnlessDom<CoreTSWasm.StreamPipeOptions> {}
interface ReadableWritablePair<R = any, W = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.ReadableWritablePair<R, W>> {}

// These two are type aliases in lib.dom as well; see the note at the top.
// @ts-ignore: TS2300 with lib.dom
type HeadersInit = CoreTSWasm.HeadersInit;
// @ts-ignore: TS2300 with lib.dom
type BodyInit = CoreTSWasm.BodyInit;

// ---------------------------------------------------------------- prelude
// The web APIs the engine provides (no permission needed). They follow
// Node.js 20 where the two differ from browsers.

interface Console extends CoreTSWasm.UnlessDom<CoreTSWasm.Console> {}
/** Output goes to the host: with the command line, log/info/debug/dir to stdout and warn/error/trace to stderr. */
declare var console: Console;

/**
 * Calls `callback(...args)` once after `delay` milliseconds (at least 1).
 * @returns the timer's id (a number, as in browsers)
 * @throws RangeError — more than 10,000 timers are pending
 */
declare function setTimeout<TArgs extends any[]>(callback: (...args: TArgs) => void, delay?: number, ...args: CoreTSWasm.VoidOptional<TArgs>): number;
/**
 * Calls `callback(...args)` every `delay` milliseconds (at least 1) until cleared.
 * @returns the timer's id (a number)
 * @throws RangeError — more than 10,000 timers are pending
 */
declare function setInterval<TArgs extends any[]>(callback: (...args: TArgs) => void, delay?: number, ...args: CoreTSWasm.VoidOptional<TArgs>): number;
/** Cancels a timer from setTimeout or setInterval; anything else is ignored. */
declare function clearTimeout(id?: number): void;
/** Cancels a timer from setInterval or setTimeout; anything else is ignored. */
declare function clearInterval(id?: number): void;
/** Runs `callback` after the current job, before any timer. */
declare function queueMicrotask(callback: () => void): void;
/** Runs `callback(...args)` once the current turn's timers and microtasks are done, as node's. */
declare function setImmediate<TArgs extends any[]>(callback: (...args: TArgs) => void, ...args: CoreTSWasm.VoidOptional<TArgs>): { ref(): any; unref(): any; hasRef(): boolean };
/** Cancels an immediate from setImmediate; anything else is ignored. */
declare function clearImmediate(immediate?: { hasRef(): boolean }): void;
/** globalThis, as in a browser or worker. */
declare var self: typeof globalThis extends { onmessage: any; self: infer T } ? T : typeof globalThis;
/** What the engine is: userAgent "CoreTS-Wasm/1 (...)", language "en-US", hardwareConcurrency 1. */
declare var navigator: typeof globalThis extends { onmessage: any; navigator: infer T } ? T : Navigator;

/**
 * Decodes base64 (ASCII whitespace is skipped) to a string of byte values 0-255.
 * @throws DOMException InvalidCharacterError — not valid base64
 */
declare function atob(data: string): string;
/**
 * Encodes a string of byte values 0-255 as base64.
 * @throws DOMException InvalidCharacterError — a character above U+00FF
 */
declare function btoa(data: string): string;

/**
 * A deep copy of primitives, plain objects, arrays, Date, RegExp, Map, Set,
 * ArrayBuffer, typed arrays, DataView, Error and boxed primitives; cycles are kept.
 * @throws DOMException DataCloneError — a function, symbol, Promise, WeakMap, WeakSet or the like
 */
declare function structuredClone<T = any>(value: T, options?: CoreTSWasm.StructuredSerializeOptions): T;

/** Encodes strings as UTF-8. */
interface TextEncoder extends CoreTSWasm.UnlessDom<CoreTSWasm.TextEncoder> {}
declare var TextEncoder: typeof globalThis extends { onmessage: any; TextEncoder: infer T } ? T : CoreTSWasm.TextEncoderConstructor;
interface TextEncoderEncodeIntoResult extends CoreTSWasm.UnlessDom<CoreTSWasm.TextEncoderEncodeIntoResult> {}

/** Decodes UTF-8 (the only encoding this runtime has). */
interface TextDecoder extends CoreTSWasm.UnlessDom<CoreTSWasm.TextDecoder> {}
declare var TextDecoder: typeof globalThis extends { onmessage: any; TextDecoder: infer T } ? T : CoreTSWasm.TextDecoderConstructor;
interface TextDecoderOptions extends CoreTSWasm.UnlessDom<CoreTSWasm.TextDecoderOptions> {}
interface TextDecodeOptions extends CoreTSWasm.UnlessDom<CoreTSWasm.TextDecodeOptions> {}

/** A WHATWG URL. */
interface URL extends CoreTSWasm.UnlessDom<CoreTSWasm.URL> {}
declare var URL: typeof globalThis extends { onmessage: any; URL: infer T } ? T : CoreTSWasm.URLConstructor;

/** A query string's name/value pairs, in order. */
interface URLSearchParams extends CoreTSWasm.UnlessDom<CoreTSWasm.URLSearchParams> {}
declare var URLSearchParams: typeof globalThis extends { onmessage: any; URLSearchParams: infer T } ? T : CoreTSWasm.URLSearchParamsConstructor;

/** Randomness from the host (per instance, never a fixed seed), and `crypto.subtle`. */
interface Crypto extends CoreTSWasm.UnlessDom<CoreTSWasm.Crypto> {}
declare var Crypto: typeof globalThis extends { onmessage: any; Crypto: infer T } ? T : CoreTSWasm.IllegalConstructor<Crypto>;
declare var crypto: Crypto;

/** Web Crypto on the host's Go crypto: digest, HMAC, PBKDF2, HKDF, AES-GCM/CBC/CTR, ECDSA, ECDH, Ed25519, X25519, RSA-PSS/PKCS1-v1_5/OAEP. */
interface SubtleCrypto extends CoreTSWasm.UnlessDom<CoreTSWasm.SubtleCrypto> {}
declare var SubtleCrypto: typeof globalThis extends { onmessage: any; SubtleCrypto: infer T } ? T : CoreTSWasm.IllegalConstructor<SubtleCrypto>;

/** A key of crypto.subtle; its bytes are readable only through exportKey, and only if extractable. */
interface CryptoKey extends CoreTSWasm.UnlessDom<CoreTSWasm.CryptoKey> {}
declare var CryptoKey: typeof globalThis extends { onmessage: any; CryptoKey: infer T } ? T : CoreTSWasm.IllegalConstructor<CryptoKey>;

// Intl: its types come from the ES lib ("lib": ["ES2023"]). Present: Intl.DateTimeFormat (CLDR 48
// data for 329 locales of 52 languages, as node 20: names, dateStyle/timeStyle,
// option bags, hour cycles, zone names, formatRange; every IANA zone, any
// case; the gregorian calendar only: other calendars resolve to "gregory"),
// Intl.NumberFormat (every style, notation and rounding option,
// formatRange, BigInt and decimal-string inputs; currency, unit, compact,
// relative-time and list patterns for 48 locales (en de fr es it pt nl sv
// pl ru tr ar he hi ja zh ko fi da nb cs sk hu ro uk el bg hr id th vi ms ca
// fa bn ta and en-GB en-IN de-CH de-AT fr-CA fr-CH es-419 es-MX it-CH pt-PT
// zh-Hant); other locales use their language's, else English's),
// Intl.RelativeTimeFormat, Intl.ListFormat, Intl.PluralRules
// (cardinal, ordinal, selectRange), Intl.Collator (strings of more
// than 300,000 UTF-16 units together compare by code units),
// Intl.getCanonicalLocales, String#localeCompare,
// String#toLocaleUpperCase/toLocaleLowerCase (Turkish and Azerbaijani i),
// and Date#toLocaleString/toLocaleDateString/toLocaleTimeString and
// Number#toLocaleString and BigInt#toLocaleString built on them;
// Intl.Segmenter (UAX #29 graphemes, words and sentences of Unicode 17, as
// node 20; Chinese, Japanese and Thai words are not split by dictionary as
// ICU's are), Intl.Locale (with node 20's getters calendars, collations,
// hourCycles, numberingSystems, timeZones, textInfo, weekInfo),
// Intl.DisplayNames (node's names for en, de, fr, es, ja, zh, it, pt, ru,
// ko, nl, pl, tr, ar, hi, sv; other locales' language, region and script
// names from older CLDR data), Intl.supportedValuesOf (calendar,
// collation, numberingSystem: what the formatters honour; currency, unit,
// timeZone: node's lists). Every Intl constructor of ES2023 is present.

/** A monotonic clock. */
interface Performance extends CoreTSWasm.UnlessDom<CoreTSWasm.Performance> {}
declare var Performance: typeof globalThis extends { onmessage: any; Performance: infer T } ? T : CoreTSWasm.IllegalConstructor<Performance>;
declare var performance: Performance;
/** A mark or measure of performance's timeline. */
interface PerformanceEntry extends CoreTSWasm.UnlessDom<CoreTSWasm.PerformanceEntry> {}
declare var PerformanceEntry: typeof globalThis extends { onmessage: any; PerformanceEntry: infer T } ? T : CoreTSWasm.IllegalConstructor<PerformanceEntry>;
/** What performance.mark records; `new PerformanceMark(name, options)` makes one without recording it. */
interface PerformanceMark extends CoreTSWasm.UnlessDom<CoreTSWasm.PerformanceMark> {}
declare var PerformanceMark: typeof globalThis extends { onmessage: any; PerformanceMark: infer T } ? T : CoreTSWasm.PerformanceMarkConstructor;
/** What performance.measure records. */
interface PerformanceMeasure extends CoreTSWasm.UnlessDom<CoreTSWasm.PerformanceMeasure> {}
declare var PerformanceMeasure: typeof globalThis extends { onmessage: any; PerformanceMeasure: infer T } ? T : CoreTSWasm.IllegalConstructor<PerformanceMeasure>;
/** The class of `navigator`. */
interface Navigator extends CoreTSWasm.UnlessDom<CoreTSWasm.Navigator> {}
declare var Navigator: typeof globalThis extends { onmessage: any; Navigator: infer T } ? T : CoreTSWasm.IllegalConstructor<Navigator>;

/** An Error with a web-standard name, such as "AbortError" or "TimeoutError". */
interface DOMException extends CoreTSWasm.UnlessDom<CoreTSWasm.DOMException> {}
declare var DOMException: typeof globalThis extends { onmessage: any; DOMException: infer T } ? T : CoreTSWasm.DOMExceptionConstructor;

interface Event extends CoreTSWasm.UnlessDom<CoreTSWasm.Event> {}
declare var Event: typeof globalThis extends { onmessage: any; Event: infer T } ? T : CoreTSWasm.EventConstructor;
interface EventInit extends CoreTSWasm.UnlessDom<CoreTSWasm.EventInit> {}

interface CustomEvent<T = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.CustomEvent<T>> {}
declare var CustomEvent: typeof globalThis extends { onmessage: any; CustomEvent: infer T } ? T : CoreTSWasm.CustomEventConstructor;
interface CustomEventInit<T = any> extends CoreTSWasm.UnlessDom<CoreTSWasm.CustomEventInit<T>> {}

interface EventTarget extends CoreTSWasm.UnlessDom<CoreTSWasm.EventTarget> {}
declare var EventTarget: typeof globalThis extends { onmessage: any; EventTarget: infer T } ? T : CoreTSWasm.EventTargetConstructor;
interface EventListener extends CoreTSWasm.UnlessDom<CoreTSWasm.EventListener> {}
interface EventListenerObject extends CoreTSWasm.UnlessDom<CoreTSWasm.EventListenerObject> {}
interface EventListenerOptions extends CoreTSWasm.UnlessDom<CoreTSWasm.EventListenerOptions> {}
interface AddEventListenerOptions extends CoreTSWasm.UnlessDom<CoreTSWasm.AddEventListenerOptions> {}

/** Aborts what its `signal` was given to (fetch, addEventListener). */
interface AbortController extends CoreTSWasm.UnlessDom<CoreTSWasm.AbortController> {}
declare var AbortController: typeof globalThis extends { onmessage: any; AbortController: infer T } ? T : CoreTSWasm.AbortControllerConstructor;

interface AbortSignal extends CoreTSWasm.UnlessDom<CoreTSWasm.AbortSignal> {}
declare var AbortSignal: typeof globalThis extends { onmessage: any; AbortSignal: infer T } ? T : CoreTSWasm.AbortSignalConstructor;

// ---------------------------------------------------------------- definitions
// What the global web types above are when lib.dom is absent. Module code
// names the globals, not this namespace.

declare namespace CoreTSWasm {
  /**
   * T without lib.dom (and lib.webworker) and without @types/node; {} with either, so their
   * declaration of the name describes it alone (an interface extending two different
   * declarations of one member is an error, TS2320).
   */
  type UnlessDom<T> = typeof globalThis extends { onmessage: any } | NodeGlobals ? {} : T;
  /** What @types/node declares and nothing else does all three of (a module may declare `process` alone). */
  interface NodeGlobals { process: any; Buffer: any; __dirname: any }
  /** A callback's single `void` parameter may be left out, so `new Promise((r) => setTimeout(r, ms))` type-checks (as @types/node does). */
  type VoidOptional<TArgs extends any[]> = [void] extends TArgs ? Partial<TArgs> : TArgs;
  interface MessagePort extends globalThis.EventTarget {
    /** Clones `message` (moving the transfer list's ArrayBuffers); nothing happens once closed. */
    postMessage(message: any, transfer?: ArrayBuffer[] | { transfer?: ArrayBuffer[] }): void;
    start(): void;
    /** Closes both ports; each gets a 'close' event. */
    close(): void;
    onmessage: ((this: globalThis.MessagePort, ev: globalThis.MessageEvent) => any) | null;
    onmessageerror: ((this: globalThis.MessagePort, ev: globalThis.MessageEvent) => any) | null;
  }
  interface MessageChannel {
    readonly port1: globalThis.MessagePort;
    readonly port2: globalThis.MessagePort;
  }
  interface MessageEvent<T = any> extends globalThis.Event {
    readonly data: T;
    readonly origin: string;
    readonly lastEventId: string;
    readonly source: any;
    readonly ports: readonly globalThis.MessagePort[];
  }
  interface BroadcastChannel extends globalThis.EventTarget {
    readonly name: string;
    /** @throws DOMException InvalidStateError — the channel is closed */
    postMessage(message: any): void;
    close(): void;
    onmessage: ((this: globalThis.BroadcastChannel, ev: globalThis.MessageEvent) => any) | null;
    onmessageerror: ((this: globalThis.BroadcastChannel, ev: globalThis.MessageEvent) => any) | null;
  }
  interface ErrorEvent extends globalThis.Event {
    readonly message: string;
    readonly filename: string;
    readonly lineno: number;
    readonly colno: number;
    readonly error: any;
  }

  /** A class whose constructor throws (the runtime makes the one instance itself). */
  interface IllegalConstructor<T> {
    readonly prototype: T;
    new (illegalConstructor: never): never;
  }

  // ---- fetch

  type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

  /** Sent as Content-Type when none is set: a string as text/plain;charset=UTF-8, URLSearchParams as application/x-www-form-urlencoded;charset=UTF-8, FormData as multipart/form-data with its boundary, a Blob as its type; bytes with none. */
  type BodyInit = string | ArrayBuffer | ArrayBufferView | globalThis.URLSearchParams | globalThis.Blob | globalThis.FormData | globalThis.ReadableStream<Uint8Array>;

  /** Headers, an object of name: value, or [name, value] pairs. */
  type HeadersInit = globalThis.Headers | Record<string, string> | [string, string][] | Iterable<readonly [string, string]>;

  interface RequestInit {
    /** Default "GET"; case does not matter. Other methods are a TypeError. */
    method?: Method | Lowercase<Method>;
    /** Host, Connection, Content-Length and other hop-by-hop headers are set by the host and ignored here. User-Agent defaults to "corets-wasm". */
    headers?: HeadersInit;
    /** Not with GET or HEAD. */
    body?: BodyInit | null;
    /** "follow" (default, at most 10), "manual" (the 3xx response itself), or "error" (a redirect is a TypeError). */
    redirect?: "follow" | "manual" | "error";
    /** Aborting it rejects fetch's promise with the signal's reason, or, once the response is in, errors its body. */
    signal?: globalThis.AbortSignal | null;
    /** Required with a ReadableStream body, which is sent (chunked) as it is read. */
    duplex?: "half";
  }

  interface ResponseInit {
    /** Default 200. */
    status?: number;
    /** Default "". */
    statusText?: string;
    headers?: HeadersInit;
  }

  interface Headers {
    /** Adds a value; an existing header gets ", value" appended (Set-Cookie keeps separate values). */
    append(name: string, value: string): void;
    delete(name: string): void;
    /** The value(s), joined with ", "; null when absent. */
    get(name: string): string | null;
    /** Each Set-Cookie value separately. */
    getSetCookie(): string[];
    has(name: string): boolean;
    set(name: string, value: string): void;
    forEach(callback: (value: string, name: string, parent: globalThis.Headers) => void, thisArg?: any): void;
    /** [name, value] pairs, sorted by name. */
    entries(): IterableIterator<[string, string]>;
    keys(): IterableIterator<string>;
    values(): IterableIterator<string>;
    [Symbol.iterator](): IterableIterator<[string, string]>;
  }
  interface HeadersConstructor {
    readonly prototype: globalThis.Headers;
    /** @throws TypeError — an invalid name or value, or a pair that is not two elements */
    new (init?: HeadersInit): globalThis.Headers;
  }

  interface Response {
    readonly status: number;
    /** True for a status of 200-299. */
    readonly ok: boolean;
    readonly statusText: string;
    readonly headers: globalThis.Headers;
    /** The final URL, after redirects; "" for a constructed Response. */
    readonly url: string;
    readonly redirected: boolean;
    /** "basic" from fetch, "default" when constructed. */
    readonly type: "basic" | "default" | "error";
    /**
     * The body as a stream of Uint8Array chunks; null for none. A fetch response's body arrives from the
     * host as the stream is read (small bodies of known length come whole); cancelling it closes the connection.
     */
    readonly body: globalThis.ReadableStream<Uint8Array> | null;
    /** True once the body was read (it can be read once; clone() first to read it twice). */
    readonly bodyUsed: boolean;
    arrayBuffer(): Promise<ArrayBuffer>;
    bytes(): Promise<Uint8Array>;
    /** The body decoded as UTF-8. */
    text(): Promise<string>;
    /** The body parsed as JSON; rejects with a SyntaxError if it is not JSON. (Not generic, as in lib.dom: annotate the variable instead.) */
    json(): Promise<any>;
    /** The body as a Blob whose type is the Content-Type header's. */
    blob(): Promise<globalThis.Blob>;
    /** The body parsed as multipart/form-data or application/x-www-form-urlencoded (by Content-Type); rejects with a TypeError otherwise. */
    formData(): Promise<globalThis.FormData>;
    /** @throws TypeError — the body was read already */
    clone(): globalThis.Response;
  }
  interface ResponseConstructor {
    readonly prototype: globalThis.Response;
    new (body?: BodyInit | null, init?: globalThis.ResponseInit): globalThis.Response;
    /** A response whose body is JSON.stringify(data), with Content-Type application/json unless init sets one. */
    json(data: any, init?: globalThis.ResponseInit): globalThis.Response;
    /** A redirect to the absolute `url` (status 301, 302 (default), 303, 307 or 308) with a Location header. */
    redirect(url: string | globalThis.URL, status?: number): globalThis.Response;
    /** A network error: status 0, type "error". */
    error(): globalThis.Response;
  }

  interface RequestOptions extends Omit<RequestInit, "method"> {
    referrerPolicy?: string;
    mode?: string;
    credentials?: string;
    cache?: string;
    integrity?: string;
    keepalive?: boolean;
    /** Any token; the common methods are uppercased. CONNECT, TRACE and TRACK are a TypeError. */
    method?: string;
  }
  interface Request {
    readonly method: string;
    /** The absolute URL, serialised. */
    readonly url: string;
    readonly headers: globalThis.Headers;
    readonly redirect: "follow" | "manual" | "error";
    /** Aborted when the signal given to the constructor is. */
    readonly signal: globalThis.AbortSignal;
    readonly destination: string;
    readonly referrer: string;
    readonly referrerPolicy: string;
    readonly mode: string;
    readonly credentials: string;
    readonly cache: string;
    readonly integrity: string;
    readonly keepalive: boolean;
    readonly isReloadNavigation: boolean;
    readonly isHistoryNavigation: boolean;
    readonly duplex: "half";
    /** The body as a stream of Uint8Array chunks; null for none. */
    readonly body: globalThis.ReadableStream<Uint8Array> | null;
    readonly bodyUsed: boolean;
    arrayBuffer(): Promise<ArrayBuffer>;
    bytes(): Promise<Uint8Array>;
    text(): Promise<string>;
    json(): Promise<any>;
    blob(): Promise<globalThis.Blob>;
    formData(): Promise<globalThis.FormData>;
    /** @throws TypeError — the body was read already */
    clone(): globalThis.Request;
  }
  interface RequestConstructor {
    readonly prototype: globalThis.Request;
    /** @throws TypeError — a relative URL or one with credentials, an invalid or forbidden method, a body with GET or HEAD, a Request whose body was read */
    new (input: string | globalThis.URL | globalThis.Request, init?: RequestOptions): globalThis.Request;
  }

  interface BlobPropertyBag {
    /** Lowercased; "" unless all printable ASCII. */
    type?: string;
    /** "native" turns \r\n and \r in strings into \n. */
    endings?: "transparent" | "native";
  }
  type BlobPart = string | ArrayBuffer | ArrayBufferView | globalThis.Blob;
  interface Blob {
    readonly size: number;
    readonly type: string;
    slice(start?: number, end?: number, contentType?: string): globalThis.Blob;
    /** The bytes as a byte stream (one Uint8Array chunk, or BYOB reads). */
    stream(): globalThis.ReadableStream<Uint8Array>;
    arrayBuffer(): Promise<ArrayBuffer>;
    bytes(): Promise<Uint8Array>;
    text(): Promise<string>;
  }
  interface BlobConstructor {
    readonly prototype: globalThis.Blob;
    new (sources?: Iterable<BlobPart>, options?: BlobPropertyBag): globalThis.Blob;
  }
  interface FilePropertyBag extends BlobPropertyBag {
    /** Milliseconds since the epoch; default now. */
    lastModified?: number;
  }
  interface File extends Blob {
    readonly name: string;
    readonly lastModified: number;
  }
  interface FileConstructor {
    readonly prototype: globalThis.File;
    new (fileBits: Iterable<BlobPart>, fileName: string, options?: FilePropertyBag): globalThis.File;
  }
  type FormDataEntryValue = string | globalThis.File;
  interface FormData {
    /** A Blob value becomes a File (named `filename`, or "blob"). */
    append(name: string, value: string | globalThis.Blob, filename?: string): void;
    delete(name: string): void;
    get(name: string): FormDataEntryValue | null;
    getAll(name: string): FormDataEntryValue[];
    has(name: string): boolean;
    set(name: string, value: string | globalThis.Blob, filename?: string): void;
    forEach(callback: (value: FormDataEntryValue, name: string, parent: globalThis.FormData) => void, thisArg?: any): void;
    entries(): IterableIterator<[string, FormDataEntryValue]>;
    keys(): IterableIterator<string>;
    values(): IterableIterator<FormDataEntryValue>;
    [Symbol.iterator](): IterableIterator<[string, FormDataEntryValue]>;
  }
  interface FormDataConstructor {
    readonly prototype: globalThis.FormData;
    new (): globalThis.FormData;
  }

  // ---- console

  interface Console {
    log(...data: any[]): void;
    info(...data: any[]): void;
    debug(...data: any[]): void;
    warn(...data: any[]): void;
    error(...data: any[]): void;
    /** Prints a "Trace: ..." line and the stack, to stderr. */
    trace(...data: any[]): void;
    /** Prints `item` with util.inspect's options (depth, showHidden, ...); custom inspectors are not used. */
    dir(item?: any, options?: any): void;
    dirxml(...data: any[]): void;
    /** Printed like console.log: there is no table layout. */
    table(tabularData?: any, properties?: string[]): void;
    /** Prints "Assertion failed" (and `data`) as a warning when `condition` is falsy. */
    assert(condition?: boolean, ...data: any[]): void;
    count(label?: string): void;
    countReset(label?: string): void;
    group(...data: any[]): void;
    groupCollapsed(...data: any[]): void;
    groupEnd(): void;
    time(label?: string): void;
    timeEnd(label?: string): void;
    timeLog(label?: string, ...data: any[]): void;
  }

  // ---- structuredClone

  interface StructuredSerializeOptions {
    /** ArrayBuffers to move rather than copy (detached where the engine can). */
    transfer?: ArrayBuffer[];
  }

  // ---- encoding

  interface TextEncoder {
    readonly encoding: "utf-8";
    encode(input?: string): Uint8Array;
    /** Encodes as much of `source` as fits into `destination`. */
    encodeInto(source: string, destination: Uint8Array): globalThis.TextEncoderEncodeIntoResult;
  }
  interface TextEncoderConstructor {
    readonly prototype: globalThis.TextEncoder;
    new (): globalThis.TextEncoder;
  }
  interface TextEncoderEncodeIntoResult {
    /** UTF-16 code units of the source consumed. */
    read: number;
    /** Bytes written. */
    written: number;
  }

  interface TextDecoder {
    /** The encoding's name: "utf-8", "utf-16le", "windows-1252", "shift_jis", ... */
    readonly encoding: string;
    readonly fatal: boolean;
    readonly ignoreBOM: boolean;
    /** @throws TypeError — invalid UTF-8 when `fatal` is set (otherwise it becomes U+FFFD) */
    decode(input?: ArrayBuffer | SharedArrayBuffer | ArrayBufferView, options?: globalThis.TextDecodeOptions): string;
  }
  interface TextDecoderConstructor {
    readonly prototype: globalThis.TextDecoder;
    /** @throws RangeError — `label` is not one of the Encoding standard's labels that node 20 supports */
    new (label?: string, options?: globalThis.TextDecoderOptions): globalThis.TextDecoder;
  }
  interface TextDecoderOptions {
    /** Throw on invalid UTF-8 instead of decoding it as U+FFFD. */
    fatal?: boolean;
    /** Keep a leading byte order mark. */
    ignoreBOM?: boolean;
  }
  interface TextDecodeOptions {
    /** More input follows: keep an incomplete sequence for the next call. */
    stream?: boolean;
  }

  // ---- URL

  interface URL {
    hash: string;
    host: string;
    hostname: string;
    href: string;
    readonly origin: string;
    password: string;
    pathname: string;
    port: string;
    protocol: string;
    search: string;
    readonly searchParams: globalThis.URLSearchParams;
    username: string;
    toString(): string;
    toJSON(): string;
  }
  interface URLConstructor {
    readonly prototype: globalThis.URL;
    /** @throws TypeError — not a valid URL (code ERR_INVALID_URL) */
    new (url: string | globalThis.URL, base?: string | globalThis.URL): globalThis.URL;
    canParse(url: string | globalThis.URL, base?: string | globalThis.URL): boolean;
    /** The URL, or null where the constructor would throw. */
    parse(url: string | globalThis.URL, base?: string | globalThis.URL): globalThis.URL | null;
  }

  interface URLSearchParams {
    readonly size: number;
    append(name: string, value: string): void;
    /** Deletes the pairs named `name` (only those with `value`, if given). */
    delete(name: string, value?: string): void;
    get(name: string): string | null;
    getAll(name: string): string[];
    has(name: string, value?: string): boolean;
    /** Sets the first pair named `name` and deletes the others (or appends one). */
    set(name: string, value: string): void;
    /** Sorts by name, stably. */
    sort(): void;
    forEach(callback: (value: string, name: string, parent: globalThis.URLSearchParams) => void, thisArg?: any): void;
    entries(): IterableIterator<[string, string]>;
    keys(): IterableIterator<string>;
    values(): IterableIterator<string>;
    [Symbol.iterator](): IterableIterator<[string, string]>;
    /** The pairs as application/x-www-form-urlencoded, without "?". */
    toString(): string;
  }
  interface URLSearchParamsConstructor {
    readonly prototype: globalThis.URLSearchParams;
    /** @throws TypeError — a pair that is not two elements */
    new (init?: string | globalThis.URLSearchParams | Record<string, string> | Iterable<readonly [string, string]> | string[][]): globalThis.URLSearchParams;
  }

  // ---- crypto, performance

  interface Crypto {
    /**
     * Fills an integer typed array with random values and returns it.
     * @throws DOMException TypeMismatchError — not an integer typed array
     * @throws DOMException QuotaExceededError — more than 65,536 bytes
     */
    getRandomValues<T extends Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array>(array: T): T;
    /** A random version 4 UUID. */
    randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
    /** Web Crypto. */
    readonly subtle: globalThis.SubtleCrypto;
  }

  type KeyUsage = "encrypt" | "decrypt" | "sign" | "verify" | "deriveKey" | "deriveBits" | "wrapKey" | "unwrapKey";
  type KeyFormat = "raw" | "pkcs8" | "spki" | "jwk";
  type AlgorithmIdentifier = string | { name: string; [param: string]: unknown };
  type CryptoBytes = ArrayBuffer | ArrayBufferView;
  interface JsonWebKey {
    kty?: string; crv?: string; alg?: string; use?: string; key_ops?: string[]; ext?: boolean;
    k?: string; x?: string; y?: string; d?: string; n?: string; e?: string;
    p?: string; q?: string; dp?: string; dq?: string; qi?: string;
  }
  interface CryptoKey {
    readonly type: "secret" | "private" | "public";
    readonly extractable: boolean;
    readonly algorithm: { name: string; [param: string]: unknown };
    readonly usages: KeyUsage[];
  }
  interface CryptoKeyPair {
    publicKey: globalThis.CryptoKey;
    privateKey: globalThis.CryptoKey;
  }
  /**
   * Every method returns a promise, rejected with a DOMException
   * (NotSupportedError, InvalidAccessError, DataError, OperationError,
   * SyntaxError) or a TypeError with node's code, as node's.
   */
  interface SubtleCrypto {
    digest(algorithm: AlgorithmIdentifier, data: CryptoBytes): Promise<ArrayBuffer>;
    importKey(format: "jwk", keyData: JsonWebKey, algorithm: AlgorithmIdentifier, extractable: boolean, keyUsages: KeyUsage[]): Promise<globalThis.CryptoKey>;
    importKey(format: Exclude<KeyFormat, "jwk">, keyData: CryptoBytes, algorithm: AlgorithmIdentifier, extractable: boolean, keyUsages: KeyUsage[]): Promise<globalThis.CryptoKey>;
    exportKey(format: "jwk", key: globalThis.CryptoKey): Promise<JsonWebKey>;
    exportKey(format: Exclude<KeyFormat, "jwk">, key: globalThis.CryptoKey): Promise<ArrayBuffer>;
    generateKey(algorithm: AlgorithmIdentifier, extractable: boolean, keyUsages: KeyUsage[]): Promise<globalThis.CryptoKey | CryptoKeyPair>;
    sign(algorithm: AlgorithmIdentifier, key: globalThis.CryptoKey, data: CryptoBytes): Promise<ArrayBuffer>;
    verify(algorithm: AlgorithmIdentifier, key: globalThis.CryptoKey, signature: CryptoBytes, data: CryptoBytes): Promise<boolean>;
    encrypt(algorithm: AlgorithmIdentifier, key: globalThis.CryptoKey, data: CryptoBytes): Promise<ArrayBuffer>;
    decrypt(algorithm: AlgorithmIdentifier, key: globalThis.CryptoKey, data: CryptoBytes): Promise<ArrayBuffer>;
    deriveBits(algorithm: AlgorithmIdentifier, baseKey: globalThis.CryptoKey, length?: number | null): Promise<ArrayBuffer>;
    deriveKey(algorithm: AlgorithmIdentifier, baseKey: globalThis.CryptoKey, derivedKeyType: AlgorithmIdentifier, extractable: boolean, keyUsages: KeyUsage[]): Promise<globalThis.CryptoKey>;
    /** Exports `key` and encrypts it with AES-KW, AES-GCM, AES-CBC, AES-CTR or RSA-OAEP. */
    wrapKey(format: KeyFormat, key: globalThis.CryptoKey, wrappingKey: globalThis.CryptoKey, wrapAlgorithm: AlgorithmIdentifier): Promise<ArrayBuffer>;
    unwrapKey(format: KeyFormat, wrappedKey: CryptoBytes, unwrappingKey: globalThis.CryptoKey, unwrapAlgorithm: AlgorithmIdentifier, unwrappedKeyAlgorithm: AlgorithmIdentifier, extractable: boolean, keyUsages: KeyUsage[]): Promise<globalThis.CryptoKey>;
  }

  interface Performance extends globalThis.EventTarget {
    /** Milliseconds since the instance started, from a monotonic clock. */
    now(): number;
    /** Date.now() when the instance started. */
    readonly timeOrigin: number;
    toJSON(): { timeOrigin: number };
    /** Records a mark (the newest 10,000 marks and measures are kept). */
    mark(name: string, options?: PerformanceMarkOptions): globalThis.PerformanceMark;
    /** Records the time between two marks (or times); the end defaults to now. */
    measure(name: string, startOrOptions?: string | { start?: string | number; end?: string | number; duration?: number; detail?: any }, endMark?: string): globalThis.PerformanceMeasure;
    getEntries(): globalThis.PerformanceEntry[];
    getEntriesByName(name: string, type?: string): globalThis.PerformanceEntry[];
    getEntriesByType(type: string): globalThis.PerformanceEntry[];
    clearMarks(name?: string): void;
    clearMeasures(name?: string): void;
  }

  interface PerformanceMarkOptions {
    /** Default performance.now(). */
    startTime?: number;
    /** Kept as a structured clone; null when absent. */
    detail?: any;
  }
  interface PerformanceEntry {
    readonly name: string;
    readonly entryType: "mark" | "measure";
    readonly startTime: number;
    readonly duration: number;
    toJSON(): { name: string; entryType: string; startTime: number; duration: number };
  }
  interface PerformanceMark extends PerformanceEntry {
    readonly entryType: "mark";
    readonly duration: 0;
    readonly detail: any;
  }
  interface PerformanceMarkConstructor {
    readonly prototype: globalThis.PerformanceMark;
    /** @throws TypeError — no name, or a negative or non-number startTime */
    new (name: string, options?: PerformanceMarkOptions): globalThis.PerformanceMark;
  }
  interface PerformanceMeasure extends PerformanceEntry {
    readonly entryType: "measure";
    readonly detail: any;
  }
  /** What the engine is: userAgent "CoreTS-Wasm/1 (...)", language "en-US", hardwareConcurrency 1. */
  interface Navigator {
    readonly userAgent: string;
    readonly language: string;
    readonly languages: readonly string[];
    readonly hardwareConcurrency: number;
  }

  // ---- DOMException

  interface DOMException extends Error {
    readonly name: string;
    readonly message: string;
    /** The legacy code of `name` (e.g. 20 for AbortError), or 0. */
    readonly code: number;
    readonly INDEX_SIZE_ERR: 1;
    readonly DOMSTRING_SIZE_ERR: 2;
    readonly HIERARCHY_REQUEST_ERR: 3;
    readonly WRONG_DOCUMENT_ERR: 4;
    readonly INVALID_CHARACTER_ERR: 5;
    readonly NO_DATA_ALLOWED_ERR: 6;
    readonly NO_MODIFICATION_ALLOWED_ERR: 7;
    readonly NOT_FOUND_ERR: 8;
    readonly NOT_SUPPORTED_ERR: 9;
    readonly INUSE_ATTRIBUTE_ERR: 10;
    readonly INVALID_STATE_ERR: 11;
    readonly SYNTAX_ERR: 12;
    readonly INVALID_MODIFICATION_ERR: 13;
    readonly NAMESPACE_ERR: 14;
    readonly INVALID_ACCESS_ERR: 15;
    readonly VALIDATION_ERR: 16;
    readonly TYPE_MISMATCH_ERR: 17;
    readonly SECURITY_ERR: 18;
    readonly NETWORK_ERR: 19;
    readonly ABORT_ERR: 20;
    readonly URL_MISMATCH_ERR: 21;
    readonly QUOTA_EXCEEDED_ERR: 22;
    readonly TIMEOUT_ERR: 23;
    readonly INVALID_NODE_TYPE_ERR: 24;
    readonly DATA_CLONE_ERR: 25;
  }
  interface DOMExceptionConstructor {
    readonly prototype: globalThis.DOMException;
    /** @param options the name (default "Error"), or {name, cause} */
    new (message?: string, options?: string | { name?: string; cause?: unknown }): globalThis.DOMException;
    readonly INDEX_SIZE_ERR: 1;
    readonly DOMSTRING_SIZE_ERR: 2;
    readonly HIERARCHY_REQUEST_ERR: 3;
    readonly WRONG_DOCUMENT_ERR: 4;
    readonly INVALID_CHARACTER_ERR: 5;
    readonly NO_DATA_ALLOWED_ERR: 6;
    readonly NO_MODIFICATION_ALLOWED_ERR: 7;
    readonly NOT_FOUND_ERR: 8;
    readonly NOT_SUPPORTED_ERR: 9;
    readonly INUSE_ATTRIBUTE_ERR: 10;
    readonly INVALID_STATE_ERR: 11;
    readonly SYNTAX_ERR: 12;
    readonly INVALID_MODIFICATION_ERR: 13;
    readonly NAMESPACE_ERR: 14;
    readonly INVALID_ACCESS_ERR: 15;
    readonly VALIDATION_ERR: 16;
    readonly TYPE_MISMATCH_ERR: 17;
    readonly SECURITY_ERR: 18;
    readonly NETWORK_ERR: 19;
    readonly ABORT_ERR: 20;
    readonly URL_MISMATCH_ERR: 21;
    readonly QUOTA_EXCEEDED_ERR: 22;
    readonly TIMEOUT_ERR: 23;
    readonly INVALID_NODE_TYPE_ERR: 24;
    readonly DATA_CLONE_ERR: 25;
  }

  // ---- events

  interface Event {
    readonly type: string;
    readonly target: globalThis.EventTarget | null;
    readonly currentTarget: globalThis.EventTarget | null;
    readonly srcElement: globalThis.EventTarget | null;
    /** 0 (NONE) or, while dispatched, 2 (AT_TARGET): there is no tree to capture or bubble through. */
    readonly eventPhase: number;
    readonly bubbles: boolean;
    readonly cancelable: boolean;
    readonly composed: boolean;
    readonly defaultPrevented: boolean;
    returnValue: boolean;
    cancelBubble: boolean;
    /** performance.now() when the event was made. */
    readonly timeStamp: number;
    readonly isTrusted: boolean;
    preventDefault(): void;
    stopPropagation(): void;
    stopImmediatePropagation(): void;
    composedPath(): globalThis.EventTarget[];
  }
  interface EventConstructor {
    readonly prototype: globalThis.Event;
    new (type: string, eventInitDict?: globalThis.EventInit): globalThis.Event;
    readonly NONE: 0;
    readonly CAPTURING_PHASE: 1;
    readonly AT_TARGET: 2;
    readonly BUBBLING_PHASE: 3;
  }
  interface EventInit {
    bubbles?: boolean;
    cancelable?: boolean;
    composed?: boolean;
  }

  interface CustomEvent<T = any> extends globalThis.Event {
    /** From the init dictionary; null when not given. */
    readonly detail: T;
  }
  interface CustomEventConstructor {
    readonly prototype: globalThis.CustomEvent;
    new <T>(type: string, eventInitDict?: globalThis.CustomEventInit<T>): globalThis.CustomEvent<T>;
  }
  interface CustomEventInit<T = any> extends globalThis.EventInit {
    detail?: T;
  }

  interface EventListener {
    (evt: globalThis.Event): void;
  }
  interface EventListenerObject {
    handleEvent(object: globalThis.Event): void;
  }
  interface EventListenerOptions {
    capture?: boolean;
  }
  interface AddEventListenerOptions extends globalThis.EventListenerOptions {
    /** Remove the listener after its first call. */
    once?: boolean;
    /** Remove the listener when this signal aborts. */
    signal?: globalThis.AbortSignal;
  }

  interface EventTarget {
    /** Adds a listener once (the same callback and capture again is ignored). An exception in a listener does not stop the others; it is reported as an unhandled rejection. */
    addEventListener(type: string, callback: globalThis.EventListener | globalThis.EventListenerObject | null, options?: globalThis.AddEventListenerOptions | boolean): void;
    removeEventListener(type: string, callback: globalThis.EventListener | globalThis.EventListenerObject | null, options?: globalThis.EventListenerOptions | boolean): void;
    /** @returns false if a listener called preventDefault on a cancelable event */
    dispatchEvent(event: globalThis.Event): boolean;
  }
  interface EventTargetConstructor {
    readonly prototype: globalThis.EventTarget;
    new (): globalThis.EventTarget;
  }

  // ---- abort

  interface AbortController {
    readonly signal: globalThis.AbortSignal;
    /** Aborts the signal with `reason` (default a DOMException named AbortError). */
    abort(reason?: any): void;
  }
  interface AbortControllerConstructor {
    readonly prototype: globalThis.AbortController;
    new (): globalThis.AbortController;
  }

  interface AbortSignal extends globalThis.EventTarget {
    readonly aborted: boolean;
    /** Why it was aborted; undefined until then. */
    readonly reason: any;
    /** Called with the "abort" event. */
    onabort: ((this: globalThis.AbortSignal, ev: globalThis.Event) => any) | null;
    /** Throws `reason` if aborted. */
    throwIfAborted(): void;
  }
  interface AbortSignalConstructor extends IllegalConstructor<globalThis.AbortSignal> {
    /** A signal aborted already, with `reason` (default a DOMException named AbortError). */
    abort(reason?: any): globalThis.AbortSignal;
    /**
     * A signal that aborts with a DOMException named TimeoutError after `milliseconds`.
     * @throws RangeError — not an integer from 0 to 4294967295
     */
    timeout(milliseconds: number): globalThis.AbortSignal;
    /** A signal that aborts when any of `signals` does, with its reason. */
    any(signals: readonly globalThis.AbortSignal[]): globalThis.AbortSignal;
  }
  // ---- streams

  interface ReadableStreamReadValueResult<T> { done: false; value: T; }
  interface ReadableStreamReadDoneResult<T> { done: true; value?: T; }
  type ReadableStreamReadResult<T> = ReadableStreamReadValueResult<T> | ReadableStreamReadDoneResult<T>;

  interface UnderlyingSource<R = any> {
    /** Called at once; the stream waits for its promise before the first pull. */
    start?: (controller: globalThis.ReadableStreamDefaultController<R>) => any;
    /** Called when the queue is below its high-water mark; not again until its promise settles. */
    pull?: (controller: globalThis.ReadableStreamDefaultController<R>) => void | PromiseLike<void>;
    cancel?: (reason?: any) => void | PromiseLike<void>;
    type?: undefined;
  }
  /** The source of a byte stream (`type: "bytes"`), which BYOB readers can read into their own buffers. */
  interface UnderlyingByteSource {
    type: "bytes";
    /** Default reads then get a byobRequest of this many bytes to fill. */
    autoAllocateChunkSize?: number;
    start?: (controller: globalThis.ReadableByteStreamController) => any;
    pull?: (controller: globalThis.ReadableByteStreamController) => void | PromiseLike<void>;
    cancel?: (reason?: any) => void | PromiseLike<void>;
  }
  interface ReadableStreamBYOBReader {
    readonly closed: Promise<void>;
    /**
     * Reads into `view`'s buffer, at least `min` elements (default 1); the result is a view of the same
     * type over the bytes read (here it shares `view`'s buffer: the engine cannot detach it, as node does).
     */
    read<T extends ArrayBufferView>(view: T, options?: { min?: number }): Promise<ReadableStreamReadResult<T>>;
    releaseLock(): void;
    cancel(reason?: any): Promise<void>;
  }
  interface ReadableStreamBYOBReaderConstructor {
    readonly prototype: globalThis.ReadableStreamBYOBReader;
    /** @throws TypeError — not a byte stream (ERR_INVALID_ARG_VALUE), or locked */
    new (stream: globalThis.ReadableStream<Uint8Array>): globalThis.ReadableStreamBYOBReader;
  }
  interface ReadableByteStreamController {
    /** The pending BYOB read to fill, or null. */
    readonly byobRequest: globalThis.ReadableStreamBYOBRequest | null;
    readonly desiredSize: number | null;
    close(): void;
    enqueue(chunk: ArrayBufferView): void;
    error(e?: any): void;
  }
  interface ReadableStreamBYOBRequest {
    /** Where to write; null once responded. */
    readonly view: Uint8Array | null;
    /** Reports `bytesWritten` bytes written into view (0 only after close()). */
    respond(bytesWritten: number): void;
    respondWithNewView(view: ArrayBufferView): void;
  }
  interface UnderlyingSink<W = any> {
    start?: (controller: globalThis.WritableStreamDefaultController) => any;
    write?: (chunk: W, controller: globalThis.WritableStreamDefaultController) => void | PromiseLike<void>;
    close?: () => void | PromiseLike<void>;
    abort?: (reason?: any) => void | PromiseLike<void>;
    type?: undefined;
  }
  interface Transformer<I = any, O = any> {
    start?: (controller: globalThis.TransformStreamDefaultController<O>) => any;
    transform?: (chunk: I, controller: globalThis.TransformStreamDefaultController<O>) => void | PromiseLike<void>;
    flush?: (controller: globalThis.TransformStreamDefaultController<O>) => void | PromiseLike<void>;
    readableType?: undefined;
    writableType?: undefined;
  }
  interface QueuingStrategy<T = any> {
    /** Default 1 (0 for a TransformStream's readable side). */
    highWaterMark?: number;
    /** A chunk's size; default 1 for every chunk. */
    size?: (chunk: T) => number;
  }
  interface QueuingStrategyInit {
    highWaterMark: number;
  }
  interface StreamPipeOptions {
    preventClose?: boolean;
    preventAbort?: boolean;
    preventCancel?: boolean;
    /** Aborting it stops the pipe (and, unless prevented, aborts and cancels both ends). */
    signal?: globalThis.AbortSignal;
  }
  interface ReadableWritablePair<R = any, W = any> {
    readable: globalThis.ReadableStream<R>;
    writable: globalThis.WritableStream<W>;
  }

  interface ReadableStream<R = any> {
    readonly locked: boolean;
    cancel(reason?: any): Promise<void>;
    /**
     * A reader that locks the stream; `{ mode: "byob" }` for a BYOB reader of a byte stream.
     * @throws TypeError — the stream is locked (ERR_INVALID_STATE); byob on a stream that is not a byte stream (ERR_INVALID_ARG_VALUE)
     */
    getReader(options: { mode: "byob" }): globalThis.ReadableStreamBYOBReader;
    getReader(options?: { mode?: undefined }): globalThis.ReadableStreamDefaultReader<R>;
    pipeThrough<T>(transform: globalThis.ReadableWritablePair<T, R>, options?: globalThis.StreamPipeOptions): globalThis.ReadableStream<T>;
    pipeTo(destination: globalThis.WritableStream<R>, options?: globalThis.StreamPipeOptions): Promise<void>;
    /** Two streams that each get every chunk. */
    tee(): [globalThis.ReadableStream<R>, globalThis.ReadableStream<R>];
    /** Iterating cancels the stream when the loop ends early, unless preventCancel. */
    values(options?: { preventCancel?: boolean }): AsyncIterableIterator<R>;
    [Symbol.asyncIterator](options?: { preventCancel?: boolean }): AsyncIterableIterator<R>;
  }
  interface ReadableStreamConstructor {
    readonly prototype: globalThis.ReadableStream;
    /** A byte stream; its high-water mark counts bytes (default 0) and a strategy's size is a RangeError. */
    new (source: globalThis.UnderlyingByteSource, strategy?: { highWaterMark?: number }): globalThis.ReadableStream<Uint8Array>;
    new <R = any>(source?: globalThis.UnderlyingSource<R>, strategy?: globalThis.QueuingStrategy<R>): globalThis.ReadableStream<R>;
    /** A stream of an iterable's or async iterable's values. */
    from<R>(iterable: Iterable<R> | AsyncIterable<R>): globalThis.ReadableStream<Awaited<R>>;
  }
  interface ReadableStreamDefaultReader<R = any> {
    /** Settles when the stream closes (or rejects when it errors or the reader is released). */
    readonly closed: Promise<void>;
    read(): Promise<ReadableStreamReadResult<R>>;
    /** Unlocks the stream; pending reads reject. */
    releaseLock(): void;
    cancel(reason?: any): Promise<void>;
  }
  interface ReadableStreamDefaultReaderConstructor {
    readonly prototype: globalThis.ReadableStreamDefaultReader;
    new <R = any>(stream: globalThis.ReadableStream<R>): globalThis.ReadableStreamDefaultReader<R>;
  }
  interface ReadableStreamDefaultController<R = any> {
    /** How much more the queue wants (high-water mark minus what it holds); null once errored. */
    readonly desiredSize: number | null;
    close(): void;
    enqueue(chunk?: R): void;
    error(e?: any): void;
  }

  interface WritableStream<W = any> {
    readonly locked: boolean;
    abort(reason?: any): Promise<void>;
    close(): Promise<void>;
    getWriter(): globalThis.WritableStreamDefaultWriter<W>;
  }
  interface WritableStreamConstructor {
    readonly prototype: globalThis.WritableStream;
    new <W = any>(sink?: globalThis.UnderlyingSink<W>, strategy?: globalThis.QueuingStrategy<W>): globalThis.WritableStream<W>;
  }
  interface WritableStreamDefaultWriter<W = any> {
    readonly closed: Promise<void>;
    readonly desiredSize: number | null;
    /** Settles when the stream wants more (backpressure is off). */
    readonly ready: Promise<void>;
    abort(reason?: any): Promise<void>;
    close(): Promise<void>;
    releaseLock(): void;
    write(chunk?: W): Promise<void>;
  }
  interface WritableStreamDefaultWriterConstructor {
    readonly prototype: globalThis.WritableStreamDefaultWriter;
    new <W = any>(stream: globalThis.WritableStream<W>): globalThis.WritableStreamDefaultWriter<W>;
  }
  interface WritableStreamDefaultController {
    /** Aborted when the stream is. */
    readonly signal: globalThis.AbortSignal;
    error(e?: any): void;
  }

  interface TransformStream<I = any, O = any> {
    readonly readable: globalThis.ReadableStream<O>;
    readonly writable: globalThis.WritableStream<I>;
  }
  interface TransformStreamConstructor {
    readonly prototype: globalThis.TransformStream;
    /** Without `transform`, chunks pass through unchanged. */
    new <I = any, O = any>(transformer?: globalThis.Transformer<I, O>, writableStrategy?: globalThis.QueuingStrategy<I>, readableStrategy?: globalThis.QueuingStrategy<O>): globalThis.TransformStream<I, O>;
  }
  interface TransformStreamDefaultController<O = any> {
    readonly desiredSize: number | null;
    enqueue(chunk?: O): void;
    error(reason?: any): void;
    /** Closes the readable side and errors the writable side. */
    terminate(): void;
  }

  interface CountQueuingStrategy {
    readonly highWaterMark: number;
    readonly size: (chunk?: any) => 1;
  }
  interface CountQueuingStrategyConstructor {
    readonly prototype: globalThis.CountQueuingStrategy;
    new (init: globalThis.QueuingStrategyInit): globalThis.CountQueuingStrategy;
  }
  interface ByteLengthQueuingStrategy {
    readonly highWaterMark: number;
    readonly size: (chunk: ArrayBufferView) => number;
  }
  interface ByteLengthQueuingStrategyConstructor {
    readonly prototype: globalThis.ByteLengthQueuingStrategy;
    new (init: globalThis.QueuingStrategyInit): globalThis.ByteLengthQueuingStrategy;
  }

  interface TextEncoderStream extends ReadableWritablePair<Uint8Array, string> {
    readonly encoding: "utf-8";
    readonly readable: globalThis.ReadableStream<Uint8Array>;
    readonly writable: globalThis.WritableStream<string>;
  }
  interface TextEncoderStreamConstructor {
    readonly prototype: globalThis.TextEncoderStream;
    new (): globalThis.TextEncoderStream;
  }
  interface TextDecoderStream extends ReadableWritablePair<string, BufferSource> {
    readonly encoding: "utf-8";
    readonly fatal: boolean;
    readonly ignoreBOM: boolean;
    readonly readable: globalThis.ReadableStream<string>;
    readonly writable: globalThis.WritableStream<BufferSource>;
  }
  interface TextDecoderStreamConstructor {
    readonly prototype: globalThis.TextDecoderStream;
    /** @throws RangeError — `label` is not a label of UTF-8 */
    new (label?: string, options?: globalThis.TextDecoderOptions): globalThis.TextDecoderStream;
  }

  type BufferSource = ArrayBuffer | ArrayBufferView;
  type CompressionFormat = "gzip" | "deflate" | "deflate-raw";
  /** Compressed by the host (Go's compress/*), in Uint8Array chunks. Strings are written as UTF-8, as node 20 takes them. */
  interface CompressionStream extends ReadableWritablePair<Uint8Array, BufferSource | string> {
    readonly readable: globalThis.ReadableStream<Uint8Array>;
    readonly writable: globalThis.WritableStream<BufferSource | string>;
  }
  interface CompressionStreamConstructor {
    readonly prototype: globalThis.CompressionStream;
    /** @throws TypeError — another format (ERR_INVALID_ARG_VALUE) */
    new (format: CompressionFormat): globalThis.CompressionStream;
  }
  /**
   * Decompressed by the host, in Uint8Array chunks of at most 16 KiB. Corrupt input errors the stream
   * with node's zlib errors (`code` Z_DATA_ERROR, Z_BUF_ERROR for a truncated stream); output past the
   * module's memory limit (limits.memory) is a RangeError (ERR_BUFFER_TOO_LARGE).
   */
  interface DecompressionStream extends ReadableWritablePair<Uint8Array, BufferSource | string> {
    readonly readable: globalThis.ReadableStream<Uint8Array>;
    readonly writable: globalThis.WritableStream<BufferSource | string>;
  }
  interface DecompressionStreamConstructor {
    readonly prototype: globalThis.DecompressionStream;
    /** @throws TypeError — another format (ERR_INVALID_ARG_VALUE) */
    new (format: CompressionFormat): globalThis.DecompressionStream;
  }
}
