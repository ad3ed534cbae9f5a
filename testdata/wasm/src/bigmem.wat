;; bigmem.wat: a plugin whose memory starts at 128 MiB, above the 64 MiB
;; default cap: loading it must fail with a clear error.
(module
  (memory (export "memory") 2048)
  (func (export "echo") (result i32) (i32.const 0)))
