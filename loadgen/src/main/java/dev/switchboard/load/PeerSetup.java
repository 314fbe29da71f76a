package dev.switchboard.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the peers before {@code sb compare} starts them (npm ci, mvn package into each peer's own
 * target/), so nothing is set up by hand. A step runs only when its output is missing or older than
 * its inputs; its output goes to a log file, and a step that fails or times out is an error naming
 * the peer and the log. The child processes inherit this process's environment, so MAVEN_OPTS
 * (a local repository, offline mode) and JAVA_HOME apply to the peer builds too.
 */
public final class PeerSetup {
    private PeerSetup() {}

    /** Runs every stale step of {@code peer}, saying so on {@code out} and logging to {@code log}; throws naming the peer when one fails. */
    public static void run(Peer peer, Path log, Duration timeout, java.io.PrintStream out) throws IOException, InterruptedException {
        for (Peer.Step step : peer.setup()) {
            if (!stale(step)) continue;
            out.println("sb: setting up " + peer.name() + ": (cd " + step.dir() + " && " + String.join(" ", step.command()) + "), log " + log);
            long started = System.nanoTime();
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "$ (cd " + step.dir() + " && " + String.join(" ", step.command()) + ")\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process p;
            try {
                p = new ProcessBuilder(step.command()).directory(step.dir().toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new IOException(peer.name() + " could not be built: " + String.join(" ", step.command()) + " did not start (" + e.getMessage() + ")", e);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException(peer.name() + " could not be built: " + String.join(" ", step.command()) + " took longer than " + timeout.toMinutes() + " min; see " + log);
            }
            if (p.exitValue() != 0)
                throw new IOException(peer.name() + " could not be built: " + String.join(" ", step.command()) + " exited with " + p.exitValue() + "; see " + log);
            if (!Files.exists(step.output()))
                throw new IOException(peer.name() + " could not be built: " + String.join(" ", step.command()) + " succeeded but left no " + step.output() + "; see " + log);
            // a build that changed nothing may leave its output's time alone (maven's class path file): mark it built now
            Files.setLastModifiedTime(step.output(), FileTime.from(java.time.Instant.now()));
            out.printf(java.util.Locale.ROOT, "sb: %s set up in %.0f s%n", peer.name(), (System.nanoTime() - started) / 1e9);
        }
    }

    /** Whether {@code step} must run: its output is missing or older than one of its inputs. */
    static boolean stale(Peer.Step step) throws IOException {
        if (!Files.exists(step.output())) return true;
        FileTime built = Files.getLastModifiedTime(step.output());
        for (Path input : step.inputs()) {
            if (!Files.exists(input)) continue;
            try (Stream<Path> files = Files.walk(input)) {
                if (files.filter(Files::isRegularFile).anyMatch(f -> modified(f).compareTo(built) > 0)) return true;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return false;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code mvn -B -q package -DskipTests} for the project in {@code dir}, with output {@code output}. */
    static Peer.Step mavenPackage(Path dir, Path output) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dstyle.color=never", "package", "-DskipTests"));
        return new Peer.Step(dir, command, output, List.of(dir.resolve("pom.xml"), dir.resolve("src/main")));
    }

    /** {@code npm ci} in {@code dir}: stale when package.json or package-lock.json is newer than node_modules' own lock. */
    static Peer.Step npmCi(Path dir) {
        return new Peer.Step(dir, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), dir.resolve("node_modules/.package-lock.json"),
                List.of(dir.resolve("package.json"), dir.resolve("package-lock.json")));
    }
}
