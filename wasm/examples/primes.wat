;; primes: counts the primes up to n by trial division, a compute-bound tool.
;; stdin:  {"n": 100000}          (the first integer after the key "n"; 0..100000000)
;; stdout: {"n":100000,"primes":9592}
;; A bad input writes a reason to stderr and exits with status 1.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; 0..15 iovec, 16 nread/nwritten, 64.. constants, 512..1023 output, 1024.. input
  (data (i32.const 64) "\"n\"")
  (data (i32.const 80) "{\"n\":")
  (data (i32.const 96) ",\"primes\":")
  (data (i32.const 112) "}\n")
  (data (i32.const 128) "expected {\"n\": <integer up to 100000000>}\n")

  (func $read_all (result i32)
    (local $len i32) (local $n i32) (local $room i32)
    (loop $more
      (local.set $room (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.add (i32.const 1024) (local.get $len))))
      (if (i32.lt_u (local.get $room) (i32.const 4096))
        (then
          (if (i32.lt_s (memory.grow (i32.const 1)) (i32.const 0)) (then (call $proc_exit (i32.const 2))))
          (local.set $room (i32.add (local.get $room) (i32.const 65536)))))
      (i32.store (i32.const 0) (i32.add (i32.const 1024) (local.get $len)))
      (i32.store (i32.const 4) (local.get $room))
      (if (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)) (then (call $proc_exit (i32.const 3))))
      (local.set $n (i32.load (i32.const 16)))
      (local.set $len (i32.add (local.get $len) (local.get $n)))
      (br_if $more (local.get $n)))
    (local.get $len))

  (func $write (param $fd i32) (param $addr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $addr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 16))))

  (func $bad
    (call $write (i32.const 2) (i32.const 128) (i32.const 42))
    (call $proc_exit (i32.const 1)))

  ;; position just after the first occurrence of [key, key+klen) in [start, end), or -1
  (func $find (param $start i32) (param $end i32) (param $key i32) (param $klen i32) (result i32)
    (local $i i32) (local $j i32)
    (local.set $i (local.get $start))
    (block $none
      (loop $scan
        (br_if $none (i32.gt_u (i32.add (local.get $i) (local.get $klen)) (local.get $end)))
        (local.set $j (i32.const 0))
        (block $miss
          (loop $cmp
            (br_if $miss (i32.ne (i32.load8_u (i32.add (local.get $i) (local.get $j)))
                                 (i32.load8_u (i32.add (local.get $key) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $cmp (i32.lt_u (local.get $j) (local.get $klen))))
          (return (i32.add (local.get $i) (local.get $klen))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (i32.const -1))

  (func $put (param $pos i32) (param $src i32) (param $len i32) (result i32)
    (local $i i32)
    (block $done
      (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (i32.store8 (i32.add (local.get $pos) (local.get $i)) (i32.load8_u (i32.add (local.get $src) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (i32.add (local.get $pos) (local.get $len)))

  (func $put_num (param $pos i32) (param $v i64) (result i32)
    (local $start i32) (local $end i32) (local $t i32)
    (local.set $start (local.get $pos))
    (loop $digit
      (i32.store8 (local.get $pos) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (local.set $end (i32.sub (local.get $pos) (i32.const 1)))
    (block $done
      (loop $rev
        (br_if $done (i32.ge_u (local.get $start) (local.get $end)))
        (local.set $t (i32.load8_u (local.get $start)))
        (i32.store8 (local.get $start) (i32.load8_u (local.get $end)))
        (i32.store8 (local.get $end) (local.get $t))
        (local.set $start (i32.add (local.get $start) (i32.const 1)))
        (local.set $end (i32.sub (local.get $end) (i32.const 1)))
        (br $rev)))
    (local.get $pos))

  ;; the primes in [2, n], by trial division with odd divisors up to the square root
  (func $count_primes (export "count_primes") (param $n i64) (result i64)
    (local $p i64) (local $d i64) (local $count i64)
    (if (i64.lt_u (local.get $n) (i64.const 2)) (then (return (i64.const 0))))
    (local.set $count (i64.const 1))
    (local.set $p (i64.const 3))
    (block $end
      (loop $next
        (br_if $end (i64.gt_u (local.get $p) (local.get $n)))
        (local.set $d (i64.const 3))
        (block $prime
          (block $composite
            (loop $div
              (br_if $prime (i64.gt_u (i64.mul (local.get $d) (local.get $d)) (local.get $p)))
              (br_if $composite (i64.eqz (i64.rem_u (local.get $p) (local.get $d))))
              (local.set $d (i64.add (local.get $d) (i64.const 2)))
              (br $div)))
          (local.set $p (i64.add (local.get $p) (i64.const 2)))
          (br $next))
        (local.set $count (i64.add (local.get $count) (i64.const 1)))
        (local.set $p (i64.add (local.get $p) (i64.const 2)))
        (br $next)))
    (local.get $count))

  (func (export "_start")
    (local $len i32) (local $end i32) (local $i i32) (local $c i32) (local $n i64) (local $digits i32) (local $out i32)
    (local.set $len (call $read_all))
    (local.set $end (i32.add (i32.const 1024) (local.get $len)))
    (local.set $i (call $find (i32.const 1024) (local.get $end) (i32.const 64) (i32.const 3)))
    (if (i32.lt_s (local.get $i) (i32.const 0)) (then (call $bad)))
    ;; skip to the first digit
    (block $found
      (loop $skip
        (if (i32.ge_u (local.get $i) (local.get $end)) (then (call $bad)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $found (i32.and (i32.ge_u (local.get $c) (i32.const 48)) (i32.le_u (local.get $c) (i32.const 57))))
        ;; only a colon and blanks may stand between the key and the number
        (if (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 58)) (i32.eq (local.get $c) (i32.const 32)))
                             (i32.or (i32.eq (local.get $c) (i32.const 9)) (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13))))))
          (then (call $bad)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $skip)))
    (block $parsed
      (loop $num
        (br_if $parsed (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $parsed (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57))))
        (local.set $n (i64.add (i64.mul (local.get $n) (i64.const 10)) (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48)))))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (if (i32.gt_u (local.get $digits) (i32.const 9)) (then (call $bad)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $num)))
    (if (i64.gt_u (local.get $n) (i64.const 100000000)) (then (call $bad)))
    (local.set $out (call $put (i32.const 512) (i32.const 80) (i32.const 5)))
    (local.set $out (call $put_num (local.get $out) (local.get $n)))
    (local.set $out (call $put (local.get $out) (i32.const 96) (i32.const 10)))
    (local.set $out (call $put_num (local.get $out) (call $count_primes (local.get $n))))
    (local.set $out (call $put (local.get $out) (i32.const 112) (i32.const 2)))
    (call $write (i32.const 1) (i32.const 512) (i32.sub (local.get $out) (i32.const 512)))))
