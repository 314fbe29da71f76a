package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sb bench tasks} from the command line: a bad parameter is a usage error, a short real run prints the goals. */
class BenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private PrintStream savedOut, savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void call_tasksWithUnknownParameter_exitsTwoNamingIt() {
        int code = new CommandLine(new Sb()).execute("bench", "tasks", "-p", "threads=4");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sb bench tasks:", "[threads]");
    }

    @Test
    void call_tasksShortRun_printsRoundsAndBothGoalsAndLeavesNoStore(@TempDir Path dir) throws Exception {
        int code = new CommandLine(new Sb()).execute("bench", "tasks", "--quick", "-p", "warmup=1", "-p", "seconds=1", "-p", "callers=4",
                "-p", "dir=" + dir);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("4 callers, 1 s warm-up, 1 round of 1 s", "durable creates/s:", "create p99 under 10.0 ms:");
        assertThat(printed.lines().filter(l -> l.matches("\\s+(PASS|MISS)\\s.*"))).hasSize(2);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
