package dev.switchboard.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStoreStartupTest {
    @TempDir
    Path dir;

    @Test
    void open_corruptStoreFile_isAnErrorNamingTheFile() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(13).nextBytes(junk);
        Files.write(dir.resolve("tasks.sqlite"), junk);
        assertThatThrownBy(() -> TaskStore.embedded(dir)).isInstanceOf(TaskStoreException.class)
                .hasMessageContaining(dir.resolve("tasks.sqlite").toAbsolutePath().toString())
                .hasMessageContaining("corrupt");
    }

    @Test
    void open_recordThatDoesNotDecode_isAnErrorNamingTheFile() throws Exception {
        try (TaskStore store = TaskStore.embedded(dir)) {
            store.create(TaskRecord.created(TaskIds.next(), "s", "t", "{}", 1, null, 1000, false));
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tasks.sqlite"));
             var st = c.createStatement()) {
            st.execute("UPDATE tasks SET body='{not json'");
        }
        assertThatThrownBy(() -> TaskStore.embedded(dir)).isInstanceOf(TaskStoreException.class)
                .hasMessageContaining(dir.resolve("tasks.sqlite").toAbsolutePath().toString());
    }

    @Test
    void open_pathIsARegularFile_isAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> TaskStore.embedded(file)).isInstanceOf(TaskStoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void open_unwritableDirectory_isAnErrorNamingIt() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes through any permission");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThatThrownBy(() -> TaskStore.embedded(locked)).isInstanceOf(TaskStoreException.class)
                .hasMessageContaining(locked.toAbsolutePath().toString())
                .hasMessageContaining("not writable");
    }

    @Test
    void open_missingDirectory_createsItEmpty() {
        Path fresh = dir.resolve("a/b/c");
        try (TaskStore store = TaskStore.embedded(fresh)) {
            assertThat(store.size()).isZero();
        }
        assertThat(Files.isDirectory(fresh)).isTrue();
    }
}
