package dev.switchboard.tasks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * The embedded default: SQLite through sqlite-jdbc, WAL journal with synchronous=FULL, so every
 * commit fsyncs the WAL before it returns and a crash reopens at the last commit. Writes go
 * through GroupCommit (one transaction and one fsync per batch); reads use a second connection,
 * which in WAL mode sees exactly the committed state. It won the measurement against H2's MVStore
 * (docs/tasks.md, section 6): the same group commit did more creates per second in every paired
 * run on this machine.
 *
 * One process per store: an OS lock on tasks.lock stops a second server from opening the same
 * directory (both would "recover" the same tasks). At open the database must pass
 * PRAGMA quick_check; otherwise the error names the file and says to move it aside.
 */
final class SqliteTaskStore implements TaskStore {
    private static final int MAX_BATCH = 4096;
    private static final long LOCK_WAIT_MS = 5_000;

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Connection writes;
    private final Connection reads;
    private final PreparedStatement insert;
    private final PreparedStatement replace;
    private final GroupCommit writer;

    private SqliteTaskStore(Path file, FileChannel lockChannel, FileLock lock, Connection writes, Connection reads)
            throws SQLException {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writes = writes;
        this.reads = reads;
        this.insert = writes.prepareStatement("INSERT INTO tasks VALUES (?,?,?,?,?,?)");
        this.replace = writes.prepareStatement(
                "UPDATE tasks SET live=?, expires=?, revision=?, body=? WHERE id=? AND revision=? AND live=1");
        this.writer = new GroupCommit("task-store-writer", file, this::commit, MAX_BATCH);
    }

    static SqliteTaskStore open(Path directory) {
        Path dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TaskStoreException(dir, "cannot create the store directory (" + e + ")", e);
        }
        if (!Files.isDirectory(dir)) throw new TaskStoreException(dir, "is not a directory", null);
        if (!Files.isWritable(dir)) throw new TaskStoreException(dir, "the store directory is not writable", null);
        Path file = dir.resolve("tasks.sqlite");
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new TaskStoreException(file, "the store file is not writable", null);
        }
        FileChannel channel = null;
        Connection writes = null;
        Connection reads = null;
        try {
            channel = FileChannel.open(dir.resolve("tasks.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lock(channel);
            if (lock == null) throw new TaskStoreException(dir, "another process holds this task store (" + LOCK_WAIT_MS + " ms waited)", null);
            writes = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (var st = writes.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                    String verdict = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equals(verdict)) throw new SQLException("quick_check: " + verdict);
                }
                st.execute("CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, owner TEXT NOT NULL, "
                        + "live INTEGER NOT NULL, expires INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL)");
                st.execute("CREATE INDEX IF NOT EXISTS tasks_by_owner ON tasks(owner, id)");
                st.execute("CREATE INDEX IF NOT EXISTS tasks_by_expiry ON tasks(expires)");
                st.execute("CREATE INDEX IF NOT EXISTS tasks_live ON tasks(live)");
            }
            writes.setAutoCommit(false);
            reads = DriverManager.getConnection("jdbc:sqlite:" + file);
            var store = new SqliteTaskStore(file, channel, lock, writes, reads);
            store.live(); // decode every live record now: corruption shows at start, not at first use
            return store;
        } catch (TaskStoreException e) {
            closeQuietly(channel, writes, reads);
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(channel, writes, reads);
            if (e instanceof OverlappingFileLockException) {
                throw new TaskStoreException(dir, "this process already has the task store open", e);
            }
            throw new TaskStoreException(file, "cannot open the store; it is corrupt or not a task store ("
                    + e.getMessage() + "); move it aside to start empty", e);
        }
    }

    // A server restarting in place may start before the old process has quite exited: wait a little.
    private static FileLock lock(FileChannel channel) throws IOException {
        long end = System.currentTimeMillis() + LOCK_WAIT_MS;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null || System.currentTimeMillis() >= end) return lock;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static void closeQuietly(FileChannel channel, Connection... connections) {
        for (Connection c : connections) {
            try {
                if (c != null) c.close();
            } catch (SQLException ignored) {
                // already failing; the original error is what the caller needs
            }
        }
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // same
        }
    }

    private void commit() {
        try {
            writes.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void create(TaskRecord task) {
        TaskRecord r = task.atRevision(0);
        String body = RecordCodec.encode(r);
        writer.submit(() -> {
            try {
                insert.setString(1, r.id());
                insert.setString(2, r.owner());
                insert.setInt(3, r.status().isFinal() ? 0 : 1);
                insert.setLong(4, r.expiresAtMs());
                insert.setLong(5, 0);
                insert.setString(6, body);
                insert.executeUpdate();
                return null;
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                    throw new IllegalArgumentException("task " + r.id() + " already exists", e);
                }
                throw new TaskStoreException(file, e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<TaskRecord> get(String taskId) {
        List<TaskRecord> found = query("SELECT body FROM tasks WHERE id=?", taskId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next) {
        TaskRecord r = next.atRevision(expectedRevision + 1);
        String body = RecordCodec.encode(r);
        return writer.submit(() -> {
            try {
                replace.setInt(1, r.status().isFinal() ? 0 : 1);
                replace.setLong(2, r.expiresAtMs());
                replace.setLong(3, r.revision());
                replace.setString(4, body);
                replace.setString(5, r.id());
                replace.setLong(6, expectedRevision);
                return replace.executeUpdate() == 1 ? Optional.of(r) : Optional.<TaskRecord>empty();
            } catch (SQLException e) {
                throw new TaskStoreException(file, e.getMessage(), e);
            }
        });
    }

    private synchronized List<TaskRecord> query(String sql, Object... args) {
        try (var ps = reads.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<TaskRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(RecordCodec.decode(rs.getString(1)));
            }
            return out;
        } catch (SQLException e) {
            throw new TaskStoreException(file, e.getMessage(), e);
        }
    }

    @Override
    public List<TaskRecord> claimable(long nowMs, int limit) {
        return live().stream().filter(r -> r.claimUntilMs() < nowMs).limit(limit).toList();
    }

    @Override
    public List<TaskRecord> live() {
        return query("SELECT body FROM tasks WHERE live=1 ORDER BY id");
    }

    @Override
    public List<TaskRecord> ownedBy(String owner, String afterId, int limit) {
        return query("SELECT body FROM tasks WHERE owner=? AND id>? ORDER BY id LIMIT ?",
                owner, afterId == null ? "" : afterId, limit);
    }

    @Override
    public synchronized long size() {
        try (var st = reads.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM tasks")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new TaskStoreException(file, e.getMessage(), e);
        }
    }

    @Override
    public List<TaskRecord> removeExpired(long nowMs) {
        return writer.submit(() -> {
            List<TaskRecord> gone = new ArrayList<>();
            try (var select = writes.prepareStatement("SELECT body FROM tasks WHERE expires<=?");
                 var delete = writes.prepareStatement("DELETE FROM tasks WHERE expires<=?")) {
                select.setLong(1, nowMs);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) gone.add(RecordCodec.decode(rs.getString(1)));
                }
                delete.setLong(1, nowMs);
                delete.executeUpdate();
                return gone;
            } catch (SQLException e) {
                throw new TaskStoreException(file, e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        writer.close();
        try {
            insert.close();
            replace.close();
            writes.close();
            reads.close();
            lock.release();
            lockChannel.close();
        } catch (SQLException | IOException e) {
            throw new TaskStoreException(file, "closing: " + e.getMessage(), e);
        }
    }
}
