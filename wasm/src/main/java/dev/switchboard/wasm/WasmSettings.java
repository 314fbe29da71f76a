package dev.switchboard.wasm;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.nio.file.Path;
import java.util.List;

/**
 * How WebAssembly tools are found and fenced in: the folder of modules and the sandbox's caps.
 *
 * @param dir            the folder of {@code .wasm} modules (each with its {@code <name>.json} manifest); {@code null} for none
 * @param readOnlyDir    a host directory the modules may read, seen by them as {@code /data}; {@code null} for no filesystem at all
 * @param maxMemoryPages the cap on a module's linear memory, in 64 KiB pages
 * @param timeoutMs      the cap on one call's running time; past it the module is interrupted
 * @param maxOutputBytes the cap on what one call writes to stdout; past it the module is stopped
 * @param poolSize       ready instances kept per module
 * @param watch          reload a module when its file or manifest changes
 */
public record WasmSettings(Path dir, Path readOnlyDir, int maxMemoryPages, long timeoutMs, int maxOutputBytes,
                           int poolSize, boolean watch) {

    public static final ConfigKey<String> DIR = ConfigKey.string("wasm.dir", "",
            "folder of WebAssembly (WASI preview 1) modules served as tools, each with a <name>.json manifest; empty for none");
    public static final ConfigKey<String> READ_ONLY_DIR = ConfigKey.string("wasm.readOnlyDir", "",
            "host directory WebAssembly tools may read (as /data; writes are refused); empty for no filesystem");
    public static final ConfigKey<Integer> MAX_MEMORY_PAGES = ConfigKey.integer("wasm.maxMemoryPages", 256, 1, 65_536,
            "cap on a WebAssembly tool's memory in 64 KiB pages (256 = 16 MiB)");
    public static final ConfigKey<Long> TIMEOUT_MS = ConfigKey.longInteger("wasm.timeoutMs", 5_000, 1, 600_000,
            "cap on one WebAssembly tool call's running time; past it the module is interrupted");
    public static final ConfigKey<Integer> MAX_OUTPUT_BYTES = ConfigKey.integer("wasm.maxOutputBytes", 1_048_576, 16, 67_108_864,
            "cap on the bytes one WebAssembly tool call writes to stdout");
    public static final ConfigKey<Integer> POOL_SIZE = ConfigKey.integer("wasm.poolSize", 8, 1, 1_024,
            "ready instances kept per WebAssembly module");
    public static final ConfigKey<Boolean> WATCH = ConfigKey.bool("wasm.watch", true,
            "reload a WebAssembly tool when its module or manifest changes");
    public static final List<ConfigKey<?>> KEYS = List.of(DIR, READ_ONLY_DIR, MAX_MEMORY_PAGES, TIMEOUT_MS, MAX_OUTPUT_BYTES, POOL_SIZE, WATCH);

    public WasmSettings {
        if (maxMemoryPages < 1 || maxMemoryPages > 65_536) throw new IllegalArgumentException("maxMemoryPages must be in 1..65536");
        if (timeoutMs < 1) throw new IllegalArgumentException("timeoutMs must be positive");
        if (maxOutputBytes < 1) throw new IllegalArgumentException("maxOutputBytes must be positive");
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be positive");
    }

    /** The defaults for the modules in {@code dir}. */
    public static WasmSettings of(Path dir) {
        return new WasmSettings(dir, null, MAX_MEMORY_PAGES.defaultValue(), TIMEOUT_MS.defaultValue(),
                MAX_OUTPUT_BYTES.defaultValue(), POOL_SIZE.defaultValue(), WATCH.defaultValue());
    }

    /** The settings a configuration names; {@link #dir()} is {@code null} when {@code wasm.dir} is empty. */
    public static WasmSettings from(Config c) {
        return new WasmSettings(path(c.get(DIR)), path(c.get(READ_ONLY_DIR)), c.get(MAX_MEMORY_PAGES), c.get(TIMEOUT_MS),
                c.get(MAX_OUTPUT_BYTES), c.get(POOL_SIZE), c.get(WATCH));
    }

    private static Path path(String text) {
        return text == null || text.isBlank() ? null : Path.of(text);
    }

    public WasmSettings withReadOnlyDir(Path dir) {
        return new WasmSettings(this.dir, dir, maxMemoryPages, timeoutMs, maxOutputBytes, poolSize, watch);
    }

    public WasmSettings withMaxMemoryPages(int pages) {
        return new WasmSettings(dir, readOnlyDir, pages, timeoutMs, maxOutputBytes, poolSize, watch);
    }

    public WasmSettings withTimeoutMs(long ms) {
        return new WasmSettings(dir, readOnlyDir, maxMemoryPages, ms, maxOutputBytes, poolSize, watch);
    }

    public WasmSettings withMaxOutputBytes(int bytes) {
        return new WasmSettings(dir, readOnlyDir, maxMemoryPages, timeoutMs, bytes, poolSize, watch);
    }

    public WasmSettings withWatch(boolean on) {
        return new WasmSettings(dir, readOnlyDir, maxMemoryPages, timeoutMs, maxOutputBytes, poolSize, on);
    }
}
