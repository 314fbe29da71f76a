package dev.switchboard.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.switchboard.mcp.protocol.Tools;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One module, parsed, checked and compiled to JVM bytecode once, with its pool of instances. The
 * checks happen at load so a bad module is refused with its reason before it is served: it must
 * export {@code _start}, import nothing but WASI preview 1, and start within the memory cap; one
 * instance is built then, which also runs its data segments and start-up code once.
 */
final class CompiledTool {
    private static final System.Logger LOG = System.getLogger(CompiledTool.class.getName());
    static final String WASI = "wasi_snapshot_preview1";

    private final Path path;
    private final ToolManifest manifest;
    private final WasmModule module;
    private final Function<Instance, Machine> machines;
    private final MemoryLimits limits;
    private final WasmSettings sandbox;
    private final ArrayBlockingQueue<PooledInstance> pool;
    private final ObjectMapper json;
    /** The memory right after the first instantiation; written once at load, before any call. */
    private volatile byte[] snapshot;

    private CompiledTool(Path path, ToolManifest manifest, WasmModule module, MemoryLimits limits, WasmSettings sandbox, ObjectMapper json) {
        this.path = path;
        this.manifest = manifest;
        this.module = module;
        this.limits = limits;
        this.sandbox = sandbox;
        this.json = json;
        this.machines = MachineFactoryCompiler.compile(module);
        this.pool = new ArrayBlockingQueue<>(sandbox.poolSize());
    }

    /** Loads {@code bytes} (the file at {@code path}); an {@link IllegalArgumentException}'s message says why it is refused. */
    static CompiledTool load(Path path, byte[] bytes, ToolManifest manifest, WasmSettings sandbox, ObjectMapper json) {
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a WebAssembly module: " + e.getMessage());
        }
        String foreign = module.importSection().stream()
                .filter(i -> !i.module().equals(WASI) || i.importType() != ExternalType.FUNCTION)
                .map(i -> i.module() + "." + i.name())
                .collect(Collectors.joining(", "));
        if (!foreign.isEmpty()) throw new IllegalArgumentException("imports " + foreign + ", which the sandbox does not provide (WASI preview 1 functions only)");
        boolean hasStart = false;
        for (int i = 0; i < module.exportSection().exportCount(); i++)
            hasStart |= module.exportSection().getExport(i).name().equals(PooledInstance.START);
        if (!hasStart) throw new IllegalArgumentException("exports no _start (a WASI command module is expected)");
        MemoryLimits limits = limits(module, sandbox.maxMemoryPages());
        CompiledTool tool;
        try {
            tool = new CompiledTool(path, manifest, module, limits, sandbox, json);
            tool.pool.offer(tool.newInstance());
        } catch (ChicoryException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("cannot be instantiated: " + e.getMessage());
        }
        return tool;
    }

    private static MemoryLimits limits(WasmModule module, int cap) {
        var section = module.memorySection();
        if (section.isEmpty() || section.get().memoryCount() == 0) return null;
        MemoryLimits declared = section.get().getMemory(0).limits();
        if (declared.initialPages() > cap)
            throw new IllegalArgumentException("needs " + declared.initialPages() + " memory pages at start, more than the cap wasm.maxMemoryPages=" + cap);
        return new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), cap));
    }

    PooledInstance newInstance() {
        PooledInstance fresh = new PooledInstance(module, machines, limits, sandbox, snapshot);
        if (snapshot == null) snapshot = fresh.memorySnapshot();
        return fresh;
    }

    Path path() {
        return path;
    }

    ToolManifest manifest() {
        return manifest;
    }

    Tools.Tool definition() {
        return manifest.definition();
    }

    /** Takes a ready instance, or builds one when the pool is empty (the pool never blocks a call). */
    PooledInstance lease() {
        PooledInstance ready = pool.poll();
        return ready != null ? ready : newInstance();
    }

    void release(PooledInstance used) {
        if (used.reset()) pool.offer(used);
    }

    /** Runs one call: arguments as JSON on stdin, the result from stdout, stderr to the log. */
    Tools.CallToolResult call(ObjectNode arguments) throws InterruptedException {
        byte[] input = json.writeValueAsBytes(arguments == null ? json.createObjectNode() : arguments);
        PooledInstance instance = lease();
        boolean reusable = false;
        int exit;
        try (TimeCap cap = TimeCap.start(sandbox.timeoutMs())) {
            try {
                exit = instance.run(input);
                reusable = true;
            } catch (ChicoryInterruptedException e) {
                if (!cap.fired()) throw new InterruptedException("call cancelled");
                return fail("ran past the time cap wasm.timeoutMs=" + sandbox.timeoutMs() + " ms and was interrupted");
            } catch (OutputCapExceeded e) {
                return fail("wrote more than the output cap wasm.maxOutputBytes=" + e.cap + " bytes to stdout and was stopped");
            } catch (ChicoryException | StackOverflowError e) {
                if (cap.fired()) return fail("ran past the time cap wasm.timeoutMs=" + sandbox.timeoutMs() + " ms and was interrupted");
                String why = e instanceof StackOverflowError ? "call stack exhausted" : e.getMessage();
                if (limits == null) return fail("trapped: " + why);
                int pages = instance.memoryPages();
                return fail("trapped (" + why + ") " + (pages >= limits.maximumPages()
                        ? "with its memory at the cap wasm.maxMemoryPages=" + limits.maximumPages() + " pages"
                        : "with " + pages + " memory pages of " + limits.maximumPages() + " allowed (wasm.maxMemoryPages)"));
            }
        } finally {
            logStderr(instance);
            if (reusable) release(instance);
        }
        return result(exit, instance);
    }

    private Tools.CallToolResult result(int exit, PooledInstance instance) {
        if (exit != 0) {
            String err = instance.stderr().text().strip();
            return fail("exited with status " + exit + (err.isEmpty() ? "" : ": " + lastLine(err)));
        }
        String text = instance.stdout().text();
        if (text.isBlank()) return fail("wrote nothing to stdout (a JSON result is expected)");
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            return fail("wrote invalid JSON to stdout: " + e.getOriginalMessage());
        }
        return node instanceof ObjectNode o ? Tools.CallToolResult.structured(o, text.strip()) : Tools.CallToolResult.text(text.strip());
    }

    private Tools.CallToolResult fail(String reason) {
        LOG.log(System.Logger.Level.WARNING, "WebAssembly tool {0} ({1}) {2}", manifest.name(), path, reason);
        return Tools.CallToolResult.error("WebAssembly tool " + manifest.name() + " " + reason);
    }

    private void logStderr(PooledInstance instance) {
        CallOutput err = instance.stderr();
        if (err.size() == 0 || !LOG.isLoggable(System.Logger.Level.INFO)) return;
        for (String line : err.text().split("\n"))
            if (!line.isBlank()) LOG.log(System.Logger.Level.INFO, "[{0}] {1}", manifest.name(), line);
        if (err.dropped() > 0) LOG.log(System.Logger.Level.INFO, "[{0}] ({1} more bytes of stderr dropped)", manifest.name(), err.dropped());
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }
}
