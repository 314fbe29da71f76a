package dev.switchboard.wasm;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns WebAssembly text ({@code .wat}) into a binary module with WABT's {@code wat2wasm}, itself a
 * WebAssembly program that {@code com.dylibso.chicory:wabt} ships compiled to JVM classes. So the
 * examples build from source on any machine with a JDK, with no native toolchain.
 *
 * <p>wabt's newest release (1.0.0) was built against Chicory 1.0; its classes run unchanged on the
 * Chicory 1.7.5 runtime we use ({@code WatCompilerTest} would fail first if that stopped being so).
 */
public final class WatCompiler {
    private static final System.Logger LOG = System.getLogger(WatCompiler.class.getName());

    private final WasmModule module;

    private WatCompiler(WasmModule module) {
        this.module = module;
    }

    /** Loads {@code wat2wasm} once (under a second); the compiler is then reusable. */
    public static WatCompiler load() {
        return new WatCompiler(com.dylibso.chicory.wabt.Wat2WasmModule.load());
    }

    /** The binary module for {@code watSource}; a syntax error is an {@link IllegalArgumentException} with wat2wasm's message. */
    public byte[] compile(String watSource) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("wat2wasm");
            Files.writeString(dir.resolve("module.wat"), watSource, StandardCharsets.UTF_8);
            return run(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Compiles {@code source} ({@code x.wat}) to {@code target} ({@code x.wasm}). */
    public void compile(Path source, Path target) throws IOException {
        byte[] wasm = compile(Files.readString(source, StandardCharsets.UTF_8));
        Files.write(target, wasm);
    }

    private byte[] run(Path dir) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        WasiOptions options = WasiOptions.builder()
                .withStdout(out)
                .withStderr(err)
                .withDirectory("/src", dir)
                .withArguments(List.of("wat2wasm", "/src/module.wat", "--output=-"))
                .build();
        int exit = 0;
        try (var wasi = WasiPreview1.builder().withOptions(options).build()) {
            ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
            Instance.builder(module).withMachineFactory(com.dylibso.chicory.wabt.Wat2WasmModule::create).withImportValues(imports).build();
        } catch (WasiExitException e) {
            exit = e.exitCode();
        }
        if (exit != 0 || out.size() == 0) {
            String message = err.toString(StandardCharsets.UTF_8).strip();
            LOG.log(System.Logger.Level.DEBUG, "wat2wasm failed: {0}", message);
            throw new IllegalArgumentException("wat2wasm: " + (message.isEmpty() ? "exit " + exit : message));
        }
        return out.toByteArray();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete {0}: {1}", dir, e.getMessage());
        }
    }
}
