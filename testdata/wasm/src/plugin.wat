;; plugin.wat: a hand-written Extism plugin that uses CoreTS-Wasm's host
;; functions (import module "corets"). Each capability export passes its
;; input, a JSON request, to one host function; an error answer goes to
;; error_set (so the call fails with the host's own error text), any other
;; answer becomes the output. The last exports misbehave on purpose, for
;; the tests: a loop, a memory hog, and forged offsets.
(module
  (import "extism:host/env" "input_length" (func $input_length (result i64)))
  (import "extism:host/env" "input_load_u8" (func $input_load_u8 (param i64) (result i32)))
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "length" (func $length (param i64) (result i64)))
  (import "extism:host/env" "load_u8" (func $load_u8 (param i64) (result i32)))
  (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
  (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
  (import "extism:host/env" "error_set" (func $error_set (param i64)))
  (import "corets" "file_read" (func $file_read (param i64) (result i64)))
  (import "corets" "file_write" (func $file_write (param i64) (result i64)))
  (import "corets" "file_list" (func $file_list (param i64) (result i64)))
  (import "corets" "store_get" (func $store_get (param i64) (result i64)))
  (import "corets" "store_set" (func $store_set (param i64) (result i64)))
  (import "corets" "store_delete" (func $store_delete (param i64) (result i64)))
  (import "corets" "log" (func $log (param i64) (result i64)))
  (import "corets" "fetch" (func $fetch (param i64) (result i64)))
  (import "corets" "process_start" (func $process_start (param i64) (result i64)))
  (import "corets" "process_wait" (func $process_wait (param i64) (result i64)))

  (memory (export "memory") 1)

  ;; $input copies the call's input into a new block and returns its offset.
  (func $input (result i64)
    (local $n i64) (local $i i64) (local $blk i64)
    (local.set $n (call $input_length))
    (local.set $blk (call $alloc (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
        (call $store_u8 (i64.add (local.get $blk) (local.get $i))
                        (call $input_load_u8 (local.get $i)))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $next)))
    (local.get $blk))

  ;; $is_error: an answer is {"ok":...} or {"error":...}; byte 2 tells.
  (func $is_error (param $answer i64) (result i32)
    (if (i64.eqz (local.get $answer)) (then (return (i32.const 1))))
    (i32.eq (call $load_u8 (i64.add (local.get $answer) (i64.const 2))) (i32.const 0x65)))

  ;; $pass ends a call with an answer: error_set for an error, else output.
  (func $pass (param $answer i64) (result i32)
    (if (i64.eqz (local.get $answer)) (then unreachable))
    (if (call $is_error (local.get $answer))
      (then (call $error_set (local.get $answer)) (return (i32.const 1))))
    (call $output_set (local.get $answer) (call $length (local.get $answer)))
    (i32.const 0))

  (func (export "echo") (result i32)
    (local $blk i64)
    (local.set $blk (call $input))
    (call $output_set (local.get $blk) (call $length (local.get $blk)))
    (i32.const 0))
  (func (export "read") (result i32) (call $pass (call $file_read (call $input))))
  (func (export "write") (result i32) (call $pass (call $file_write (call $input))))
  (func (export "list") (result i32) (call $pass (call $file_list (call $input))))
  (func (export "store_get") (result i32) (call $pass (call $store_get (call $input))))
  (func (export "store_set") (result i32) (call $pass (call $store_set (call $input))))
  (func (export "store_delete") (result i32) (call $pass (call $store_delete (call $input))))
  (func (export "log") (result i32) (call $pass (call $log (call $input))))
  (func (export "fetch") (result i32) (call $pass (call $fetch (call $input))))
  (func (export "process_start") (result i32) (call $pass (call $process_start (call $input))))
  (func (export "process_wait") (result i32) (call $pass (call $process_wait (call $input))))

  ;; spin never returns: the timeout must stop it.
  (func (export "spin") (result i32)
    (loop $forever (br $forever))
    (i32.const 0))

  ;; hog grows memory a page at a time; at the cap memory.grow answers -1
  ;; and, like a language runtime out of memory, the plugin traps.
  (func (export "hog") (result i32)
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    unreachable)

  ;; forged hands our host functions offsets that name no block: zero, past
  ;; memory, past 32 bits, and the inside of a real block. Every answer must
  ;; be an error; the last one is the output.
  (func (export "forged") (result i32)
    (local $blk i64) (local $answer i64)
    (local.set $blk (call $input))
    (if (i32.eqz (call $is_error (call $file_read (i64.const 0)))) (then (return (i32.const 2))))
    (if (i32.eqz (call $is_error (call $store_get (i64.const 0xfffffff0)))) (then (return (i32.const 3))))
    (if (i32.eqz (call $is_error (call $file_write (i64.const 0x10000000010)))) (then (return (i32.const 4))))
    (if (i32.eqz (call $is_error (call $log (i64.const -1)))) (then (return (i32.const 5))))
    (local.set $answer (call $file_read (i64.add (local.get $blk) (i64.const 1))))
    (if (i32.eqz (call $is_error (local.get $answer))) (then (return (i32.const 6))))
    (call $output_set (local.get $answer) (call $length (local.get $answer)))
    (i32.const 0))

  ;; forged_output names an output far outside memory.
  (func (export "forged_output") (result i32)
    (call $output_set (i64.const 0xffffff00) (i64.const 0xffffffff))
    (i32.const 0))
)
