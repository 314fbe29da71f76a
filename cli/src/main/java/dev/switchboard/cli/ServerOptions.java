package dev.switchboard.cli;

import dev.switchboard.auth.AuthSettings;
import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpSettings;
import dev.switchboard.ops.OpsSettings;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StdioTransport;
import dev.switchboard.wasm.WasmSettings;
import dev.switchboard.transport.TcpSettings;
import dev.switchboard.transport.WebSocketSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Every configuration key a running server reads: kernel, engine, HTTP listener and operations. */
final class ServerOptions {
    private ServerOptions() {}

    static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> all = new ArrayList<>(KernelConfig.KEYS);
        all.addAll(McpSettings.KEYS);
        all.addAll(dev.switchboard.mcp.Budgets.KEYS);
        all.addAll(HttpSettings.KEYS);
        all.addAll(StdioTransport.KEYS);
        all.addAll(WebSocketSettings.KEYS);
        all.addAll(TcpSettings.KEYS);
        all.addAll(OpsSettings.KEYS);
        all.addAll(TaskOptions.KEYS);
        all.addAll(dev.switchboard.agents.ToolSearchSettings.KEYS);
        all.addAll(dev.switchboard.agents.AgentsSettings.KEYS);
        all.addAll(WasmSettings.KEYS);
        all.addAll(dev.switchboard.cluster.ClusterSettings.KEYS);
        all.addAll(AuthSettings.KEYS);
        all.addAll(dev.switchboard.auth.RateLimits.KEYS);
        all.addAll(dev.switchboard.transport.TlsFiles.KEYS);
        return all;
    }

    /** The effective configuration from the process environment; warnings go to {@code err}. */
    static Config load(ConfigOptions options, PrintWriter err) {
        return options.load(keys(), System.getenv(), err);
    }
}
