package dev.switchboard.wasm;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Served;
import dev.switchboard.mcp.Transport;
import dev.switchboard.mcp.protocol.Tools;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** A real server on port 0 serving one folder of modules, and a client talking to it over HTTP. */
final class ServedFolder implements AutoCloseable {
    final McpServer server;
    final Served served;
    final WasmTools wasm;
    final McpClient client;

    ServedFolder(WasmSettings settings) {
        server = McpServer.builder("wasm-test", "1.0.0").build();
        wasm = WasmTools.start(server, settings);
        served = server.start(Transport.http(0));
        client = McpClient.http(URI.create("http://127.0.0.1:" + served.port() + "/mcp"));
        client.initialize();
    }

    List<String> toolNames() {
        return client.listTools().stream().map(Tools.Tool::name).toList();
    }

    Tools.CallToolResult call(String tool, Map<String, ?> arguments) {
        return client.callTool(tool, arguments);
    }

    @Override
    public void close() {
        client.close();
        wasm.close();
        served.close();
        server.close();
    }
}
