package dev.switchboard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** {@code sb} as a child JVM on this test's class path, in a chosen working directory, as a user runs it. */
final class SbProcess implements AutoCloseable {
    final Process process;
    final BufferedReader stdout;
    final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread stderrReader;

    private SbProcess(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderrReader = Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) stderr.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    static SbProcess start(Path workingDirectory, Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.switchboard.cli.Sb"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MCP_"));
        pb.environment().putAll(env);
        return new SbProcess(pb.start());
    }

    /** Runs to the end (at most a minute); returns the exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("sb did not exit within 60 s; stderr: " + stderr);
        return process.exitValue();
    }

    /** Every stdout line, after the process has ended. */
    String allOutput() throws IOException {
        return String.join("\n", stdout.lines().toList());
    }

    /** The URL of the {@code LISTENING} line on stdout. */
    String awaitListening() throws IOException {
        for (String line; (line = stdout.readLine()) != null; )
            if (line.startsWith("LISTENING ")) return line.substring("LISTENING ".length());
        throw new AssertionError("sb ended without a LISTENING line; stderr: " + stderr);
    }

    /** Stderr so far, and after the stream has been drained when the process has ended. */
    String errors() throws InterruptedException {
        if (!process.isAlive()) stderrReader.join(5_000);
        return String.join("\n", stderr);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
