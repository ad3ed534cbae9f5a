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
 *   module(op, ptr, len)        the module loader's questions; see MOD_*
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
IMPORT("module") int64_t host_module(int32_t op, const void *ptr, int32_t len);

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

/* The module loader's questions to the host (host_module's op); the
   replies are host_call's. */
enum {
    MOD_RESOLVE = 0, /* "base\0specifier" -> HC_STRING name, or HC_ERROR (not found) */
    MOD_SOURCE = 1,  /* name -> "url\0" + HC_BYTES bytecode or HC_STRING source */
    MOD_STORE = 2,   /* the bytecode of the source just given, for the host's cache */
};

/* bridge_eval flags */
enum {
    EVAL_COMPILE_ONLY = 1, /* out = bytecode; nothing runs */
    EVAL_BYTECODE = 2,     /* the input is bytecode this bridge wrote */
    EVAL_PRELUDE = 4,      /* the completion value is the timer dispatcher */
    EVAL_RESULT = 8,       /* the completion value becomes the call result */
    EVAL_WITH_HOST = 16,   /* the completion value is a function, called with the host object */
    EVAL_STRIP = 32,       /* compile without keeping the source text (the engine's own scripts) */
    EVAL_MODULE = 64,      /* an ES module (eval_module) */
    EVAL_DEFAULT_EXPORTS = 128, /* with EVAL_MODULE: the exports are its default export (a CommonJS entry) */
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

/* The payload of the last export call, and the report of the last
   bridge_run: the host reads all of it from this one address. */
static struct {
    uint32_t ptr;
    uint32_t len;
    int64_t fuel_used; /* bridge_run: bridge_fuel_used() at its end */
    uint32_t mem_used; /* bridge_run: bridge_mem_used() at its end */
    int32_t stage;     /* bridge_run: the STAGE_* whose status it returned */
} out;
static const char *out_cstr; /* from JS_ToCStringLen, freed on the next export */
static uint8_t *out_buf;     /* from js_malloc, freed on the next export */

static int oom;         /* an allocation failed since the last reset */
static int interrupted; /* the interrupt handler stopped execution */

/* The call in progress: its result, or the promise that will produce it. */
static JSValue call_value = JS_UNDEFINED;
static int call_active;
/* The namespace of the module whose evaluation is the current call: it
   becomes globalThis.__corets_exports once that evaluation fulfils. */
static JSValue module_ns = JS_UNDEFINED;
static int module_default; /* EVAL_DEFAULT_EXPORTS */

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

static char out_small[16]; /* out_simple's digits */

/* The JSON of the results most calls return, written without
   JS_JSONStringify's machinery (a wrapper object, a property list, a string
   buffer): integers, booleans, null, undefined and strings of plain ASCII.
   Returns 1 if it wrote out, 0 for any other value, -1 on an exception. */
static int out_simple(JSValueConst v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT: {
        int32_t n = JS_VALUE_GET_INT(v);
        uint32_t u = n < 0 ? 0u - (uint32_t)n : (uint32_t)n;
        char *p = out_small + sizeof(out_small);
        do {
            *--p = '0' + u % 10;
            u /= 10;
        } while (u);
        if (n < 0)
            *--p = '-';
        out.ptr = (uint32_t)(uintptr_t)p;
        out.len = out_small + sizeof(out_small) - p;
        return 1;
    }
    case JS_TAG_BOOL:
        out_literal(JS_VALUE_GET_BOOL(v) ? "true" : "false");
        return 1;
    case JS_TAG_NULL:
        out_literal("null");
        return 1;
    case JS_TAG_UNDEFINED:
        return 1; /* out stays empty, as JSON.stringify gives undefined */
    }
    if (JS_IsString(v)) {
        size_t len, i;
        const char *s = JS_ToCStringLen(ctx, &len, v);
        if (!s)
            return -1;
        /* printable ASCII needs no escape; anything else (controls, quotes,
           backslashes, non-ASCII, lone surrogates) is JSON.stringify's */
        for (i = 0; i < len; i++) {
            uint8_t c = s[i];
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
                break;
        }
        if (i < len) {
            JS_FreeCString(ctx, s);
            return 0;
        }
        out_buf = js_malloc(ctx, len + 2);
        if (!out_buf) {
            JS_FreeCString(ctx, s);
            return -1;
        }
        out_buf[0] = '"';
        memcpy(out_buf + 1, s, len);
        out_buf[len + 1] = '"';
        JS_FreeCString(ctx, s);
        out.ptr = (uint32_t)(uintptr_t)out_buf;
        out.len = len + 2;
        return 1;
    }
    return 0;
}

/* out = JSON.stringify(v); undefined (or a function) leaves out empty. */
static int out_json(JSValueConst v)
{
    size_t len;
    JSValue s;
    int r = out_simple(v);
    if (r != 0)
        return r < 0 ? -1 : 0;
    s = JS_JSONStringify(ctx, v, JS_UNDEFINED, JS_UNDEFINED);
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

/* The status of a thrown value or a rejection: the flags win over the
   exception, because a caught "out of memory" or an uncatchable interrupt
   is fatal. Describing the value runs JS (ToString, JSON.stringify), so
   the flags are read again after it: the deadline or the memory limit
   reached while describing wins too (the description could not be made). */
static int32_t exception_status(JSValueConst ex)
{
    if (!oom && !interrupted)
        out_error(ex);
    if (oom)
        return ST_OOM;
    if (interrupted)
        return ST_INTERRUPTED;
    return ST_EXCEPTION;
}

/* The status after something threw. */
static int32_t fail(void)
{
    JSValue ex = JS_GetException(ctx);
    int32_t st = exception_status(ex);
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

/* ---- strings: UTF-8 across the boundary, as the Encoding standard says ---- */

/* Strings are converted here, in C, reading and writing QuickJS's own
   characters (8-bit or UTF-16; patch 0006): a lone surrogate becomes U+FFFD
   (EF BF BD), so Go never receives invalid UTF-8 from a string, and each
   maximal invalid subpart of UTF-8 input becomes one U+FFFD. */

/* A flat string's characters. */
typedef struct {
    JSValue str; /* the reference that keeps chars alive */
    const void *chars;
    size_t len;
    JS_BOOL wide;
} Chars;

static int chars_of(JSContext *c, JSValueConst v, Chars *s)
{
    s->str = JS_ToFlatString(c, v, &s->chars, &s->len, &s->wide);
    return JS_IsException(s->str) ? -1 : 0;
}

/* Eight bytes (or four UTF-16 units) at a time through ASCII runs. */
static const uint64_t ascii8 = 0x8080808080808080ull, ascii16 = 0xff80ff80ff80ff80ull;

#define IS_HIGH_SURROGATE(u) (((u) & 0xfc00) == 0xd800)
#define IS_LOW_SURROGATE(u) (((u) & 0xfc00) == 0xdc00)

/* The UTF-8 length of a string. */
static size_t utf8_size(const Chars *s)
{
    size_t n = s->len, size = n, i;
    if (!s->wide) {
        const uint8_t *p = s->chars;
        uint64_t w;
        for (i = 0; i + 8 <= n; i += 8) {
            memcpy(&w, p + i, 8);
            size += __builtin_popcountll(w & ascii8);
        }
        for (; i < n; i++)
            size += p[i] >> 7;
        return size;
    }
    const uint16_t *u = s->chars;
    for (i = 0; i < n; i++) {
        uint16_t x = u[i];
        if (x < 0x80)
            continue;
        if (x < 0x800) {
            size += 1;
        } else if (IS_HIGH_SURROGATE(x) && i + 1 < n && IS_LOW_SURROGATE(u[i + 1])) {
            size += 2; /* 4 bytes for 2 units */
            i++;
        } else {
            size += 2; /* a lone surrogate is U+FFFD, 3 bytes like the rest */
        }
    }
    return size;
}

/* Writes whole characters of s into q while they fit in cap bytes; returns
   the bytes written and, in *read, the units they came from. */
static size_t utf8_write(uint8_t *q, size_t cap, const Chars *s, size_t *read)
{
    size_t n = s->len, i = 0, j = 0;
    if (!s->wide) {
        const uint8_t *p = s->chars;
        for (; i < n; i++) {
            uint8_t x = p[i];
            uint64_t w;
            if (i + 8 <= n && j + 8 <= cap && (memcpy(&w, p + i, 8), !(w & ascii8))) {
                memcpy(q + j, &w, 8);
                i += 7;
                j += 8;
            } else if (x < 0x80) {
                if (j >= cap)
                    break;
                q[j++] = x;
            } else {
                if (j + 2 > cap)
                    break;
                q[j++] = 0xc0 | (x >> 6);
                q[j++] = 0x80 | (x & 0x3f);
            }
        }
        *read = i;
        return j;
    }
    const uint16_t *u = s->chars;
    for (; i < n; i++) {
        uint32_t x = u[i];
        uint64_t w;
        if (i + 4 <= n && j + 4 <= cap && (memcpy(&w, u + i, 8), !(w & ascii16))) {
            q[j] = (uint8_t)w;
            q[j + 1] = (uint8_t)(w >> 16);
            q[j + 2] = (uint8_t)(w >> 32);
            q[j + 3] = (uint8_t)(w >> 48);
            i += 3;
            j += 4;
        } else if (x < 0x80) {
            if (j >= cap)
                break;
            q[j++] = x;
        } else if (x < 0x800) {
            if (j + 2 > cap)
                break;
            q[j++] = 0xc0 | (x >> 6);
            q[j++] = 0x80 | (x & 0x3f);
        } else if (IS_HIGH_SURROGATE(x) && i + 1 < n && IS_LOW_SURROGATE(u[i + 1])) {
            if (j + 4 > cap)
                break;
            x = 0x10000 + ((x - 0xd800) << 10) + (u[i + 1] - 0xdc00);
            q[j++] = 0xf0 | (x >> 18);
            q[j++] = 0x80 | ((x >> 12) & 0x3f);
            q[j++] = 0x80 | ((x >> 6) & 0x3f);
            q[j++] = 0x80 | (x & 0x3f);
            i++;
        } else {
            if (j + 3 > cap)
                break;
            if ((x & 0xf800) == 0xd800)
                x = 0xfffd;
            q[j++] = 0xe0 | (x >> 12);
            q[j++] = 0x80 | ((x >> 6) & 0x3f);
            q[j++] = 0x80 | (x & 0x3f);
        }
    }
    *read = i;
    return j;
}

/* The most bytes a string's UTF-8 can take: sizing a UTF-16 string costs
   as much as encoding it, so it is encoded into room for the worst case
   (3 bytes a unit) and the buffer shrunk after. */
static size_t utf8_room(const Chars *s)
{
    return s->wide ? 3 * s->len : utf8_size(s);
}

/* A string as UTF-8 in a js_malloc'd buffer of *len bytes (at least one). */
static uint8_t *utf8_alloc(JSContext *c, const Chars *s, size_t *len)
{
    size_t read, room = utf8_room(s);
    uint8_t *buf = js_malloc(c, room ? room : 1), *shrunk;
    if (!buf)
        return NULL;
    *len = utf8_write(buf, room, s, &read);
    if (*len < room && (shrunk = js_realloc(c, buf, *len ? *len : 1)) != NULL)
        buf = shrunk;
    return buf;
}

/* The length (2-4) of the well-formed sequence that starts at p, a byte
   >= 0x80; or 0, with *bad the length of the maximal subpart that is not
   (1-3), which becomes one U+FFFD. *cut says the subpart was only cut short
   by the end of the input. */
static size_t utf8_seq(const uint8_t *p, size_t n, size_t *bad, int *cut)
{
    uint8_t b = p[0], lo = 0x80, hi = 0xbf;
    size_t need, i;
    *cut = 0;
    if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b == 0xe0)
            lo = 0xa0;
        else if (b == 0xed)
            hi = 0x9f; /* no surrogates */
    } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b == 0xf0)
            lo = 0x90;
        else if (b == 0xf4)
            hi = 0x8f; /* nothing above U+10FFFF */
    } else {
        *bad = 1;
        return 0;
    }
    for (i = 1; i <= need; i++) {
        if (i >= n) {
            *cut = 1;
            *bad = i;
            return 0;
        }
        if (p[i] < lo || p[i] > hi) {
            *bad = i;
            return 0;
        }
        lo = 0x80;
        hi = 0xbf;
    }
    return need + 1;
}

/* A string from UTF-8 that may be invalid (a host reply, a TextDecoder's
   input). With fatal, invalid input gives JS_NULL instead. ASCII is copied
   as it is; anything else is decoded in one pass into UTF-16 (never more
   units than bytes), then copied into a string of the width it needs. */
static JSValue new_string_utf8(JSContext *c, const uint8_t *p, size_t n, int fatal)
{
    size_t i = 0, j = 0, l, bad;
    int cut, wide = 0;
    uint16_t *u;
    void *chars;
    JSValue v;
    uint64_t w;
    while (i + 8 <= n && (memcpy(&w, p + i, 8), !(w & ascii8)))
        i += 8;
    while (i < n && p[i] < 0x80)
        i++;
    if (i == n) {
        v = JS_NewStringChars(c, n, 0, &chars);
        if (chars)
            memcpy(chars, p, n);
        return v;
    }
    u = js_malloc(c, 2 * n);
    if (!u)
        return JS_EXCEPTION;
    for (j = 0; j < i; j++)
        u[j] = p[j];
    while (i < n) {
        uint32_t x = p[i];
        if (i + 8 <= n && (memcpy(&w, p + i, 8), !(w & ascii8))) {
            for (int k = 0; k < 8; k++)
                u[j + k] = p[i + k];
            i += 8;
            j += 8;
            continue;
        }
        if (x < 0x80) {
            u[j++] = x;
            i++;
            continue;
        }
        l = utf8_seq(p + i, n - i, &bad, &cut);
        if (l == 0) {
            if (fatal) {
                js_free(c, u);
                return JS_NULL;
            }
            x = 0xfffd;
            l = bad;
        } else if (l == 2) {
            x = ((x & 0x1f) << 6) | (p[i + 1] & 0x3f);
        } else if (l == 3) {
            x = ((x & 0x0f) << 12) | ((p[i + 1] & 0x3f) << 6) | (p[i + 2] & 0x3f);
        } else {
            x = ((x & 0x07) << 18) | ((p[i + 1] & 0x3f) << 12) | ((p[i + 2] & 0x3f) << 6) | (p[i + 3] & 0x3f);
        }
        i += l;
        wide |= x > 0xff;
        if (x < 0x10000) {
            u[j++] = x;
        } else {
            x -= 0x10000;
            u[j++] = 0xd800 | (x >> 10);
            u[j++] = 0xdc00 | (x & 0x3ff);
        }
    }
    v = JS_NewStringChars(c, j, wide, &chars);
    if (chars && wide) {
        memcpy(chars, u, 2 * j);
    } else if (chars) {
        for (i = 0; i < j; i++)
            ((uint8_t *)chars)[i] = (uint8_t)u[i];
    }
    js_free(c, u);
    return v;
}

/* The bytes of a Uint8Array (any typed array: its bytes). */
static uint8_t *view_bytes(JSContext *c, JSValueConst v, size_t *len)
{
    size_t off = 0, total, bpe;
    uint8_t *base;
    JSValue buf = JS_GetTypedArrayBuffer(c, v, &off, len, &bpe);
    if (JS_IsException(buf))
        return NULL;
    base = JS_GetArrayBuffer(c, &total, buf);
    JS_FreeValue(c, buf);
    if (!base)
        return NULL;
    if (off > total || *len > total - off) {
        JS_ThrowRangeError(c, "typed array out of bounds");
        return NULL;
    }
    return base + off;
}

static void free_array_buffer(JSRuntime *r, void *opaque, void *ptr)
{
    (void)opaque;
    js_free_rt(r, ptr);
}

/* A Uint8Array that owns buf (from js_malloc). */
static JSValue uint8_array_of(JSContext *c, uint8_t *buf, size_t len)
{
    JSValue args[3], u8;
    args[0] = JS_NewArrayBuffer(c, buf, len, free_array_buffer, NULL, 0);
    if (JS_IsException(args[0])) {
        js_free(c, buf);
        return args[0];
    }
    /* the constructor reads all three arguments: (buffer, offset, length) */
    args[1] = args[2] = JS_UNDEFINED;
    u8 = JS_NewTypedArray(c, 3, (JSValueConst *)args, JS_TYPED_ARRAY_UINT8);
    JS_FreeValue(c, args[0]);
    return u8;
}

/* __host.utf8Encode(string) -> Uint8Array */
static JSValue js_utf8_encode(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    Chars s;
    size_t len;
    uint8_t *buf;
    if (chars_of(c, argv[0], &s))
        return JS_EXCEPTION;
    buf = utf8_alloc(c, &s, &len);
    JS_FreeValue(c, s.str);
    if (!buf)
        return JS_EXCEPTION;
    return uint8_array_of(c, buf, len);
}

/* __host.utf8EncodeInto(string, u8) -> [read, written]: whole characters
   while they fit. */
static JSValue js_utf8_encode_into(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    Chars s;
    size_t cap, read, written;
    uint8_t *dst;
    JSValue r;
    /* the string first: converting it could run code that detaches the buffer */
    if (chars_of(c, argv[0], &s))
        return JS_EXCEPTION;
    dst = view_bytes(c, argv[1], &cap);
    if (!dst) {
        JS_FreeValue(c, s.str);
        return JS_EXCEPTION;
    }
    written = utf8_write(dst, cap, &s, &read);
    JS_FreeValue(c, s.str);
    r = JS_NewArray(c);
    if (JS_IsException(r))
        return r;
    JS_SetPropertyUint32(c, r, 0, JS_NewInt64(c, (int64_t)read));
    JS_SetPropertyUint32(c, r, 1, JS_NewInt64(c, (int64_t)written));
    return r;
}

/* __host.utf8Decode(u8, fatal) -> string, or null if fatal and invalid */
static JSValue js_utf8_decode(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    uint8_t *p = view_bytes(c, argv[0], &len);
    if (!p)
        return JS_EXCEPTION;
    return new_string_utf8(c, p, len, JS_ToBool(c, argv[1]));
}

/* __host.utf8Tail(u8) -> how many bytes at the end are the start of a
   character the next chunk of a stream may complete (0-3). */
static JSValue js_utf8_tail(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, k, bad;
    int cut;
    uint8_t *p = view_bytes(c, argv[0], &len);
    if (!p)
        return JS_EXCEPTION;
    for (k = 1; k <= 3 && k <= len; k++) {
        uint8_t b = p[len - k];
        if (b >= 0x80 && b < 0xc0)
            continue; /* a continuation byte: its lead is further back */
        if (b >= 0xc0 && utf8_seq(p + len - k, k, &bad, &cut) == 0 && cut)
            return JS_NewInt32(c, (int32_t)k);
        break;
    }
    return JS_NewInt32(c, 0);
}

/* __host.frame(head, body) -> Uint8Array: the request frame of core.js, a
   4-byte little-endian length, head as UTF-8, then body (a string as UTF-8,
   a Uint8Array's bytes, or nothing), written in one buffer. */
static JSValue js_frame(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    Chars h, bs = {JS_UNDEFINED};
    size_t hlen = 0, blen = 0, read;
    const uint8_t *body = NULL;
    uint8_t *buf = NULL;
    int body_str = JS_IsString(argv[1]);
    if (chars_of(c, argv[0], &h))
        return JS_EXCEPTION;
    if (body_str) {
        if (chars_of(c, argv[1], &bs))
            goto done;
        blen = utf8_room(&bs);
    } else if (!JS_IsUndefined(argv[1]) && !JS_IsNull(argv[1])) {
        body = view_bytes(c, argv[1], &blen);
        if (!body)
            goto done;
    }
    hlen = utf8_size(&h);
    if (hlen > INT32_MAX - 4 || blen > INT32_MAX - 4 - hlen) {
        /* blen is the body's most; its exact UTF-8 may still fit, but a
           payload this close to 2 GiB is refused either way */
        JS_ThrowRangeError(c, "host call payload too large");
        goto done;
    }
    buf = js_malloc(c, 4 + hlen + blen);
    if (!buf)
        goto done;
    buf[0] = (uint8_t)hlen;
    buf[1] = (uint8_t)(hlen >> 8);
    buf[2] = (uint8_t)(hlen >> 16);
    buf[3] = (uint8_t)(hlen >> 24);
    utf8_write(buf + 4, hlen, &h, &read);
    if (body_str) {
        size_t room = blen;
        uint8_t *shrunk;
        blen = utf8_write(buf + 4 + hlen, room, &bs, &read);
        if (blen < room && (shrunk = js_realloc(c, buf, 4 + hlen + blen)) != NULL)
            buf = shrunk;
    } else if (blen) {
        memcpy(buf + 4 + hlen, body, blen);
    }
done:
    JS_FreeValue(c, h.str);
    JS_FreeValue(c, bs.str);
    if (!buf)
        return JS_EXCEPTION;
    return uint8_array_of(c, buf, 4 + hlen + blen);
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
    JSValue msg = nl ? new_string_utf8(ctx, nl + 1, len - nlen - 1, 0)
                     : new_string_utf8(ctx, p, len, 0);
    JSValue v = JS_CallConstructor(ctx, error_ctor, 1, &msg);
    JS_FreeValue(ctx, msg);
    if (!JS_IsException(v) && nlen > 0)
        JS_DefinePropertyValueStr(ctx, v, "name", new_string_utf8(ctx, p, nlen, 0),
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
        v = new_string_utf8(ctx, p, len, 0);
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
    Chars str = {JS_UNDEFINED};
    uint8_t *copy = NULL;
    int64_t r;
    uint32_t rkind, rlen;

    if (JS_ToInt32(c, &fn, argv[0]))
        return JS_EXCEPTION;
    if (argc > 1 && JS_IsString(argv[1])) {
        if (chars_of(c, argv[1], &str))
            return JS_EXCEPTION;
        if (!str.wide && (len = utf8_size(&str)) == str.len) {
            ptr = str.chars; /* ASCII: the string's own bytes */
        } else {
            ptr = copy = utf8_alloc(c, &str, &len);
            if (!copy) {
                JS_FreeValue(c, str.str);
                return JS_EXCEPTION;
            }
        }
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
    if (len > INT32_MAX) {
        JS_FreeValue(c, str.str);
        js_free(c, copy);
        return JS_ThrowRangeError(c, "host call payload too large");
    }
    r = host_call(fn, ptr, (int32_t)len, kind);
    JS_FreeValue(c, str.str);
    js_free(c, copy);
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

/* __host.detach(arrayBuffer): detaches it, as structuredClone's transfer
   does (the engine has no ArrayBuffer.prototype.transfer) */
static JSValue js_host_detach(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    if (!JS_GetArrayBuffer(c, &len, argv[0]) && JS_HasException(c))
        return JS_EXCEPTION;
    JS_DetachArrayBuffer(c, argv[0]);
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry host_funcs[] = {
    JS_CFUNC_DEF("call", 2, js_host_call),
    JS_CFUNC_DEF("lookup", 1, js_host_lookup),
    JS_CFUNC_DEF("now", 0, js_host_now),
    JS_CFUNC_DEF("randomFill", 1, js_host_random_fill),
    JS_CFUNC_DEF("utf8Encode", 1, js_utf8_encode),
    JS_CFUNC_DEF("utf8EncodeInto", 2, js_utf8_encode_into),
    JS_CFUNC_DEF("utf8Decode", 2, js_utf8_decode),
    JS_CFUNC_DEF("utf8Tail", 1, js_utf8_tail),
    JS_CFUNC_DEF("frame", 2, js_frame),
    JS_CFUNC_DEF("detach", 1, js_host_detach),
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

/* ---- the module loader: the host supplies every module (module_loader.go) ---- */

/* The normalizer: the host resolves specifier name against the importing
   module (or script) base and answers with the module's name, or refuses
   with ERR_MODULE_NOT_FOUND when it supplied no such module. Nothing is
   read from disk or network. */
static char *resolve_import(JSContext *c, const char *base, const char *name, void *opaque)
{
    size_t blen = strlen(base), nlen = strlen(name);
    uint8_t *req, *p;
    int64_t r;
    uint32_t kind, len;
    int owned;
    char *res;

    if (blen + nlen + 1 > INT32_MAX) {
        JS_ThrowRangeError(c, "module specifier too long");
        return NULL;
    }
    req = js_malloc(c, blen + 1 + nlen);
    if (!req)
        return NULL;
    memcpy(req, base, blen);
    req[blen] = 0;
    memcpy(req + blen + 1, name, nlen);
    r = host_module(MOD_RESOLVE, req, (int32_t)(blen + 1 + nlen));
    js_free(c, req);
    kind = (uint32_t)((uint64_t)r >> 32);
    len = (uint32_t)r;
    if (kind != HC_STRING && kind != HC_ERROR) {
        JS_ThrowInternalError(c, "module loader: bad reply");
        return NULL;
    }
    p = reply_data(len, &owned);
    if (!p) {
        JS_ThrowOutOfMemory(c);
        return NULL;
    }
    if (kind == HC_ERROR) {
        JSValue e = host_error(p, len);
        if (owned)
            free(p);
        if (JS_IsException(e))
            return NULL;
        JS_DefinePropertyValueStr(c, e, "code", JS_NewString(c, "ERR_MODULE_NOT_FOUND"), JS_PROP_C_W_E);
        JS_Throw(c, e);
        return NULL;
    }
    res = js_malloc(c, len + 1);
    if (res) {
        memcpy(res, p, len);
        res[len] = 0;
    }
    if (owned)
        free(p);
    return res;
}

/* The loader: compiles the module the normalizer named (the host answers
   with "url\0" and either bytecode it cached or the source), sets its
   import.meta, and hands a fresh compilation's bytecode to the host's
   cache. QuickJS keeps the module in its list of loaded modules, so each
   name is loaded at most once per instance. */
static JSModuleDef *load_import(JSContext *c, const char *name, void *opaque)
{
    size_t nlen = strlen(name), ulen;
    int64_t r;
    uint32_t kind, len;
    uint8_t *buf, *body;
    JSValue fn, meta;
    JSModuleDef *m;

    r = host_module(MOD_SOURCE, name, (int32_t)(nlen > INT32_MAX ? INT32_MAX : nlen));
    kind = (uint32_t)((uint64_t)r >> 32);
    len = (uint32_t)r;
    if (kind != HC_STRING && kind != HC_BYTES && kind != HC_ERROR) {
        JS_ThrowInternalError(c, "module loader: bad reply");
        return NULL;
    }
    buf = js_malloc(c, (size_t)len + 1); /* counted against the memory limit */
    if (!buf)
        return NULL; /* a reply left untaken is dropped by the next one */
    if (len <= scratch_cap)
        memcpy(buf, scratch, len);
    else
        host_take(buf);
    buf[len] = 0; /* QuickJS's parser wants a NUL after the source */
    if (kind == HC_ERROR) {
        JSValue e = host_error(buf, len);
        js_free(c, buf);
        if (!JS_IsException(e))
            JS_Throw(c, e);
        return NULL;
    }
    ulen = strnlen((const char *)buf, len);
    if (ulen == len) {
        js_free(c, buf);
        JS_ThrowInternalError(c, "module loader: bad reply");
        return NULL;
    }
    body = buf + ulen + 1;
    if (kind == HC_BYTES) {
        /* only bytecode this bridge wrote: the host's cache, keyed by the
           module's name and source */
        fn = JS_ReadObject(c, body, len - ulen - 1, JS_READ_OBJ_BYTECODE);
    } else {
        JS_SetStripInfo(rt, 0);
        fn = JS_Eval(c, (const char *)body, len - ulen - 1, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
        if (!JS_IsException(fn) && JS_VALUE_GET_TAG(fn) == JS_TAG_MODULE) {
            size_t n;
            uint8_t *bc = JS_WriteObject(c, &n, fn, JS_WRITE_OBJ_BYTECODE);
            if (bc && n <= INT32_MAX)
                host_module(MOD_STORE, bc, (int32_t)n);
            js_free(c, bc);
            JS_FreeValue(c, JS_GetException(c)); /* a failed write only costs the cache */
        }
    }
    if (JS_IsException(fn)) {
        js_free(c, buf);
        return NULL;
    }
    if (JS_VALUE_GET_TAG(fn) != JS_TAG_MODULE) {
        JS_FreeValue(c, fn);
        js_free(c, buf);
        JS_ThrowInternalError(c, "module loader: bytecode of the wrong kind");
        return NULL;
    }
    m = JS_VALUE_GET_PTR(fn);
    JS_FreeValue(c, fn); /* the list of loaded modules holds it */
    meta = JS_GetImportMeta(c, m);
    if (JS_IsException(meta) ||
        JS_DefinePropertyValueStr(c, meta, "url", JS_NewString(c, (const char *)buf), JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValueStr(c, meta, "main", JS_FALSE, JS_PROP_C_W_E) < 0) {
        JS_FreeValue(c, meta);
        js_free(c, buf);
        return NULL;
    }
    JS_FreeValue(c, meta);
    js_free(c, buf);
    return m;
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
    JS_SetCanBlock(rt, 0); /* Atomics.wait throws, as on a browser's main thread (patch 0011) */
    JS_SetMaxStackSize(rt, stack_limit);
    JS_SetInterruptHandler(rt, interrupt_handler, NULL);
    JS_SetHostPromiseRejectionTracker(rt, rejection_tracker, NULL);
    JS_SetModuleLoaderFunc(rt, resolve_import, load_import, NULL);
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

/* wasi-libc's malloc is dlmalloc (4-byte size_t, no FOOTERS): the word 4
   bytes before a pointer it returns is the chunk's head, its size with the
   low 3 bits as flags (2: in use), and the next chunk starts at
   p - 8 + size. The top chunk, where the heap grows, is the free chunk that
   ends at the break, less dlmalloc's segment footer (56 bytes here). */
/* The reads are volatile: to the compiler, bytes outside what malloc just
   returned are no object at all, and clang folded the head of malloc(1)'s
   chunk to 0 (the top chunk was never recognised, so never zeroed). */
#define CHUNK_HEAD(mem) (*(const volatile uint32_t *)((const char *)(mem) - 4))
#define CHUNK_INUSE 2
#define TOP_FOOT_MAX 128

/* Whether p (just returned by malloc) is laid out as described above: its
   chunk's size is malloc_usable_size plus the 4-byte head. */
static int chunk_layout_known(const char *p)
{
    return (CHUNK_HEAD(p) & CHUNK_INUSE) &&
           (CHUNK_HEAD(p) & ~(uint32_t)7) == malloc_usable_size((void *)p) + 4;
}

/* Whether the chunk malloc just returned at p was carved from the top
   chunk: the chunk after it is then free and ends at the break. A chunk
   taken from a gap is followed by an object in use or by the gap's free
   remainder, which ends well below the break. */
static int carved_from_top(const char *p)
{
    const char *next = p - 8 + (CHUNK_HEAD(p) & ~(uint32_t)7);
    uint32_t head = CHUNK_HEAD(next + 8);
    const char *after = next + (head & ~(uint32_t)7);
    const char *brk = (const char *)sbrk(0);
    return !(head & CHUNK_INUSE) && after <= brk && brk - after <= TOP_FOOT_MAX;
}

/* Takes, for good, every free chunk malloc holds below its top chunk.
   Called as the engine's memory image is made: an instance's allocations
   then come from the top chunk, packed into a few fresh pages, instead of
   from free chunks scattered over the image, each reuse of which (and the
   free lists' links to its neighbours) made one more shared page of the
   image the instance's own. The bytes taken were gaps between the image's
   objects; they stay shared.

   Each size is taken until malloc serves it from the top chunk, which is
   recognised by the chunk headers, not guessed from an address: an
   earlier version took the first large malloc to mark the top, and when
   boot had freed a larger gap (a big bytecode buffer), that "top" lay in
   the middle of the heap and the zeroing below wiped live objects above
   it (QuickJS's atom hash table: every later name lookup failed). If the
   layout is not the one expected, nothing is plugged or zeroed: the image
   is only less dense. */
static void plug_free_chunks(void)
{
    size_t size;
    char *p;
    uintptr_t start;
    int top;
    for (size = 64 << 10; size >= 8; size /= 2) {
        for (;;) {
            p = malloc(size);
            if (!p)
                return;
            if (!chunk_layout_known(p)) {
                free(p);
                return;
            }
            if (carved_from_top(p)) {
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
    p = malloc(1); /* nothing is free below the top chunk now */
    if (!p)
        return;
    top = chunk_layout_known(p) && carved_from_top(p);
    start = (uintptr_t)p; /* p itself is not used once freed */
    free(p);
    if (top)
        memset((void *)start, 0, (uintptr_t)sbrk(0) - start);
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

static void module_forget(void)
{
    JS_FreeValue(ctx, module_ns);
    module_ns = JS_UNDEFINED;
}

/* Runs a compiled module: its imports are resolved (resolve_import and
   load_import: only what the host supplies), import.meta.url is set to url (NUL-terminated; NULL
   leaves import.meta empty) and import.meta.main to true, and it is
   evaluated. With EVAL_RESULT its evaluation's promise becomes the call's
   value and, once it fulfils, bridge_call_state makes the module's namespace
   (its default export with EVAL_DEFAULT_EXPORTS) globalThis.__corets_exports. */
static int32_t eval_module(JSValue fn, const char *url, int32_t flags)
{
    JSModuleDef *m = JS_VALUE_GET_PTR(fn);
    JSValue v, meta;
    int before;
    /* import.meta first: url may be in the scratch buffer, which the
       module loader's replies reuse while the imports resolve */
    meta = JS_GetImportMeta(ctx, m);
    if (JS_IsException(meta)) {
        JS_FreeValue(ctx, fn);
        return fail();
    }
    if (url && (JS_DefinePropertyValueStr(ctx, meta, "url", JS_NewString(ctx, url), JS_PROP_C_W_E) < 0 ||
                JS_DefinePropertyValueStr(ctx, meta, "main", JS_TRUE, JS_PROP_C_W_E) < 0)) {
        JS_FreeValue(ctx, meta);
        JS_FreeValue(ctx, fn);
        return fail();
    }
    JS_FreeValue(ctx, meta);
    if (JS_ResolveModule(ctx, fn) < 0)
        return fail(); /* QuickJS freed the module and fn with it */
    before = unhandled_len;
    v = JS_EvalFunction(ctx, fn);
    if (JS_IsException(v))
        return fail();
    if (JS_PromiseState(ctx, v) == JS_PROMISE_REJECTED) {
        /* a module without top-level await runs as an async function whose
           promise QuickJS reads and drops: its rejection is v's, not an
           unhandled one */
        JSValue reason = JS_PromiseResult(ctx, v);
        int i;
        for (i = unhandled_len - 1; i >= before; i--) {
            if (JS_SameValue(ctx, unhandled[i][1], reason)) {
                JS_FreeValue(ctx, unhandled[i][0]);
                JS_FreeValue(ctx, unhandled[i][1]);
                unhandled[i][0] = unhandled[--unhandled_len][0];
                unhandled[i][1] = unhandled[unhandled_len][1];
            }
        }
        JS_FreeValue(ctx, reason);
    }
    if (!(flags & EVAL_RESULT)) {
        JS_FreeValue(ctx, v);
        return settle_status();
    }
    set_call_value(v);
    module_forget();
    module_ns = JS_GetModuleNamespace(ctx, m);
    if (JS_IsException(module_ns)) {
        module_ns = JS_UNDEFINED;
        return fail();
    }
    module_default = (flags & EVAL_DEFAULT_EXPORTS) != 0;
    return settle_status();
}

/* Makes the namespace of the module just evaluated its exports. */
static int module_publish(void)
{
    JSValue global, exports = module_ns;
    int r;
    module_ns = JS_UNDEFINED;
    if (module_default) {
        JSValue d = JS_GetPropertyStr(ctx, exports, "default");
        JS_FreeValue(ctx, exports);
        if (JS_IsException(d))
            return -1;
        exports = d;
    }
    global = JS_GetGlobalObject(ctx);
    r = JS_DefinePropertyValue(ctx, global, exports_atom, exports, JS_PROP_C_W_E | JS_PROP_THROW);
    JS_FreeValue(ctx, global);
    return r < 0 ? -1 : 0;
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
        fn = JS_Eval(ctx, src, len, name, ((flags & EVAL_MODULE) ? JS_EVAL_TYPE_MODULE : JS_EVAL_TYPE_GLOBAL) |
                     JS_EVAL_FLAG_COMPILE_ONLY);
    }
    if (JS_IsException(fn))
        return fail();
    if ((JS_VALUE_GET_TAG(fn) == JS_TAG_MODULE) != ((flags & EVAL_MODULE) != 0)) {
        /* the host keys modules' bytecode apart from scripts': never reached */
        if (JS_VALUE_GET_TAG(fn) != JS_TAG_MODULE)
            JS_FreeValue(ctx, fn);
        else
            JS_FreeCompiledModule(ctx, fn);
        out_literal("bytecode of the wrong kind (module or script)");
        return ST_ERROR;
    }
    if (flags & EVAL_COMPILE_ONLY) {
        size_t n;
        out_buf = JS_WriteObject(ctx, &n, fn, JS_WRITE_OBJ_BYTECODE);
        if (flags & EVAL_MODULE)
            JS_FreeCompiledModule(ctx, fn); /* patch 0008: not left for import.meta to find */
        else
            JS_FreeValue(ctx, fn);
        if (!out_buf)
            return fail();
        out.ptr = (uint32_t)(uintptr_t)out_buf;
        out.len = n;
        return settle_status();
    }
    if (flags & EVAL_MODULE)
        return eval_module(fn, (flags & EVAL_BYTECODE) ? name : NULL, flags);
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

/* Finds globalThis.__corets_exports[name]: ST_OK with *exports and *fn
   set (the caller frees both), or the status of the failure. */
static int32_t find_export(const char *name, uint32_t nlen, JSValue *exports, JSValue *fn)
{
    JSValue global;
    JSAtom atom;

    global = JS_GetGlobalObject(ctx);
    *exports = JS_GetProperty(ctx, global, exports_atom);
    JS_FreeValue(ctx, global);
    if (JS_IsException(*exports))
        return fail();
    if (!JS_IsObject(*exports)) {
        JS_FreeValue(ctx, *exports);
        out_literal("the module has no exports (no bundle loaded?)");
        return ST_ERROR;
    }
    atom = JS_NewAtomLen(ctx, name, nlen);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, *exports);
        return fail();
    }
    *fn = JS_GetProperty(ctx, *exports, atom);
    JS_FreeAtom(ctx, atom);
    if (JS_IsException(*fn)) {
        JS_FreeValue(ctx, *exports);
        return fail();
    }
    if (!JS_IsFunction(ctx, *fn)) {
        out_literal(JS_IsUndefined(*fn) ? "no such export" : "the export is not a function");
        JS_FreeValue(ctx, *fn);
        JS_FreeValue(ctx, *exports);
        return ST_ERROR;
    }
    return ST_OK;
}

/* Calls fn, the call's result becoming the current call's value. */
static int32_t call_export(JSValueConst exports, JSValueConst fn, uint32_t argc, JSValueConst *argv)
{
    JSValue ret = JS_Call(ctx, fn, exports, (int)argc, argv);
    if (JS_IsException(ret))
        return fail();
    set_call_value(ret);
    return settle_status();
}

/* Calls globalThis.__corets_exports[name](...args). args is a JSON array
   (length 0 means no arguments). The result is read with bridge_call_state. */
static int32_t call_json(const char *name, uint32_t nlen, const char *args, uint32_t alen)
{
    JSValue exports, fn, argv_arr = JS_UNDEFINED;
    JSValue *argv = NULL;
    uint32_t argc = 0, i;
    int32_t st;

    out_reset();
    st = find_export(name, nlen, &exports, &fn);
    if (st != ST_OK)
        return st;
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
    st = call_export(exports, fn, argc, (JSValueConst *)argv);
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
        if (!JS_IsUndefined(module_ns) && module_publish() < 0) {
            call_active = 0;
            return fail();
        }
        v = JS_PromiseResult(ctx, call_value);
        break;
    case JS_PROMISE_REJECTED:
        module_forget();
        v = JS_PromiseResult(ctx, call_value);
        st = exception_status(v);
        JS_FreeValue(ctx, v);
        call_active = 0;
        return st;
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
    module_forget();
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
        int32_t st = exception_status(reason);
        JS_FreeValue(ctx, p);
        JS_FreeValue(ctx, reason);
        return st;
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
        v = new_string_utf8(ctx, data, len, 0);
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

/* ---- the hot path: a whole call in one export ---- */

/* Where bridge_run stopped: the status it returns is this step's. */
enum {
    STAGE_CALL = 0,  /* the call or the script failed */
    STAGE_JOBS = 1,  /* bridge_jobs did not finish: an error, or an unhandled
                        rejection for the host to report before it drains on */
    STAGE_STATE = 2, /* bridge_call_state's status: the result, or pending */
};

/* Packed arguments: what the host sends instead of a JSON array when every
   argument is one of these (JSON.parse and reading the array back cost more
   than a small call). A count byte, then per argument a PK_* byte and its
   payload: PK_INT a little-endian int32, PK_STRING a little-endian uint32
   length and that many bytes of valid UTF-8 (the host checks it). */
#define PACKED_MAX 16
enum {
    PK_INT = 1,
    PK_STRING = 2,
    PK_TRUE = 3,
    PK_FALSE = 4,
    PK_NULL = 5,
};

/* Reads packed arguments into argv; -1 if they are malformed. */
static int unpack_args(const uint8_t *p, uint32_t len, JSValue *argv, uint32_t *argc)
{
    uint32_t n, i, off = 1, u;
    int32_t v;
    if (len < 1 || p[0] > PACKED_MAX)
        return -1;
    n = p[0];
    for (i = 0; i < n; i++) {
        if (off >= len)
            goto bad;
        switch (p[off++]) {
        case PK_INT:
            if (len - off < 4)
                goto bad;
            memcpy(&v, p + off, 4);
            off += 4;
            argv[i] = JS_NewInt32(ctx, v);
            break;
        case PK_STRING:
            if (len - off < 4)
                goto bad;
            memcpy(&u, p + off, 4);
            off += 4;
            if (len - off < u)
                goto bad;
            argv[i] = JS_NewStringLen(ctx, (const char *)p + off, u);
            off += u;
            if (JS_IsException(argv[i]))
                goto bad;
            break;
        case PK_TRUE:
            argv[i] = JS_TRUE;
            break;
        case PK_FALSE:
            argv[i] = JS_FALSE;
            break;
        case PK_NULL:
            argv[i] = JS_NULL;
            break;
        default:
            goto bad;
        }
    }
    *argc = n;
    return 0;
bad:
    while (i > 0)
        JS_FreeValue(ctx, argv[--i]);
    return -1;
}

/* call_json with packed arguments (RUN_CALL_PACKED). */
static int32_t call_packed(const char *name, uint32_t nlen, const uint8_t *args, uint32_t alen)
{
    JSValue exports, fn, argv[PACKED_MAX];
    uint32_t argc = 0, i;
    int32_t st;

    out_reset();
    st = find_export(name, nlen, &exports, &fn);
    if (st != ST_OK)
        return st;
    if (unpack_args(args, alen, argv, &argc) < 0) {
        if (JS_HasException(ctx)) {
            st = fail(); /* out of memory making a string */
        } else {
            out_literal("malformed packed arguments");
            st = ST_ERROR;
        }
    } else {
        st = call_export(exports, fn, argc, (JSValueConst *)argv);
        for (i = 0; i < argc; i++)
            JS_FreeValue(ctx, argv[i]);
    }
    JS_FreeValue(ctx, fn);
    JS_FreeValue(ctx, exports);
    return st;
}

/* What bridge_run runs. */
enum {
    RUN_CALL = 0,        /* call_json(a, alen, b, blen) */
    RUN_CALL_PACKED = 1, /* the same with packed arguments in b */
    RUN_EVAL = 2,        /* bridge_eval(a, alen, b, flags = blen) */
};

/* bridge_fuel_set, then a call or a script, bridge_jobs and (for a call or
   an EVAL_RESULT script) bridge_call_state, in one export, with the run's
   fuel and heap figures left in out: each export call costs the host more
   than a small call's JS does, and wazero gives every export the host uses
   a call stack of its own, kept for the instance's life. */
EXPORT("bridge_run")
int32_t bridge_run(int32_t what, const char *a, uint32_t alen, const char *b, uint32_t blen,
                   int64_t fuel)
{
    int32_t st;
    int32_t stage = STAGE_CALL;
    bridge_fuel_set(fuel);
    switch (what) {
    case RUN_CALL:
        st = call_json(a, alen, b, blen);
        break;
    case RUN_CALL_PACKED:
        st = call_packed(a, alen, (const uint8_t *)b, blen);
        break;
    case RUN_EVAL:
        st = bridge_eval(a, alen, b, (int32_t)blen);
        break;
    default:
        out_reset();
        out_literal("unknown run");
        st = ST_ERROR;
        break;
    }
    if (st == ST_OK) {
        stage = STAGE_JOBS;
        st = bridge_jobs();
    }
    if (st == ST_OK && (what != RUN_EVAL || (blen & EVAL_RESULT))) {
        stage = STAGE_STATE;
        st = bridge_call_state();
    }
    out.fuel_used = bridge_fuel_used();
    out.mem_used = bridge_mem_used();
    out.stage = stage;
    return st;
}

/* ---- test262's host hooks: only the conformance runner (internal/jsengine/test262)
   calls bridge_conformance; no module can reach it. As QuickJS's run-test262 gives them. ---- */

static JSValue t262_install(JSContext *c, JSValueConst print);

static JSValue t262_detach(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JS_DetachArrayBuffer(c, argv[0]);
    return JS_UNDEFINED;
}

static JSValue t262_eval_script(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    JSValue ret;
    const char *s = JS_ToCStringLen(c, &len, argv[0]);
    if (!s)
        return JS_EXCEPTION;
    ret = JS_Eval(c, s, len, "<evalScript>", JS_EVAL_TYPE_GLOBAL);
    JS_FreeCString(c, s);
    return ret;
}

/* A new realm in the same runtime, with its own $262 and the creator's print. */
static JSValue t262_create_realm(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue global, print, ret;
    JSContext *c1 = JS_NewContext(JS_GetRuntime(c));
    if (!c1)
        return JS_ThrowOutOfMemory(c);
    global = JS_GetGlobalObject(c);
    print = JS_GetPropertyStr(c, global, "print");
    JS_FreeValue(c, global);
    ret = t262_install(c1, print);
    JS_FreeValue(c, print);
    JS_FreeContext(c1); /* $262 and its global keep the realm alive */
    return ret;
}

static JSValue t262_is_html_dda(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_NULL;
}

static JSValue t262_gc(JSContext *c, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JS_RunGC(JS_GetRuntime(c));
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry t262_funcs[] = {
    JS_CFUNC_DEF("detachArrayBuffer", 1, t262_detach),
    JS_CFUNC_DEF("evalScript", 1, t262_eval_script),
    JS_CFUNC_DEF("codePointRange", 2, js_string_codePointRange),
    JS_CFUNC_DEF("createRealm", 0, t262_create_realm),
    JS_CFUNC_DEF("gc", 0, t262_gc),
};

/* Defines $262 (and print, unless undefined) on c's global; returns $262. */
static JSValue t262_install(JSContext *c, JSValueConst print)
{
    JSValue global = JS_GetGlobalObject(c);
    JSValue obj = JS_NewObject(c);
    JSValue dda = JS_NewCFunction(c, t262_is_html_dda, "IsHTMLDDA", 0);
    JS_SetPropertyFunctionList(c, obj, t262_funcs, sizeof(t262_funcs) / sizeof(t262_funcs[0]));
    JS_SetIsHTMLDDA(c, dda);
    JS_SetPropertyStr(c, obj, "IsHTMLDDA", dda);
    JS_SetPropertyStr(c, obj, "global", JS_DupValue(c, global));
    if (!JS_IsUndefined(print))
        JS_SetPropertyStr(c, global, "print", JS_DupValue(c, print));
    JS_SetPropertyStr(c, global, "$262", JS_DupValue(c, obj));
    JS_FreeValue(c, global);
    return obj;
}

/* Installs $262 in the instance's context (print is the runner's own,
   defined before) and sets whether Atomics.wait may block. */
EXPORT("bridge_conformance")
int32_t bridge_conformance(int32_t can_block)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue print = JS_GetPropertyStr(ctx, global, "print");
    JS_FreeValue(ctx, global);
    JS_SetCanBlock(rt, can_block != 0);
    JS_FreeValue(ctx, t262_install(ctx, print));
    JS_FreeValue(ctx, print);
    return settle_status();
}
