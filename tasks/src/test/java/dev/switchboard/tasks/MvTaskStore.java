package dev.switchboard.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/*
 * The contender that lost the store measurement (docs/tasks.md, section 6), kept in test sources
 * so the comparison can be re-run: H2's MVStore, a log-structured, copy-on-write B-tree file. Each commit
 * appends a chunk and the header points at the newest complete chunk, so a crash mid-write
 * reopens at the last commit; we fsync after each group commit, so the last commit is the last
 * answered write. 
 *
 * One persisted map, tasks (id → record JSON), is the truth. The indexes — byOwner (owner NUL id),
 * live (ids not final) and expiry (zero-padded expiresAt NUL id) — live in memory and are rebuilt
 * by one scan at open (which also proves every record decodes): persisting them tripled the pages
 * each commit writes and halved the measured create rate. Only the writer thread changes maps and
 * indexes; readers go straight to the concurrent structures.
 */
final class MvTaskStore implements TaskStore {
    private static final String SEP = "\u0000";
    private static final int MAX_BATCH = 4096;

    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> tasks;
    private final NavigableSet<String> byOwner = new ConcurrentSkipListSet<>();
    private final NavigableSet<String> live = new ConcurrentSkipListSet<>();
    private final NavigableSet<String> expiry = new ConcurrentSkipListSet<>();
    private final GroupCommit writer;

    private MvTaskStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.tasks = store.openMap("tasks");
        this.writer = new GroupCommit("task-store-writer", file, () -> {
            store.commit();
            store.sync();
        }, MAX_BATCH);
    }

    static MvTaskStore open(Path directory) {
        Path dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TaskStoreException(dir, "cannot create the store directory (" + e + ")", e);
        }
        if (!Files.isDirectory(dir)) throw new TaskStoreException(dir, "is not a directory", null);
        if (!Files.isWritable(dir)) throw new TaskStoreException(dir, "the store directory is not writable", null);
        Path file = dir.resolve("tasks.mv.db");
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new TaskStoreException(file, "the store file is not writable", null);
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        } catch (MVStoreException | IllegalStateException e) {
            throw new TaskStoreException(file, "cannot open the store file; it is corrupt or held by another "
                    + "process (" + e.getMessage() + "); move it aside to start empty", e);
        }
        try {
            var opened = new MvTaskStore(file, store);
            opened.check();
            return opened;
        } catch (RuntimeException e) {
            store.closeImmediately();
            if (e instanceof TaskStoreException t) throw t;
            throw new TaskStoreException(file, "the store file is corrupt (" + e.getMessage()
                    + "); move it aside to start empty", e);
        }
    }

    // Decode every record once at open, building the indexes: corruption shows at start, not at first use.
    private void check() {
        for (var e : tasks.entrySet()) {
            TaskRecord r = RecordCodec.decode(e.getValue());
            if (!r.id().equals(e.getKey())) throw new TaskStoreException(file, "record " + e.getKey() + " names " + r.id(), null);
            index(null, r);
        }
    }

    @Override
    public void create(TaskRecord task) {
        TaskRecord stored = task.atRevision(0);
        String json = RecordCodec.encode(stored);
        boolean created = writer.submit(() -> {
            if (tasks.putIfAbsent(stored.id(), json) != null) return false;
            index(null, stored);
            return true;
        });
        if (!created) throw new IllegalArgumentException("task " + task.id() + " already exists");
    }

    @Override
    public Optional<TaskRecord> get(String taskId) {
        String json = tasks.get(taskId);
        return json == null ? Optional.empty() : Optional.of(RecordCodec.decode(json));
    }

    @Override
    public Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next) {
        TaskRecord stored = next.atRevision(expectedRevision + 1);
        String json = RecordCodec.encode(stored);
        return writer.submit(() -> {
            String current = tasks.get(next.id());
            if (current == null) return Optional.empty();
            TaskRecord old = RecordCodec.decode(current);
            if (old.revision() != expectedRevision || old.status().isFinal()) return Optional.empty();
            tasks.put(next.id(), json);
            unindex(old);
            index(old, stored);
            return Optional.of(stored);
        });
    }

    private void index(TaskRecord old, TaskRecord now) {
        if (old == null) byOwner.add(now.owner() + SEP + now.id());
        if (now.status().isFinal()) live.remove(now.id());
        else live.add(now.id());
        expiry.add(expiryKey(now));
    }

    private void unindex(TaskRecord old) {
        expiry.remove(expiryKey(old));
    }

    private static String expiryKey(TaskRecord r) {
        return String.format("%019d", r.expiresAtMs()) + SEP + r.id();
    }

    @Override
    public List<TaskRecord> claimable(long nowMs, int limit) {
        List<TaskRecord> out = new ArrayList<>();
        for (String id : live) {
            if (out.size() >= limit) break;
            get(id).filter(r -> !r.status().isFinal() && r.claimUntilMs() < nowMs).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<TaskRecord> live() {
        List<TaskRecord> out = new ArrayList<>();
        for (String id : live) get(id).ifPresent(out::add);
        return out;
    }

    @Override
    public List<TaskRecord> ownedBy(String owner, String afterId, int limit) {
        String prefix = owner + SEP;
        String from = afterId == null ? prefix : prefix + afterId + SEP;
        List<TaskRecord> out = new ArrayList<>();
        var it = byOwner.tailSet(from, true).iterator();
        while (it.hasNext() && out.size() < limit) {
            String key = it.next();
            if (!key.startsWith(prefix)) break;
            String id = key.substring(prefix.length());
            if (id.equals(afterId)) continue;
            get(id).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public long size() {
        return tasks.sizeAsLong();
    }

    @Override
    public List<TaskRecord> removeExpired(long nowMs) {
        return writer.submit(() -> {
            List<TaskRecord> removed = new ArrayList<>();
            for (String key : expiry) {
                long at = Long.parseLong(key.substring(0, key.indexOf(SEP)));
                if (at > nowMs) break;
                removed.add(RecordCodec.decode(tasks.get(key.substring(key.indexOf(SEP) + 1))));
            }
            for (TaskRecord r : removed) {
                tasks.remove(r.id());
                live.remove(r.id());
                byOwner.remove(r.owner() + SEP + r.id());
                expiry.remove(expiryKey(r));
            }
            return removed;
        });
    }

    /** Test hook: how many entries each index holds, to check they stay consistent. */
    Map<String, Long> indexSizes() {
        return Map.of("tasks", tasks.sizeAsLong(), "byOwner", (long) byOwner.size(),
                "live", (long) live.size(), "expiry", (long) expiry.size());
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
