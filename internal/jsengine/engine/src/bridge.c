/*
 * bridge.c: the boundary between the Go host (jsengine) and QuickJS.
 *
 * One wasm instance holds exactly one JSRuntime and one JSContext, so the
 * bridge keeps its state in file-level statics. Every export returns a status
 * code; a payload (a JSON value, an error, bytecode) is left in `out`, whose
 * address the host reads once. The host never trusts the guest: every pointer
 * and length the guest hands over is bounds-checked on the Go side.
 *
 * Direction host -> guest: the bridge_* exports below plus malloc/free.
 * Direction guest -> host: the imports in module "corets":
 *   interrupt()                 deadline and cancellation check; returns the
 *                               next countdown, 0 to stop
 *   call(fn, ptr, len, kind)    a host function; see HC_* for the reply
 *   take(dst)                   copy a reply that did not fit the scratch buffer
 *   lookup(name, len)           a host function's id by name
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <malloc.h>

#include "quickjs.h"

#define IMPORT(name) __attribute__((import_module("corets"), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))

IMPORT("interrupt") int32_t host_interrupt(void);
IMPORT("call") int64_t host_call(int32_t fn, const void *ptr, int32_t len, int32_t kind);
IMPORT("take") void host_take(void *dst);
IMPORT("lookup") int32_t host_lookup(const char *name, int32_t len);

/* Status codes returned by the exports. */
enum {
    ST_OK = 0,          /* done; out holds the payload, if any */
    ST_EXCEPTION = 1,   /* a JS exception; out holds {name,message,stack[,overflow]} as JSON */
    ST_PENDING = 2,     /* the call's promise has not settled yet */
    ST_OOM = 3,         /* an allocation failed: the instance must be discarded */
    ST_INTERRUPTED = 4, /* the interrupt handler stopped execution (fuel or host) */
    ST_ERROR = 5,       /* a bridge-level error; out holds a message */
};

/* Payload kinds for host calls and replies (the high half of host_call's result). */
enum {
    HC_STRING = 0,
    HC_BYTES = 1,
    HC_UNDEFINED = 2,
    HC_ERROR = 3, /* "Name\nmessage" */
    HC_ASYNC = 4, /* low half is the operation id the host will settle */
};

/* bridge_eval flags */
enum {
    EVAL_COMPILE_ONLY = 1, /* out = bytecode; nothing runs */
    EVAL_BYTECODE = 2,     /* the input is bytecode this bridge wrote */
    EVAL_PRELUDE = 4,      /* the completion value is the timer dispatcher */
    EVAL_RESULT = 8,       /* the completion value becomes the call result */
    EVAL_WITH_HOST = 16,   /* the completion value is a function, called with the host object */
    EVAL_STRIP = 32,       /* compile without keeping the source text (the engine's own scripts) */
};

static JSRuntime *rt;
static JSContext *ctx;
static JSValue dispatcher = JS_UNDEFINED; /* the prelude's timer dispatcher */
static JSValue error_ctor = JS_UNDEFINED; /* the original Error, before a module can replace it */
static JSValue host_obj = JS_UNDEFINED;   /* __host, kept for the engine's extensions after the prelude hides it */
static JSAtom exports_atom;

/* The host writes short replies here directly, saving a round trip. */
static uint8_t *scratch;
static uint32_t scratch_cap;

/* The payload of the last export call. */
static struct {
    uint32_t ptr;
    uint32_t len;
} out;
static const char *out_cstr; /* from JS_ToCStringLen, freed on the next export */
static uint8_t *out_buf;     /* from js_malloc, freed on the next export */

static int oom;         /* an allocation failed since the last reset */
static int interrupted; /* the interrupt handler stopped execution */

/* The call in progress: its result, or the promise that will produce it. */
static JSValue call_value = JS_UNDEFINED;
static int call_active;

/* Promises of asynchronous host operations, indexed by the host's op id. */
static JSValue (*ops)[2];
static uint32_t ops_cap;

/* Rejections nobody handled yet, reported after the job queue drains. */
#define MAX_UNHANDLED 16
static JSValue unhandled[MAX_UNHANDLED][2]; /* promise, reason */
static int unhandled_len;

/* ---- memory: QuickJS's default allocator plus an out-of-memory flag ---- */

/* A JS try/catch can swallow "out of memory", so the bridge remembers that an
   allocation failed and the host discards the instance regardless. */
#define MALLOC_OVERHEAD 8

static JSMallocState *heap; /* QuickJS's counters, for a cheap memory figure */

/* A single built-in call (JSON.stringify of a large array, a sort) is one
   interrupt-countdown step however long it runs, so the deadline is also
   checked every few hundred allocations, and at every large one (a copy of
   a 20 MB function source, a typed array's slice: the work that fills it
   follows). When the host says stop, the allocation fails, the built-in
   unwinds, and the next poll interrupts. Our patches to QuickJS charge the
   long loops of built-ins to the countdown as well (0004); this catches
   the rest. Neither changes fuel: these checks are about time. */
#define ALLOC_CHECK_EVERY 256
#define ALLOC_CHECK_SIZE (64 << 10)
static uint32_t allocs_unchecked;

static int alloc_stop(size_t size)
{
    int big = size >= ALLOC_CHECK_SIZE;
    if ((++allocs_unchecked < ALLOC_CHECK_EVERY && !big) || !ctx)
        return 0;
    allocs_unchecked = 0;
    /* Only the allocation that finds the deadline passed fails: throwing
       the interrupt and unwinding need memory too. A large one never fails
       for this: the backtrace of an error thrown thousands of frames deep
       is one, and QuickJS does not survive losing it; the next poll stops
       the guest. */
    if (interrupted || host_interrupt() > 0)
        return 0;
    interrupted = 1;
    JS_SetInterruptCounter(ctx, 0);
    return !big;
}

static void *bridge_js_malloc(JSMallocState *s, size_t size)
{
    void *p;
    heap = s;
    if (alloc_stop(size))
        return NULL;
    if (s->malloc_size + size > s->malloc_limit) {
        oom = 1;
        return NULL;
    }
    p = malloc(size);
    if (!p) {
        oom = 1;
        return NULL;
    }
    s->malloc_count++;
    s->malloc_size += malloc_usable_size(p) + MALLOC_OVERHEAD;
    return p;
}

static void bridge_js_free(JSMallocState *s, void *p)
{
    if (!p)
        return;
    s->malloc_count--;
    s->malloc_size -= malloc_usable_size(p) + MALLOC_OVERHEAD;
    free(p);
}

static void *bridge_js_realloc(JSMallocState *s, void *p, size_t size)
{
    size_t old;
    if (!p)
        return size ? bridge_js_malloc(s, size) : NULL;
    old = malloc_usable_size(p);
    if (size == 0) {
        s->malloc_count--;
        s->malloc_size -= old + MALLOC_OVERHEAD;
        free(p);
        return NULL;
    }
    if (size > old && alloc_stop(size - old))
        return NULL;
    if (s->malloc_size + size - old > s->malloc_limit) {
        oom = 1;
        return NULL;
    }
    p = realloc(p, size);
    if (!p) {
        oom = 1;
        return NULL;
    }
    s->malloc_size += malloc_usable_size(p) - old;
    return p;
}

static size_t bridge_js_usable_size(const void *p)
{
    return malloc_usable_size((void *)p);
}

static const JSMallocFunctions malloc_funcs = {
    bridge_js_malloc,
    bridge_js_free,
    bridge_js_realloc,
    bridge_js_usable_size,
};

/* ---- fuel ---- */

/* Fuel is counted in QuickJS interrupt-countdown steps: every countdown step
   that ran is charged, however the countdown is split, so fuel is exact and
   deterministic. The split is the host's: it shortens the countdown when
   steps are slow (a built-in working on a large array is one step), so its
   deadline check comes around about every millisecond. Near the end of the
   budget the countdown is shortened to what is left, so a budget ends at its
   exact step on every run and every OS. */
#define COUNTDOWN_MAX 10000
#define COUNTDOWN_START 1000
static int64_t fuel_limit = INT64_MAX;
static int64_t fuel_committed; /* steps of countdowns that ran out */
static int countdown;          /* what the countdown was last set to */

static void arm_countdown(int want)
{
    int64_t left = fuel_limit - fuel_committed;
    if (want > COUNTDOWN_MAX)
        want = COUNTDOWN_MAX;
    countdown = left < want ? (int)(left > 0 ? left : 0) : want;
    JS_SetInterruptCounter(ctx, countdown);
}

static int interrupt_handler(JSRuntime *r, void *opaque)
{
    int next;
    (void)r;
    (void)opaque;
    if (interrupted) /* stopped already, from an allocation */
        return 1;
    /* plus what built-ins charged past the countdown's end (patch 0004) */
    fuel_committed += countdown + JS_TakeInterruptExcess(ctx);
    next = fuel_committed < fuel_limit ? host_interrupt() : 0;
    if (next <= 0) {
        interrupted = 1;
        /* keep the handler firing at once if anything still runs */
        countdown = 0;
        JS_SetInterruptCounter(ctx, 0);
        return 1;
    }
    arm_countdown(next);
    return 0;
}

EXPORT("bridge_fuel_set")
void bridge_fuel_set(int64_t limit)
{
    fuel_limit = limit > 0 ? limit : INT64_MAX;
    fuel_committed = 0;
    interrupted = 0;
    /* start short: the host lengthens the countdown while checks come fast */
    arm_countdown(COUNTDOWN_START);
}

EXPORT("bridge_fuel_used")
int64_t bridge_fuel_used(void)
{
    return fuel_committed + (countdown - JS_GetInterruptCounter(ctx));
}

/* ---- output ---- */

static void out_reset(void)
{
    if (out_cstr) {
        JS_FreeCString(ctx, out_cstr);
        out_cstr = NULL;
    }
    if (out_buf) {
        js_free(ctx, out_buf);
        out_buf = NULL;
    }
    out.ptr = 0;
    out.len = 0;
}

static void out_literal(const char *s)
{
    out.ptr = (uint32_t)(uintptr_t)s;
    out.len = strlen(s);
}

/* out = JSON.stringify(v); undefined (or a function) leaves out empty. */
static int out_json(JSValueConst v)
{
    size_t len;
    JSValue s = JS_JSONStringify(ctx, v, JS_UNDEFINED, JS_UNDEFINED);
    if (JS_IsException(s))
        return -1;
    if (JS_IsUndefined(s))
        return 0;
    out_cstr = JS_ToCStringLen(ctx, &len, s);
    JS_FreeValue(ctx, s);
    if (!out_cstr)
        return -1;
    out.ptr = (uint32_t)(uintptr_t)out_cstr;
    out.len = len;
    return 0;
}

static void copy_prop(JSValue dst, JSValueConst src, const char *name)
{
    JSValue v = JS_GetPropertyStr(ctx, src, name);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return;
    }
    if (!JS_IsUndefined(v) && !JS_IsString(v)) {
        JSValue s = JS_ToString(ctx, v);
        JS_FreeValue(ctx, v);
        if (JS_IsException(s)) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            return;
        }
        v = s;
    }
    JS_SetPropertyStr(ctx, dst, name, v);
}

/* out = {name, message, stack} of a thrown value, as JSON. */
static void out_error(JSValueConst ex)
{
    JSValue o = JS_NewObject(ctx);
    if (JS_IsObject(ex)) {
        copy_prop(o, ex, "name");
        copy_prop(o, ex, "message");
        copy_prop(o, ex, "stack");
    }
    if (JS_IsStackOverflow(ctx, ex)) {
        /* the object QuickJS threw for a stack overflow (patch 0005), not a
           guest's look-alike: the host classifies by this flag, never by text */
        JS_SetPropertyStr(ctx, o, "overflow", JS_TRUE);
    }
    if (!JS_IsError(ctx, ex)) {
        /* `throw "text"` or `throw {code: 1}`: keep something readable */
        JSValue s = JS_IsObject(ex) ? JS_JSONStringify(ctx, ex, JS_UNDEFINED, JS_UNDEFINED)
                                    : JS_ToString(ctx, ex);
        if (JS_IsException(s)) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            s = JS_NewString(ctx, "[unprintable value]");
        }
        JS_SetPropertyStr(ctx, o, "thrown", s);
    }
    out_reset();
    if (out_json(o) < 0) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        out_literal("{\"name\":\"Error\",\"message\":\"an exception that could not be described\"}");
    }
    JS_FreeValue(ctx, o);
}

/* The status after something threw: the flags win over the exception,
   because a caught "out of memory" or an uncatchable interrupt is fatal. */
static int32_t fail(void)
{
    JSValue ex = JS_GetException(ctx);
    int32_t st;
    if (oom) {
        st = ST_OOM;
    } else if (interrupted) {
        st = ST_INTERRUPTED;
    } else {
        out_error(ex);
        st = ST_EXCEPTION;
    }
    JS_FreeValue(ctx, ex);
    return st;
}

static int32_t settle_status(void)
{
    if (oom)
        return ST_OOM;
    if (interrupted)
        return ST_INTERRUPTED;
    return ST_OK;
}

/* ---- host calls from JS ---- */

/* A reply bigger than the scratch buffer is copied through a fresh buffer. */
static uint8_t *reply_data(uint32_t len, int *owned)
{
    uint8_t *p;
    *owned = 0;
    if (len <= scratch_cap)
        return scratch;
    p = malloc(len);
    if (!p) {
        oom = 1;
        return NULL;
    }
    host_take(p);
    *owned = 1;
    return p;
}

/* A real Error (with a stack) from a host reply "Name\nmessage". */
static JSValue host_error(const uint8_t *p, uint32_t len)
{
    const uint8_t *nl = memchr(p, '\n', len);
    size_t nlen = nl ? (size_t)(nl - p) : 0;
    JSValue msg = nl ? JS_NewStringLen(ctx, (const char *)nl + 1, len - nlen - 1)
                     : JS_NewStringLen(ctx, (const char *)p, len);
    JSValue v = JS_CallConstructor(ctx, error_ctor, 1, &msg);
    JS_FreeValue(ctx, msg);
    if (!JS_IsException(v) && nlen > 0)
        JS_DefinePropertyValueStr(ctx, v, "name", JS_NewStringLen(ctx, (const char *)p, nlen),
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    return v;
}

static JSValue reply_value(int kind, uint32_t len)
{
    int owned;
    uint8_t *p;
    JSValue v;
    if (kind == HC_UNDEFINED)
        return JS_UNDEFINED;
    p = reply_data(len, &owned);
    if (!p)
        return JS_ThrowOutOfMemory(ctx);
    if (kind == HC_BYTES) {
        v = JS_NewArrayBufferCopy(ctx, p, len);
    } else if (kind == HC_ERROR) {
        v = host_error(p, len);
        if (!JS_IsException(v))
            v = JS_Throw(ctx, v);
    } else {
        v = JS_NewStringLen(ctx, (const char *)p, len);
    }
    if (owned)
        free(p);
    return v;
}

static int ensure_op(uint32_t id)
{
    uint32_t n;
    JSValue (*p)[2];
    if (id < ops_cap)
        return 0;
    n = ops_cap ? ops_cap : 16;
    while (n <= id)
        n *= 2;
    p = realloc(ops, n * sizeof(*ops));
    if (!p) {
        oom = 1;
        return -1;
    }
    for (uint32_t i = ops_cap; i < n; i++)
        p[i][0] = p[i][1] = JS_UNDEFINED;
    ops = p;
    ops_cap = n;
    return 0;
}

/* __host.call(id, payload?) */
static JSValue js_host_call(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int32_t fn;
    const void *ptr = NULL;
    size_t len = 0;
    int kind = HC_UNDEFINED;
    const char *str = NULL;
    int64_t r;
    uint32_t rkind, rlen;

    if (JS_ToInt32(c, &fn, argv[0]))
        return JS_EXCEPTION;
    if (argc > 1 && JS_IsString(argv[1])) {
        str = JS_ToCStringLen(c, &len, argv[1]);
        if (!str)
            return JS_EXCEPTION;
        ptr = str;
        kind = HC_STRING;
    } else if (argc > 1 && !JS_IsUndefined(argv[1])) {
        size_t off = 0, blen = 0, bpe;
        JSValue buf = JS_GetTypedArrayBuffer(c, argv[1], &off, &blen, &bpe);
        if (JS_IsException(buf)) {
            /* not a view: it may be an ArrayBuffer itself */
            JS_FreeValue(c, JS_GetException(c));
            ptr = JS_GetArrayBuffer(c, &len, argv[1]);
            if (!ptr)
                return JS_EXCEPTION;
        } else {
            size_t total;
            uint8_t *base = JS_GetArrayBuffer(c, &total, buf);
            JS_FreeValue(c, buf);
            if (!base)
                return JS_EXCEPTION;
            ptr = base + off;
            len = blen;
        }
        kind = HC_BYTES;
    }
    if (len > INT32_MAX)
        return JS_ThrowRangeError(c, "host call payload too large");
    r = host_call(fn, ptr, (int32_t)len, kind);
    if (str)
        JS_FreeCString(c, str);
    rkind = (uint32_t)((uint64_t)r >> 32);
    rlen = (uint32_t)r;
    if (rkind == HC_ASYNC) {
        JSValue funcs[2], p;
        if (ensure_op(rlen))
            return JS_ThrowOutOfMemory(c);
        p = JS_NewPromiseCapability(c, funcs);
        if (JS_IsException(p))
            return p;
        ops[rlen][0] = funcs[0];
        ops[rlen][1] = funcs[1];
        return p;
    }
    return reply_value(rkind, rlen);
}

/* __host.lookup(name) */
static JSValue js_host_lookup(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    const char *s = JS_ToCStringLen(c, &len, argv[0]);
    int32_t id;
    if (!s)
        return JS_EXCEPTION;
    id = host_lookup(s, (int32_t)len);
    JS_FreeCString(c, s);
    return JS_NewInt32(c, id);
}

/* __host.now(): monotonic milliseconds with microsecond precision */
static JSValue js_host_now(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return JS_NewFloat64(c, (double)ts.tv_sec * 1e3 + (double)(ts.tv_nsec / 1000) / 1e3);
}

/* __host.randomFill(view): the host's cryptographic randomness */
static JSValue js_host_random_fill(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t off = 0, len = 0, bpe, total;
    uint8_t *base;
    JSValue buf = JS_GetTypedArrayBuffer(c, argv[0], &off, &len, &bpe);
    if (JS_IsException(buf))
        return buf;
    base = JS_GetArrayBuffer(c, &total, buf);
    JS_FreeValue(c, buf);
    if (!base)
        return JS_EXCEPTION;
    for (size_t i = 0; i < len; i += 256) {
        size_t n = len - i < 256 ? len - i : 256; /* getentropy's limit */
        if (getentropy(base + off + i, n) != 0)
            return JS_ThrowInternalError(c, "no entropy available");
    }
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry host_funcs[] = {
    JS_CFUNC_DEF("call", 2, js_host_call),
    JS_CFUNC_DEF("lookup", 1, js_host_lookup),
    JS_CFUNC_DEF("now", 0, js_host_now),
    JS_CFUNC_DEF("randomFill", 1, js_host_random_fill),
};

/* ---- unhandled rejections ---- */

static void rejection_tracker(JSContext *c, JSValueConst promise, JSValueConst reason,
                              JS_BOOL is_handled, void *opaque)
{
    int i;
    if (is_handled) {
        for (i = 0; i < unhandled_len; i++) {
            if (JS_VALUE_GET_PTR(unhandled[i][0]) == JS_VALUE_GET_PTR(promise)) {
                JS_FreeValue(c, unhandled[i][0]);
                JS_FreeValue(c, unhandled[i][1]);
                unhandled[i][0] = unhandled[--unhandled_len][0];
                unhandled[i][1] = unhandled[unhandled_len][1];
                return;
            }
        }
        return;
    }
    /* The current call's promise is the host's to report: it rejects the
       call, and is not also an unhandled rejection. */
    if (call_active && JS_VALUE_GET_PTR(call_value) == JS_VALUE_GET_PTR(promise))
        return;
    if (unhandled_len < MAX_UNHANDLED) {
        unhandled[unhandled_len][0] = JS_DupValue(c, promise);
        unhandled[unhandled_len][1] = JS_DupValue(c, reason);
        unhandled_len++;
    }
}

/* The call's own promise is awaited by the host, so it is not unhandled. */
static void forget_unhandled(JSValueConst promise)
{
    rejection_tracker(ctx, promise, JS_UNDEFINED, 1, NULL);
}

/* ---- exports ---- */

EXPORT("bridge_out")
void *bridge_out(void)
{
    return &out;
}

EXPORT("bridge_malloc")
void *bridge_malloc(uint32_t n)
{
    return malloc(n ? n : 1);
}

EXPORT("bridge_free")
void bridge_free(void *p)
{
    free(p);
}

/* Creates the runtime and context. Returns the scratch buffer's address, or 0. */
EXPORT("bridge_init")
uint32_t bridge_init(uint32_t mem_limit, uint32_t stack_limit, uint32_t scratch_size)
{
    JSValue global, host;
    rt = JS_NewRuntime2(&malloc_funcs, NULL);
    if (!rt)
        return 0;
    if (mem_limit)
        JS_SetMemoryLimit(rt, mem_limit);
    JS_SetMaxStackSize(rt, stack_limit);
    JS_SetInterruptHandler(rt, interrupt_handler, NULL);
    JS_SetHostPromiseRejectionTracker(rt, rejection_tracker, NULL);
    ctx = JS_NewContext(rt);
    if (!ctx)
        return 0;
    scratch = malloc(scratch_size);
    if (!scratch)
        return 0;
    scratch_cap = scratch_size;
    global = JS_GetGlobalObject(ctx);
    error_ctor = JS_GetPropertyStr(ctx, global, "Error");
    host = JS_NewObject(ctx);
    JS_SetPropertyFunctionList(ctx, host, host_funcs, sizeof(host_funcs) / sizeof(host_funcs[0]));
    host_obj = JS_DupValue(ctx, host);
    JS_SetPropertyStr(ctx, global, "__host", host);
    JS_FreeValue(ctx, global);
    exports_atom = JS_NewAtom(ctx, "__corets_exports");
    bridge_fuel_set(0);
    return (uint32_t)(uintptr_t)scratch;
}

/* Makes an instance started from the engine's memory image its own: a
   Math.random seed (clones would otherwise share a sequence) and its heap
   limit. */
EXPORT("bridge_start")
void bridge_start(uint64_t seed, uint32_t heap_limit)
{
    JS_SetRandomSeed(ctx, seed);
    JS_SetMemoryLimit(rt, heap_limit);
}

/* Takes, for good, every free chunk malloc holds below its top chunk.
   Called as the engine's memory image is made: an instance's allocations
   then come from the top chunk, packed into a few fresh pages, instead of
   from free chunks scattered over the image, each reuse of which (and the
   free lists' links to its neighbours) made one more shared page of the
   image the instance's own. The bytes taken were gaps between the image's
   objects; they stay shared. The first malloc is larger than any gap, so
   it comes from the top chunk and marks where that starts (if a gap were
   larger, the plugging would only stop early). */
static void plug_free_chunks(void)
{
    size_t size;
    char *top = malloc(256 << 10);
    if (!top)
        return;
    free(top);
    for (size = 64 << 10; size >= 8; size /= 2) {
        for (;;) {
            char *p = malloc(size);
            if (!p)
                return;
            if (p >= top) {
                free(p);
                break;
            }
            /* kept: the gap is the image's now */
        }
    }
    /* The top chunk still holds what boot freed into it. Zeroed, it is
       left out of the image's mapping (the host maps only its non-zero
       pages): an instance's allocations then land in anonymous memory,
       where a page read but not written costs nothing, rather than in pages
       of the image that count in its resident size once read. */
    top = malloc(1); /* the start of the top chunk: nothing is free below */
    if (top) {
        free(top);
        memset(top, 0, (size_t)((char *)sbrk(0) - top));
    }
}

/* Collects cycles and moves the next collection further away. Called before
   the engine's memory image is taken: a collection writes to every object,
   so an early one in each instance would copy every shared page of the
   image into the instance's own memory. */
EXPORT("bridge_gc")
void bridge_gc(uint32_t headroom)
{
    JS_RunGC(rt);
    JS_SetGCThreshold(rt, (heap ? heap->malloc_size : 0) + headroom);
    plug_free_chunks();
}

/* Bytes of the JS heap in use, as counted against the memory limit. */
EXPORT("bridge_mem_used")
uint32_t bridge_mem_used(void)
{
    return heap ? (uint32_t)heap->malloc_size : 0;
}

static void set_call_value(JSValue v)
{
    JS_FreeValue(ctx, call_value);
    call_value = v;
    call_active = 1;
    if (JS_PromiseState(ctx, v) != (JSPromiseStateEnum)-1)
        forget_unhandled(v);
}

/* Compiles or runs a script. src must be followed by a NUL byte (QuickJS's
   parser requires it); name must be NUL-terminated. */
EXPORT("bridge_eval")
int32_t bridge_eval(const char *src, uint32_t len, const char *name, int32_t flags)
{
    JSValue fn, v;
    out_reset();
    if (flags & EVAL_BYTECODE) {
        /* only bytecode this bridge wrote reaches here: the host keys it by
           the hash of the source it compiled and never accepts it from outside */
        fn = JS_ReadObject(ctx, (const uint8_t *)src, len, JS_READ_OBJ_BYTECODE);
    } else {
        JS_SetStripInfo(rt, (flags & EVAL_STRIP) ? JS_STRIP_SOURCE : 0);
        fn = JS_Eval(ctx, src, len, name, JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
    }
    if (JS_IsException(fn))
        return fail();
    if (flags & EVAL_COMPILE_ONLY) {
        size_t n;
        out_buf = JS_WriteObject(ctx, &n, fn, JS_WRITE_OBJ_BYTECODE);
        JS_FreeValue(ctx, fn);
        if (!out_buf)
            return fail();
        out.ptr = (uint32_t)(uintptr_t)out_buf;
        out.len = n;
        return settle_status();
    }
    v = JS_EvalFunction(ctx, fn);
    if (JS_IsException(v))
        return fail();
    if (flags & EVAL_PRELUDE) {
        JS_FreeValue(ctx, dispatcher);
        dispatcher = v;
    } else if (flags & EVAL_RESULT) {
        set_call_value(v);
    } else if (flags & EVAL_WITH_HOST) {
        JSValue r = JS_Call(ctx, v, JS_UNDEFINED, 1, (JSValueConst *)&host_obj);
        JS_FreeValue(ctx, v);
        if (JS_IsException(r))
            return fail();
        JS_FreeValue(ctx, r);
    } else {
        JS_FreeValue(ctx, v);
    }
    return settle_status();
}

/* Calls globalThis.__corets_exports[name](...args). args is a JSON array
   (length 0 means no arguments). The result is read with bridge_call_state. */
EXPORT("bridge_call")
int32_t bridge_call(const char *name, uint32_t nlen, const char *args, uint32_t alen)
{
    JSValue global, exports, fn, argv_arr = JS_UNDEFINED, ret;
    JSValue *argv = NULL;
    uint32_t argc = 0, i;
    JSAtom atom;
    int32_t st = ST_OK;

    out_reset();
    global = JS_GetGlobalObject(ctx);
    exports = JS_GetProperty(ctx, global, exports_atom);
    JS_FreeValue(ctx, global);
    if (JS_IsException(exports))
        return fail();
    if (!JS_IsObject(exports)) {
        JS_FreeValue(ctx, exports);
        out_literal("the module has no exports (no bundle loaded?)");
        return ST_ERROR;
    }
    atom = JS_NewAtomLen(ctx, name, nlen);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, exports);
        return fail();
    }
    fn = JS_GetProperty(ctx, exports, atom);
    JS_FreeAtom(ctx, atom);
    if (JS_IsException(fn)) {
        JS_FreeValue(ctx, exports);
        return fail();
    }
    if (!JS_IsFunction(ctx, fn)) {
        JS_FreeValue(ctx, fn);
        JS_FreeValue(ctx, exports);
        out_literal(JS_IsUndefined(fn) ? "no such export" : "the export is not a function");
        return ST_ERROR;
    }
    if (alen > 0) {
        int64_t n;
        argv_arr = JS_ParseJSON(ctx, args, alen, "<arguments>");
        if (JS_IsException(argv_arr)) {
            st = fail();
            goto done;
        }
        if (JS_IsArray(ctx, argv_arr) == 1) {
            JSValue l = JS_GetPropertyStr(ctx, argv_arr, "length");
            if (JS_ToInt64(ctx, &n, l))
                n = -1;
            JS_FreeValue(ctx, l);
        } else {
            n = -1;
        }
        if (n < 0 || n > 65535) {
            out_literal("arguments must be a JSON array of at most 65535 items");
            st = ST_ERROR;
            goto done;
        }
        argc = (uint32_t)n;
        argv = js_mallocz(ctx, sizeof(JSValue) * (argc ? argc : 1));
        if (!argv) {
            st = fail();
            goto done;
        }
        for (i = 0; i < argc; i++)
            argv[i] = JS_GetPropertyUint32(ctx, argv_arr, i);
    }
    ret = JS_Call(ctx, fn, exports, (int)argc, (JSValueConst *)argv);
    if (JS_IsException(ret))
        st = fail();
    else {
        set_call_value(ret);
        st = settle_status();
    }
done:
    if (argv) {
        for (i = 0; i < argc; i++)
            JS_FreeValue(ctx, argv[i]);
        js_free(ctx, argv);
    }
    JS_FreeValue(ctx, argv_arr);
    JS_FreeValue(ctx, fn);
    JS_FreeValue(ctx, exports);
    return st;
}

/* The current call's result: ST_OK with JSON in out (empty for undefined),
   ST_EXCEPTION if it threw or its promise rejected, ST_PENDING otherwise. */
EXPORT("bridge_call_state")
int32_t bridge_call_state(void)
{
    JSValue v;
    int st;
    out_reset();
    if (!call_active) {
        out_literal("no call in progress");
        return ST_ERROR;
    }
    switch (JS_PromiseState(ctx, call_value)) {
    case JS_PROMISE_PENDING:
        return ST_PENDING;
    case JS_PROMISE_FULFILLED:
        v = JS_PromiseResult(ctx, call_value);
        break;
    case JS_PROMISE_REJECTED:
        v = JS_PromiseResult(ctx, call_value);
        out_error(v);
        JS_FreeValue(ctx, v);
        call_active = 0;
        return ST_EXCEPTION;
    default:
        v = JS_DupValue(ctx, call_value);
        break;
    }
    call_active = 0;
    st = out_json(v) < 0 ? fail() : settle_status();
    JS_FreeValue(ctx, v);
    return st;
}

/* Forgets the current call (its deadline passed, or it was cancelled). */
EXPORT("bridge_call_drop")
void bridge_call_drop(void)
{
    JS_FreeValue(ctx, call_value);
    call_value = JS_UNDEFINED;
    call_active = 0;
}

/* Runs promise jobs until none is left. A rejection nobody handled is
   reported as ST_EXCEPTION, one per call; the host calls again until ST_OK. */
EXPORT("bridge_jobs")
int32_t bridge_jobs(void)
{
    JSContext *c;
    int r;
    out_reset();
    while ((r = JS_ExecutePendingJob(rt, &c)) != 0) {
        if (r < 0)
            return fail();
    }
    if (oom)
        return ST_OOM;
    if (interrupted)
        return ST_INTERRUPTED;
    if (unhandled_len > 0) {
        JSValue p = unhandled[--unhandled_len][0];
        JSValue reason = unhandled[unhandled_len][1];
        out_error(reason);
        JS_FreeValue(ctx, p);
        JS_FreeValue(ctx, reason);
        return ST_EXCEPTION;
    }
    return ST_OK;
}

/* Runs the callback of an expired timer through the prelude's dispatcher. */
EXPORT("bridge_timer")
int32_t bridge_timer(int32_t id)
{
    JSValue arg[2], r;
    out_reset();
    arg[0] = JS_NewInt32(ctx, 0);
    arg[1] = JS_NewInt32(ctx, id);
    r = JS_Call(ctx, dispatcher, JS_UNDEFINED, 2, arg);
    if (JS_IsException(r))
        return fail();
    JS_FreeValue(ctx, r);
    return settle_status();
}

/* Settles the promise of asynchronous host operation `op` with a reply of
   `kind` (HC_*). data was allocated with bridge_malloc and is freed here. */
EXPORT("bridge_settle")
int32_t bridge_settle(uint32_t op, int32_t kind, uint8_t *data, uint32_t len)
{
    JSValue v, r, funcs[2];
    int rejected = 0;
    out_reset();
    if (op >= ops_cap || JS_IsUndefined(ops[op][0])) {
        free(data);
        out_literal("unknown asynchronous operation");
        return ST_ERROR;
    }
    funcs[0] = ops[op][0];
    funcs[1] = ops[op][1];
    ops[op][0] = ops[op][1] = JS_UNDEFINED;
    if (kind == HC_UNDEFINED) {
        v = JS_UNDEFINED;
    } else if (kind == HC_BYTES) {
        v = JS_NewArrayBufferCopy(ctx, data, len);
    } else if (kind == HC_ERROR) {
        v = host_error(data, len);
        rejected = 1;
    } else {
        v = JS_NewStringLen(ctx, (const char *)data, len);
    }
    free(data);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, funcs[0]);
        JS_FreeValue(ctx, funcs[1]);
        return fail();
    }
    r = JS_Call(ctx, funcs[rejected], JS_UNDEFINED, 1, (JSValueConst *)&v);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (JS_IsException(r))
        return fail();
    JS_FreeValue(ctx, r);
    return settle_status();
}
