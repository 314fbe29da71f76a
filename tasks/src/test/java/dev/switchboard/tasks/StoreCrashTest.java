package dev.switchboard.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM writes tasks; we SIGKILL it mid-stream and reopen: every acknowledged create is there. */
class StoreCrashTest {
    @TempDir
    Path dir;

    @Test
    void reopen_afterKill9_holdsEveryAcknowledgedCreate() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acked = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < 2000 && (line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) acked.add(line.substring(4));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acked).hasSize(2000);
        try (TaskStore store = TaskStore.embedded(dir)) {
            for (String id : acked) {
                assertThat(store.get(id)).as("acknowledged task %s", id).isPresent();
            }
            assertThat(store.size()).isGreaterThanOrEqualTo(acked.size());
            assertThat(store.live()).hasSize((int) store.size());
        }
    }
}
