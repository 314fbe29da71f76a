package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.ServerDefinition;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own server through {@code sb serve --class} and {@code --jar}: the jar is compiled and
 * packed here from source, so it is found by {@link java.util.ServiceLoader} in the jar, not on the
 * test's class path.
 */
class ServeUserServerTest {
    private static final String WEATHER = """
            package com.example.weather;

            import dev.switchboard.mcp.McpServer;
            import dev.switchboard.mcp.ServerDefinition;

            public final class Weather implements ServerDefinition {
                public record City(String name) {}

                @Override
                public void define(McpServer.Builder server) {
                    server.tool("forecast", "Tomorrow's weather in a city", City.class, c -> "Sunny in " + c.name());
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void serve_classOnTheClassPath_servesItsToolsBesideTheOperationalEndpoints() throws Exception {
        try (SbProcess sb = SbProcess.start(dir, Map.of(), "serve", "--class", GreeterDefinition.class.getName(), "--port", "0")) {
            String url = sb.awaitListening();
            assertThat(McpOverHttp.callTool(url, "greet", "{\"name\":\"Ada\"}")).contains("Hello, Ada");
            String base = url.substring(0, url.length() - "/mcp".length());
            assertThat(McpOverHttp.get(base + "/health").statusCode()).isEqualTo(200);
            assertThat(McpOverHttp.get(base + "/metrics").body()).contains("outcome=\"ok\",tool=\"greet\"");
            assertThat(sb.errors()).contains("sb serve: greeter server on " + url);
        }
    }

    @Test
    void serve_jarListingItsDefinition_isFoundByTheServiceLoaderOverHttpAndStdio() throws Exception {
        jar(dir.resolve("weather.jar"), true);
        try (SbProcess sb = SbProcess.start(dir, Map.of(), "serve", "--jar", "weather.jar", "--port", "0")) {
            assertThat(McpOverHttp.callTool(sb.awaitListening(), "forecast", "{\"name\":\"Oslo\"}")).contains("Sunny in Oslo");
        }
        try (SbProcess sb = SbProcess.start(dir, Map.of(), "serve", "--jar", "weather.jar", "--stdio")) {
            try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(sb.process.getOutputStream(), StandardCharsets.UTF_8))) {
                in.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n");
                in.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
                in.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"forecast\",\"arguments\":{\"name\":\"Bergen\"}}}\n");
                in.flush();
                String line;
                do {
                    line = sb.stdout.readLine();
                } while (line != null && !line.contains("\"id\":2"));
                assertThat(line).contains("Sunny in Bergen");
                assertThat(sb.errors()).contains("sb serve: Weather server on stdio");
            }
        }
    }

    @Test
    void serve_jarWithoutServiceEntry_isAnErrorNamingTheServiceFile() throws Exception {
        Path jar = jar(dir.resolve("bare.jar"), false);
        ConfigCommandTest.Run r = ConfigCommandTest.run("serve", "--jar", jar.toString(), "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no ServerDefinition in " + jar, "META-INF/services/dev.switchboard.mcp.ServerDefinition", "--class");
        ConfigCommandTest.Run named = ConfigCommandTest.run("serve", "--class", "java.lang.String", "--port", "0");
        assertThat(named.code()).isEqualTo(2);
        assertThat(named.err()).contains("java.lang.String does not implement dev.switchboard.mcp.ServerDefinition");
        ConfigCommandTest.Run both = ConfigCommandTest.run("serve", "--example", "demo", "--jar", jar.toString());
        assertThat(both.err()).contains("--example cannot be combined with --class or --jar");
    }

    /** Compiles the Weather server and packs it, with its service entry when {@code listed}. */
    private Path jar(Path jar, boolean listed) throws IOException {
        Path src = dir.resolve("src/com/example/weather/Weather.java"), classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, WEATHER);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--release", "21", "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(compiled).as("javac exit code").isZero();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            if (listed) {
                out.putNextEntry(new JarEntry("META-INF/services/" + ServerDefinition.class.getName()));
                out.write("com.example.weather.Weather\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void serve_portInUse_oneLineNamingThePortAndTheSettingThenExitOne() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            ConfigCommandTest.Run flag = ConfigCommandTest.run("serve", "--port", Integer.toString(port));
            assertThat(flag.code()).isEqualTo(1);
            assertThat(flag.err()).isEqualTo("sb: port " + port + " is in use (--port)" + System.lineSeparator());
            ConfigCommandTest.Run key = ConfigCommandTest.run("serve", "--set", "http.port=" + port);
            assertThat(key.err()).isEqualTo("sb: port " + port + " is in use (http.port)" + System.lineSeparator());
            ConfigCommandTest.Run admin = ConfigCommandTest.run("serve", "--port", "0", "--set", "admin.port=" + port);
            assertThat(admin.err()).isEqualTo("sb: port " + port + " is in use (admin.port)" + System.lineSeparator());
        }
    }

    @Test
    void cliRuntime_hasAnSlf4jBindingOfTheApisOwnVersion() {
        assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()).isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
        List<String> versions = Stream.of(org.slf4j.LoggerFactory.class, org.slf4j.LoggerFactory.getILoggerFactory().getClass())
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation().getPath().replaceAll(".*-(\\d[^/]*)\\.jar$", "$1")).toList();
        assertThat(versions.get(0)).matches("\\d+\\.\\d+\\.\\d+").isEqualTo(versions.get(1));
    }
}
