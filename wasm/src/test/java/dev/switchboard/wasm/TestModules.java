package dev.switchboard.wasm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Builds the example modules from their WAT sources (once per JVM) and writes small test modules. */
final class TestModules {
    static final Path EXAMPLES = Path.of("examples");
    private static WatCompiler compiler;

    private TestModules() {}

    static synchronized WatCompiler compiler() {
        if (compiler == null) compiler = WatCompiler.load();
        return compiler;
    }

    /** Compiles every {@code examples/*.wat} into {@code dir} beside a copy of its manifest. */
    static void examplesInto(Path dir) {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path wat : files.filter(p -> p.toString().endsWith(".wat")).toList()) {
                String stem = wat.getFileName().toString().replace(".wat", "");
                compiler().compile(wat, dir.resolve(stem + ".wasm"));
                Files.copy(EXAMPLES.resolve(stem + ".json"), dir.resolve(stem + ".json"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <name>.wasm} compiled from {@code wat} and a manifest that accepts any object. */
    static Path write(Path dir, String name, String wat) {
        try {
            Files.writeString(dir.resolve(name + ".json"), manifest(name));
            Path target = dir.resolve(name + ".wasm");
            Path tmp = dir.resolve(name + ".wasm.tmp");
            Files.write(tmp, compiler().compile(wat));
            return Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String manifest(String name) {
        return "{\"name\":\"" + name + "\",\"description\":\"test module " + name + "\",\"inputSchema\":{\"type\":\"object\"}}";
    }

    private static final String WASI = "(import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))\n";

    /** A module that writes {@code json} (no quotes or backslashes escaped: keep it simple) to stdout. */
    static String constant(String json) {
        String escaped = json.replace("\"", "\\\"");
        return "(module " + WASI + "(memory 1) (data (i32.const 64) \"" + escaped + "\")\n"
                + "(func (export \"_start\") (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const " + json.length() + "))\n"
                + "(drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))))";
    }

    /** Counts its calls in a mutable global and in memory, and prints {@code {"global":g,"memory":m}} (one digit each). */
    static final String COUNTER = "(module " + WASI + "(memory 1) (global $g (mut i32) (i32.const 0))\n"
            + "(data (i32.const 64) \"{\\\"global\\\":0,\\\"memory\\\":0}\")\n"
            + "(func (export \"_start\")\n"
            + " (global.set $g (i32.add (global.get $g) (i32.const 1)))\n"
            + " (i32.store8 (i32.const 500) (i32.add (i32.load8_u (i32.const 500)) (i32.const 1)))\n"
            + " (i32.store8 (i32.const 74) (i32.add (i32.const 48) (global.get $g)))\n"
            + " (i32.store8 (i32.const 85) (i32.add (i32.const 48) (i32.load8_u (i32.const 500))))\n"
            + " (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const 23))\n"
            + " (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))))";

    /** Writes {@code note from the module} to stderr and {@code {}} to stdout. */
    static final String STDERR = "(module " + WASI + "(memory 1) (data (i32.const 64) \"note from the module\\n\") (data (i32.const 96) \"{}\")\n"
            + "(func (export \"_start\")\n"
            + " (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const 21))\n"
            + " (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 16)))\n"
            + " (i32.store (i32.const 0) (i32.const 96)) (i32.store (i32.const 4) (i32.const 2))\n"
            + " (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))))";

    static final String SPIN = "(module (memory 1) (func (export \"_start\") (loop $l (br $l))))";

    static final String GROW = "(module (memory 1) (func (export \"_start\")"
            + " (loop $l (br_if $l (i32.ge_s (memory.grow (i32.const 1)) (i32.const 0)))) unreachable))";

    static final String FLOOD = "(module " + WASI + "(memory 2) (func (export \"_start\")"
            + " (i32.store (i32.const 0) (i32.const 1024)) (i32.store (i32.const 4) (i32.const 65536))"
            + " (loop $l (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16))) (br $l))))";

    /**
     * Tries to read {@code secret.txt} and to create {@code created.txt} in the first preopened
     * directory (fd 3) and prints {@code {"read":errno,"bytes":n,"create":errno}}.
     */
    static final String FILES = "(module " + WASI
            + "(import \"wasi_snapshot_preview1\" \"path_open\" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))\n"
            + "(import \"wasi_snapshot_preview1\" \"fd_read\" (func $read (param i32 i32 i32 i32) (result i32)))\n"
            + "(memory 1)\n"
            + "(data (i32.const 100) \"secret.txt\") (data (i32.const 120) \"created.txt\")\n"
            + "(data (i32.const 200) \"{\\\"read\\\": 0,\\\"bytes\\\": 0,\\\"create\\\": 0}\")\n"
            + "(func $two (param $at i32) (param $v i32)"
            + " (i32.store8 (local.get $at) (select (i32.const 32) (i32.add (i32.const 48) (i32.div_u (local.get $v) (i32.const 10))) (i32.lt_u (local.get $v) (i32.const 10))))"
            + " (i32.store8 (i32.add (local.get $at) (i32.const 1)) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10)))))\n"
            + "(func (export \"_start\") (local $e i32)\n"
            + " (local.set $e (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 10) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 32)))\n"
            + " (call $two (i32.const 208) (local.get $e))\n"
            + " (if (i32.eqz (local.get $e)) (then"
            + "   (i32.store (i32.const 0) (i32.const 1024)) (i32.store (i32.const 4) (i32.const 99))"
            + "   (drop (call $read (i32.load (i32.const 32)) (i32.const 0) (i32.const 1) (i32.const 16)))"
            + "   (call $two (i32.const 219) (i32.load (i32.const 16)))))\n"
            + " (call $two (i32.const 231) (call $open (i32.const 3) (i32.const 0) (i32.const 120) (i32.const 11) (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 32)))\n"
            + " (i32.store (i32.const 0) (i32.const 200)) (i32.store (i32.const 4) (i32.const 34))\n"
            + " (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))))";

    static final String FOREIGN_IMPORT = "(module (import \"env\" \"secret\" (func $s)) (func (export \"_start\") (call $s)))";
}
