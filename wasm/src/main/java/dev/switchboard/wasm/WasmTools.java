package dev.switchboard.wasm;

import dev.switchboard.mcp.McpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves a folder of WebAssembly modules as tools of an {@link McpServer}.
 *
 * <p>Each {@code <name>.wasm} is a WASI preview 1 command beside its manifest {@code <name>.json}
 * (see {@code docs/wasm.md}); a {@code <name>.wat} with no {@code .wasm} beside it is built with
 * {@link WatCompiler} at load. A call's arguments arrive as JSON on stdin, the module writes its
 * result as JSON on stdout (an object becomes structured content and text), stderr goes to the
 * log. Modules run in a sandbox: no network, no host filesystem unless
 * {@link WasmSettings#readOnlyDir()} maps one read-only, and caps on memory, time and output.
 * A module that cannot be served is refused with its path and reason ({@link #refused()}) while
 * the others serve; with {@link WasmSettings#watch()} a changed, added or deleted file is
 * reloaded, added or removed at run time.
 *
 * <pre>{@code
 * try (WasmTools wasm = WasmTools.start(server, WasmSettings.of(Path.of("tools")))) { ... }
 * }</pre>
 */
public final class WasmTools implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WasmTools.class.getName());

    private final McpServer server;
    private final WasmSettings settings;
    private final ObjectMapper json = JsonMapper.builder().build();
    /** Served modules by file; each tool's handler reads its reference, so a reload swaps code without a gap. */
    private final Map<Path, AtomicReference<CompiledTool>> served = new HashMap<>();
    private final Map<Path, String> refused = new ConcurrentHashMap<>();
    private final FolderWatch watch;
    private WatCompiler wat2wasm;

    private WasmTools(McpServer server, WasmSettings settings) {
        this.server = server;
        this.settings = settings;
        if (settings.dir() == null) throw new IllegalArgumentException("wasm.dir is not set");
        if (!Files.isDirectory(settings.dir())) throw new IllegalArgumentException("wasm.dir " + settings.dir() + " is not a directory");
        if (settings.readOnlyDir() != null && !Files.isDirectory(settings.readOnlyDir()))
            throw new IllegalArgumentException("wasm.readOnlyDir " + settings.readOnlyDir() + " is not a directory");
        for (Path wasm : modules()) load(wasm);
        this.watch = settings.watch() ? FolderWatch.start(settings.dir(), this::changed) : null;
    }

    /** Loads every module of {@code settings.dir()} into {@code server}; refused modules are logged, not thrown. */
    public static WasmTools start(McpServer server, WasmSettings settings) {
        return new WasmTools(server, settings);
    }

    /** The names of the tools served now. */
    public synchronized Set<String> tools() {
        Set<String> names = new TreeSet<>();
        for (AtomicReference<CompiledTool> t : served.values()) names.add(t.get().manifest().name());
        return names;
    }

    /** The modules refused at their last load: path to reason. */
    public Map<Path, String> refused() {
        return Map.copyOf(refused);
    }

    private Iterable<Path> modules() {
        try (Stream<Path> files = Files.list(settings.dir())) {
            return files.filter(WasmTools::isModule).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list wasm.dir " + settings.dir(), e);
        }
    }

    /** A {@code .wasm} file, or a {@code .wat} file with no {@code .wasm} beside it (built at load). */
    private static boolean isModule(Path p) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p)) return false;
        return name.endsWith(".wasm") || name.endsWith(".wat") && !Files.exists(p.resolveSibling(name.replaceFirst("\\.wat$", ".wasm")));
    }

    /** A file of the folder changed: reload, add or remove the module it belongs to. */
    void changed(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) return;
        String stem = name.substring(0, dot);
        String ext = name.substring(dot + 1);
        if (!ext.equals("json") && !ext.equals("wasm") && !ext.equals("wat")) return;
        Path wasm = settings.dir().resolve(stem + ".wasm");
        Path wat = settings.dir().resolve(stem + ".wat");
        if (isModule(wasm)) {
            unloadIfServed(wat);
            load(wasm);
        } else if (isModule(wat)) {
            unloadIfServed(wasm);
            load(wat);
        } else {
            unload(wasm);
            unload(wat);
        }
    }

    private synchronized void unloadIfServed(Path module) {
        if (served.containsKey(module)) unload(module);
    }

    private byte[] bytesOf(Path module) throws IOException {
        if (!module.getFileName().toString().endsWith(".wat")) return Files.readAllBytes(module);
        synchronized (this) {
            if (wat2wasm == null) wat2wasm = WatCompiler.load();
        }
        return wat2wasm.compile(Files.readString(module));
    }

    synchronized void load(Path wasm) {
        CompiledTool next;
        try {
            ToolManifest manifest = ToolManifest.read(wasm, json);
            Path owner = ownerOf(manifest.name());
            if (owner != null && !owner.equals(wasm))
                throw new IllegalArgumentException("tool name '" + manifest.name() + "' is already served by " + owner);
            next = CompiledTool.load(wasm, bytesOf(wasm), manifest, settings, json);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            refuse(wasm, e.getMessage());
            return;
        }
        AtomicReference<CompiledTool> current = served.get(wasm);
        try {
            if (current != null && current.get().definition().equals(next.definition())) {
                current.set(next);
            } else {
                if (current != null) server.removeTool(current.get().manifest().name());
                AtomicReference<CompiledTool> ref = new AtomicReference<>(next);
                served.remove(wasm);
                server.addTool(next.definition(), (args, context) -> ref.get().call(args));
                served.put(wasm, ref);
            }
        } catch (IllegalArgumentException e) {
            refuse(wasm, e.getMessage());
            return;
        }
        refused.remove(wasm);
        LOG.log(System.Logger.Level.INFO, "WebAssembly tool {0} {1} from {2}", next.manifest().name(), current == null ? "loaded" : "reloaded", wasm);
    }

    private void refuse(Path wasm, String reason) {
        refused.put(wasm, reason);
        LOG.log(System.Logger.Level.WARNING, "WebAssembly module {0} refused: {1}", wasm, reason);
    }

    private Path ownerOf(String toolName) {
        for (Map.Entry<Path, AtomicReference<CompiledTool>> e : served.entrySet())
            if (e.getValue().get().manifest().name().equals(toolName)) return e.getKey();
        return null;
    }

    synchronized void unload(Path wasm) {
        refused.remove(wasm);
        AtomicReference<CompiledTool> gone = served.remove(wasm);
        if (gone == null) return;
        server.removeTool(gone.get().manifest().name());
        LOG.log(System.Logger.Level.INFO, "WebAssembly tool {0} removed: {1} is gone", gone.get().manifest().name(), wasm);
    }

    /** Stops the watch and removes the tools this folder added. */
    @Override
    public synchronized void close() {
        if (watch != null) watch.close();
        for (AtomicReference<CompiledTool> t : served.values()) server.removeTool(t.get().manifest().name());
        served.clear();
    }
}
