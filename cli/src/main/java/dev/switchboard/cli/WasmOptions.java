package dev.switchboard.cli;

import dev.switchboard.kernel.Config;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.wasm.WasmSettings;
import dev.switchboard.wasm.WasmTools;
import java.io.PrintWriter;

/** {@code sb serve --set wasm.dir=…}: serves a folder of WebAssembly tools beside the example's own. */
final class WasmOptions {
    private WasmOptions() {}

    /** The folder's tools, or {@code null} when {@code wasm.dir} is empty; an unusable folder is an {@link IllegalArgumentException}. */
    static WasmTools start(McpServer server, Config config, PrintWriter err) {
        WasmSettings settings = WasmSettings.from(config);
        if (settings.dir() == null) return null;
        WasmTools tools = WasmTools.start(server, settings);
        err.println("sb serve: WebAssembly tools from " + settings.dir() + ": " + String.join(", ", tools.tools())
                + (settings.watch() ? " (watched for changes)" : ""));
        tools.refused().forEach((path, reason) -> err.println("sb serve: refused " + path + ": " + reason));
        err.flush();
        return tools;
    }
}
