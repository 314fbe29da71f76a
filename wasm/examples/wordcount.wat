;; wordcount: counts the words and characters of a text, a text tool.
;; stdin:  {"text": "the quick brown fox"}   (the string after the key "text"; JSON escapes
;;         are understood: \n \t \r separate words, \uXXXX counts as one character)
;; stdout: {"words":4,"characters":19}
;; A bad input writes a reason to stderr and exits with status 1.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; 0..15 iovec, 16 nread/nwritten, 64.. constants, 512..1023 output, 1024.. input (grows)
  (data (i32.const 64) "\"text\"")
  (data (i32.const 80) "{\"words\":")
  (data (i32.const 96) ",\"characters\":")
  (data (i32.const 112) "}\n")
  (data (i32.const 128) "expected {\"text\": \"<a string>\"}\n")

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
    (call $write (i32.const 2) (i32.const 128) (i32.const 32))
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

  (func (export "_start")
    (local $len i32) (local $end i32) (local $i i32) (local $c i32) (local $out i32)
    (local $words i64) (local $chars i64) (local $inWord i32) (local $space i32)
    (local.set $len (call $read_all))
    (local.set $end (i32.add (i32.const 1024) (local.get $len)))
    (local.set $i (call $find (i32.const 1024) (local.get $end) (i32.const 64) (i32.const 6)))
    (if (i32.lt_s (local.get $i) (i32.const 0)) (then (call $bad)))
    ;; skip the colon and blanks up to the opening quote
    (block $open
      (loop $skip
        (if (i32.ge_u (local.get $i) (local.get $end)) (then (call $bad)))
        (local.set $c (i32.load8_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $open (i32.eq (local.get $c) (i32.const 34)))
        (if (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 58)) (i32.eq (local.get $c) (i32.const 32)))
                             (i32.or (i32.eq (local.get $c) (i32.const 9)) (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13))))))
          (then (call $bad)))
        (br $skip)))
    (block $closed
      (loop $char
        (if (i32.ge_u (local.get $i) (local.get $end)) (then (call $bad)))
        (local.set $c (i32.load8_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $closed (i32.eq (local.get $c) (i32.const 34)))
        (local.set $space (i32.or (i32.eq (local.get $c) (i32.const 32))
                                  (i32.or (i32.eq (local.get $c) (i32.const 9)) (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13))))))
        (if (i32.eq (local.get $c) (i32.const 92))
          (then
            (if (i32.ge_u (local.get $i) (local.get $end)) (then (call $bad)))
            (local.set $c (i32.load8_u (local.get $i)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $space (i32.or (i32.eq (local.get $c) (i32.const 110))
                                      (i32.or (i32.eq (local.get $c) (i32.const 116)) (i32.eq (local.get $c) (i32.const 114)))))
            (if (i32.eq (local.get $c) (i32.const 117)) (then (local.set $i (i32.add (local.get $i) (i32.const 4)))))))
        ;; a UTF-8 continuation byte is part of the character before it
        (if (i32.ne (i32.and (local.get $c) (i32.const 192)) (i32.const 128))
          (then (local.set $chars (i64.add (local.get $chars) (i64.const 1)))))
        (if (local.get $space)
          (then (local.set $inWord (i32.const 0)))
          (else
            (if (i32.eqz (local.get $inWord))
              (then (local.set $words (i64.add (local.get $words) (i64.const 1)))))
            (local.set $inWord (i32.const 1))))
        (br $char)))
    (local.set $out (call $put (i32.const 512) (i32.const 80) (i32.const 9)))
    (local.set $out (call $put_num (local.get $out) (local.get $words)))
    (local.set $out (call $put (local.get $out) (i32.const 96) (i32.const 14)))
    (local.set $out (call $put_num (local.get $out) (local.get $chars)))
    (local.set $out (call $put (local.get $out) (i32.const 112) (i32.const 2)))
    (call $write (i32.const 1) (i32.const 512) (i32.sub (local.get $out) (i32.const 512)))))
