package dev.switchboard.cli;

import dev.switchboard.examples.Examples;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Starts the conformance fixture server on a free loopback port and runs the official MCP
 * conformance suite against it ({@code interop/run-conformance.sh}, Node 22 from npm).
 */
@Command(name = "conformance", description = "Run the official MCP conformance suite against the everything server: ./sb conformance 2025-11-25")
final class ConformanceCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Requirement set: 2025-11-25 or 2026-07-28 (a set with an interop/expected-failures-SET.yaml runs against that baseline).", defaultValue = "2025-11-25")
    String requirements;

    @Parameters(index = "1..*", arity = "0..*", description = "Extra arguments for the suite, e.g. --scenario tools-list.")
    List<String> extra = new ArrayList<>();

    @CommandLine.Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("sb.root", "."));
        Path script = root.resolve("interop/run-conformance.sh");
        if (!Files.isDirectory(root.resolve("interop/node_modules"))) {
            System.err.println("sb conformance: interop/node_modules is missing; run: (cd interop && npm ci)");
            return 2;
        }
        try (McpServer server = Examples.create("everything", McpServer.builder("switchboard-everything", "0.1.0"));
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0))) {
            String url = "http://localhost:" + http.port() + "/mcp";
            List<String> command = new ArrayList<>(List.of("bash", script.toString(), url, requirements));
            command.addAll(extra);
            command.addAll(unmatched);
            // a set with known failures (work in progress) runs against its baseline, which is a
            // regression gate: a new failure, or a listed one that now passes, fails the run
            Path baseline = root.resolve("interop/expected-failures-" + requirements + ".yaml");
            if (Files.exists(baseline) && !command.contains("--expected-failures") && !command.contains("--scenario"))
                command.addAll(List.of("--expected-failures", baseline.toAbsolutePath().toString()));
            Process p = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
            return p.waitFor();
        }
    }
}
