package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's project: {@code examples/hello} (the README's hello world and its one Maven
 * dependency, nothing else) is copied, built by a real {@code mvn} against the artifacts this build
 * installed, started as a real process, and asked to call its tool over HTTP.
 */
class HelloWorldProjectTest {
    private static final Path PROJECT = Path.of("..", "examples", "hello");

    @TempDir
    Path dir;

    @Test
    void readme_showsTheHelloWorldExactlyAsTheProjectHasIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String file : List.of("Hello.java", "HelloAnnotated.java"))
            for (String line : mainBody(Files.readString(PROJECT.resolve("src/main/java/hello/" + file))))
                assertThat(readme).as("README line of " + file).contains(line);
        assertThat(readme).contains("<artifactId>" + dependency() + "</artifactId>");
    }

    @Test
    void helloProject_builtAsANewcomerWould_answersToolsCall() throws Exception {
        copyProject();
        Path cp = dir.resolve("cp.txt");
        run(List.of("mvn", "-B", "-q", "-Dmaven.repo.local=" + System.getProperty("sb.mavenRepoLocal", System.getProperty("user.home") + "/.m2/repository"),
                "package", "dependency:build-classpath", "-Dmdep.outputFile=" + cp, "-DskipTests"), Duration.ofMinutes(4));
        String classPath = dir.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(cp).trim();
        for (String main : List.of("hello.Hello", "hello.HelloAnnotated")) {
            int port = freePort();
            Process server = new ProcessBuilder(javaBin(), "-Dhello.port=" + port, "-cp", classPath, main).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(main + ".log").toFile()).start();
            server.getOutputStream().close();
            try {
                String answer = callGreet(port, server);
                assertThat(answer).as(main).contains("Hello, Ada");
            } finally {
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly();
            }
        }
    }

    /** The copy listens on a port given by the test instead of 8080, so CI never collides with anything. */
    private void copyProject() throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT)) {
            for (Path from : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/target/")).toList()) {
                Path to = dir.resolve(PROJECT.relativize(from).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(from).replace("Transport.http(8080)", "Transport.http(Integer.getInteger(\"hello.port\"))"));
            }
        }
    }

    private static String callGreet(int port, Process server) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"},"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "greet")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException notYetListening) {
                if (!server.isAlive() || System.nanoTime() > deadline) throw new AssertionError("hello server did not answer on port " + port, notYetListening);
                Thread.sleep(200);
            }
        }
    }

    private void run(List<String> command, Duration limit) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)).as("mvn finished").isTrue();
        assertThat(p.exitValue()).as("mvn in examples/hello:\n" + output).isZero();
    }

    /** The lines of a {@code main} method's body, trimmed: what the README must show. */
    private static List<String> mainBody(String source) {
        List<String> out = new ArrayList<>();
        boolean inMain = false;
        for (String line : source.split("\n")) {
            String t = line.trim();
            if (t.startsWith("public static void main")) inMain = true;
            else if (inMain && t.equals("}")) break;
            else if (inMain && !t.isEmpty()) out.add(t);
        }
        return out;
    }

    private static String dependency() throws IOException {
        String pom = Files.readString(PROJECT.resolve("pom.xml"));
        int deps = pom.indexOf("<dependencies>");
        int start = pom.indexOf("<artifactId>", deps) + "<artifactId>".length();
        return pom.substring(start, pom.indexOf("</artifactId>", start));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
