package dev.switchboard.cluster;

import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskRejected;
import dev.switchboard.tasks.TaskStore;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.PublishAck;
import io.nats.client.PublishOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/*
 * Why: tasks must survive the node that accepted or ran them. A task is two things in JetStream:
 * its record in the KV bucket (the truth; every change a compare-and-set on the key's revision,
 * guarded so that one write per revision is stored even on nats-server 2.9, so a task ends once)
 * and one message on a work-queue stream (the claim ticket). The node running a task holds its
 * message, sends in-progress acks with every claim renewal and acks it when the task
 * ends; a node that dies stops renewing, JetStream redelivers the message after the ack wait and
 * another node takes the task over. Creating publishes the ticket first (Nats-Msg-Id = task id, so
 * a retried create is queued once) and then the record; a ticket without a record is a create
 * that never answered, dropped once it is old.
 */
final class JetStreamTaskStore implements TaskStore {
    private static final System.Logger LOG = System.getLogger(JetStreamTaskStore.class.getName());
    private static final long ORPHAN_TICKET_MS = 30_000;
    private static final Duration FETCH_WAIT = Duration.ofMillis(250);
    private static final long RETRY_AFTER_MS = 1000;
    private static final String RECORD_SUBJECT_PREFIX = "$KV." + TaskStreams.BUCKET + ".";

    private final JetStream js;
    private final KeyValue kv;
    private final JetStreamSubscription tickets;
    private final long leaseMs;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, Unanswered> unanswered = new ConcurrentHashMap<>();

    // A ticket this node holds, and the revision of its record this node last read or wrote (a live one: held tickets are of live tasks).
    private record Held(Message ticket, long sinceMs, long revision) {
    }

    // This node's last write to a task that got no answer: it may have been stored all the same.
    private record Unanswered(long expectedRevision, byte[] value) {
    }

    private final ClusterCodec codec;

    private JetStreamTaskStore(JetStream js, KeyValue kv, JetStreamSubscription tickets, long leaseMs, ClusterCodec codec) {
        this.codec = codec;
        this.js = js;
        this.kv = kv;
        this.tickets = tickets;
        this.leaseMs = leaseMs;
    }

    static JetStreamTaskStore open(Connection c, int replicas, long leaseMs, ClusterCodec codec) throws IOException, JetStreamApiException {
        TaskStreams.ensure(c, replicas, leaseMs);
        JetStream js = c.jetStream();
        JetStreamSubscription sub = js.subscribe(TaskStreams.SUBJECT_PREFIX + "*",
                PullSubscribeOptions.bind(TaskStreams.STREAM, TaskStreams.CONSUMER));
        return new JetStreamTaskStore(js, c.keyValue(TaskStreams.BUCKET), sub, leaseMs, codec);
    }

    @Override
    public long claimLeaseMs() {
        return leaseMs;
    }

    @Override
    public void create(TaskRecord task) {
        try {
            PublishAck ack = js.publish(TaskStreams.SUBJECT_PREFIX + task.id(), null,
                    task.id().getBytes(StandardCharsets.US_ASCII),
                    PublishOptions.builder().messageId(task.id()).expectedStream(TaskStreams.STREAM).build());
            try {
                kv.create(task.id(), codec.encode(task.atRevision(0)));
            } catch (IOException | JetStreamApiException e) {
                if (e instanceof JetStreamApiException j && j.getApiErrorCode() == 10071) throw j;
                if (!landed(task)) throw e;
            }
            if (ack.isDuplicate()) throw new IllegalArgumentException("task " + task.id() + " exists");
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == 10071) throw new IllegalArgumentException("task " + task.id() + " exists");
            throw unavailable("create task " + task.id(), e);
        } catch (IOException e) {
            throw unavailable("create task " + task.id(), e);
        }
    }

    /*
     * The record's write got no answer (a NATS server lost, a leader being elected) but may have
     * been stored: then the task exists and will run, so the create succeeded and must be answered
     * and counted as such, not refused. Task ids are fresh, so a record with this id and this
     * creation time is this write. Looked for a few times, as a replica may be a moment behind.
     */
    private boolean landed(TaskRecord task) {
        for (int i = 0; i < 5; i++) {
            try {
                Optional<TaskRecord> r = get(task.id());
                if (r.isPresent()) return r.get().owner().equals(task.owner()) && r.get().createdAtMs() == task.createdAtMs();
            } catch (TaskRejected e) {
                // still away: look again
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public Optional<TaskRecord> get(String taskId) {
        return entry(taskId).flatMap(this::decode);
    }

    // The record in any cluster encoding (an older node's JSON included); a foreign value is logged and counted, read as absent.
    private Optional<TaskRecord> decode(KeyValueEntry e) {
        try {
            return Optional.of(codec.decode(e.getValue(), TaskRecord.class).atRevision(e.getRevision()));
        } catch (UnreadableMessage u) {
            LOG.log(System.Logger.Level.WARNING, "task store: ignored an unreadable record for '" + e.getKey() + "': " + u.getMessage());
            return Optional.empty();
        }
    }

    private Optional<KeyValueEntry> entry(String key) {
        try {
            KeyValueEntry e = kv.get(key);
            if (e == null || e.getOperation() != KeyValueOperation.PUT || e.getValue() == null) return Optional.empty();
            return Optional.of(e);
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("read task " + key, e);
        }
    }

    /*
     * One write at a time per task on this node: a node's own writes to a task (a claim renewal,
     * a status change, the outcome, a cancel) then reach NATS one after another, each checked
     * against the revision the one before it stored. The message-id guard below settles the writes
     * of different nodes; this keeps a node from racing itself.
     */
    private final java.util.concurrent.locks.ReentrantLock[] writes = new java.util.concurrent.locks.ReentrantLock[256];

    {
        for (int i = 0; i < writes.length; i++) writes[i] = new java.util.concurrent.locks.ReentrantLock();
    }

    @Override
    public Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next) {
        var lock = writes[Math.floorMod(next.id().hashCode(), writes.length)];
        lock.lock();
        try {
            return compareAndSetNow(expectedRevision, next);
        } finally {
            lock.unlock();
        }
    }

    private Optional<TaskRecord> compareAndSetNow(long expectedRevision, TaskRecord next) {
        // A KV revision names one value for good, so a revision this node saw live is still live if it is still current:
        // the write alone decides. Any other revision is read first, to refuse changing a final record.
        Held known = held.get(next.id());
        if (known == null || known.revision() != expectedRevision) {
            Optional<TaskRecord> current = get(next.id());
            if (current.isEmpty() || current.get().status().isFinal()) {
                settleTicket(next.id());
                return Optional.empty();
            }
            if (current.get().revision() != expectedRevision) return Optional.empty();
        }
        byte[] value = codec.encode(next);
        PublishAck ack;
        try {
            ack = write(next.id(), value, expectedRevision);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10071) throw unavailable("update task " + next.id(), e);
            // wrong last sequence: someone else changed it, perhaps to a final state (then this node lets its ticket go)
            settleIfEndedElsewhere(known, next.id());
            return Optional.empty();
        } catch (IOException e) {
            unanswered.put(next.id(), new Unanswered(expectedRevision, value)); // it may yet be stored
            throw unavailable("update task " + next.id(), e);
        }
        long revision = ack.getSeqno();
        if (ack.isDuplicate()) {
            Optional<TaskRecord> mine = earlierWriteOfMine(next, expectedRevision, revision);
            if (mine.isEmpty()) {
                // another write from this revision was stored first; it may have ended the task (then this node lets its ticket go)
                settleIfEndedElsewhere(known, next.id());
                return Optional.empty();
            }
            next = mine.get();
        }
        unanswered.remove(next.id());
        if (next.status().isFinal()) {
            settleTicket(next.id());
        } else {
            Held h = held.computeIfPresent(next.id(), (id, old) -> new Held(old.ticket(), old.sinceMs(), revision));
            if (h != null && next.claimedBy() != null) h.ticket().inProgress();
        }
        return Optional.of(next.atRevision(revision));
    }

    // A write lost to another: it may have ended the task, and then this node lets its ticket go.
    private void settleIfEndedElsewhere(Held known, String id) {
        if (known != null && get(id).map(r -> r.status().isFinal()).orElse(true)) settleTicket(id);
    }

    /*
     * The record's compare-and-set, as a publish to the bucket's subject carrying two guards. The
     * expected revision (Nats-Expected-Last-Subject-Sequence) refuses a write from a stale revision.
     * But nats-server before the fix of nats-server#4320 (2.9.10 included) checks it before Raft, not
     * in it, so two writes in flight from the same revision may both be stored (TaskRecordRaceTest
     * saw it in a third of its rounds, three nodes on three servers): a claim renewal or a take-over
     * racing a completion, or a cancel racing a result, would both "win". The second guard closes
     * that: the message id names the revision written from ("id@revision"), and JetStream's
     * duplicate check runs as each message is applied, in Raft's order, on every replica; so of all
     * writes from one revision exactly one is stored, and the others come back as duplicates.
     * Returns the new revision, or -1 when another write from this revision was stored first.
     */
    private PublishAck write(String id, byte[] value, long expectedRevision) throws IOException, JetStreamApiException {
        return js.publish(RECORD_SUBJECT_PREFIX + id, value, PublishOptions.builder()
                .expectedLastSubjectSequence(expectedRevision).messageId(id + "@" + expectedRevision).build());
    }

    /*
     * A duplicate may be this node's own earlier write from the same revision, whose answer was lost
     * (its NATS server died after passing it on) and which the engine now retries after a stale read:
     * the write landed, and the node must account for it as answered. It is this node's when the
     * stored message holds exactly the bytes this node sent; anything else is another writer's. And
     * it answers this write only when it made the same change (same status and outcome): a renewal
     * of this node's that landed unanswered is not the completion now being written, which must be
     * refused so that the engine reads the renewal's revision and writes its completion after it.
     */
    private Optional<TaskRecord> earlierWriteOfMine(TaskRecord next, long expectedRevision, long storedRevision) {
        Unanswered u = unanswered.get(next.id());
        if (u == null || u.expectedRevision() != expectedRevision) return Optional.empty();
        try {
            KeyValueEntry e = kv.get(next.id(), storedRevision);
            if (e == null || !java.util.Arrays.equals(e.getValue(), u.value())) return Optional.empty();
            unanswered.remove(next.id());
            return decode(e).filter(mine -> mine.status() == next.status()
                    && java.util.Objects.equals(mine.resultJson(), next.resultJson())
                    && java.util.Objects.equals(mine.errorJson(), next.errorJson()));
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("read task " + next.id(), e);
        }
    }

    /** The ticket goes back to the work queue, to be delivered again (to any node) after {@code delayMs}; the record is not touched. */
    @Override
    public boolean handBack(String taskId, long delayMs) {
        Held h = held.remove(taskId);
        if (h == null) return false;
        h.ticket().nakWithDelay(Duration.ofMillis(delayMs));
        return true;
    }

    private void settleTicket(String id) {
        unanswered.remove(id);
        Held h = held.remove(id);
        if (h != null) h.ticket().ack();
    }

    @Override
    public List<TaskRecord> claimable(long nowMs, int limit) {
        dropStaleTickets(nowMs);
        long called = System.nanoTime();
        List<Message> batch = take(limit);
        List<String> ids = batch.stream().map(m -> m.getSubject().substring(TaskStreams.SUBJECT_PREFIX.length())).toList();
        List<Optional<TaskRecord>> records = read(ids);
        List<TaskRecord> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            String id = ids.get(i);
            Optional<TaskRecord> r = records.get(i);
            // the caller's clock, moved on by the fetch's wait and the reads: a claim that lapsed during them has lapsed
            long now = nowMs + (System.nanoTime() - called) / 1_000_000;
            if (r.isEmpty()) {
                long age = now - m.metaData().timestamp().toInstant().toEpochMilli();
                if (age > ORPHAN_TICKET_MS) m.ack(); else m.nakWithDelay(Duration.ofMillis(200));
            } else if (r.get().status().isFinal()) {
                m.ack();
            } else if (r.get().claimedBy() != null && r.get().claimUntilMs() >= now) {
                m.nakWithDelay(Duration.ofMillis(r.get().claimUntilMs() - now + 50)); // its node is still renewing
            } else {
                held.put(id, new Held(m, now, r.get().revision()));
                out.add(r.get());
            }
        }
        return out;
    }

    // A batch's records read together (one KV request each, all in flight at once): a batch costs about one read's wait, not one per task.
    private List<Optional<TaskRecord>> read(List<String> ids) {
        if (ids.size() <= 1) return ids.stream().map(this::get).toList();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<TaskRecord>>> reads = ids.stream().map(id -> readers.submit(() -> get(id))).toList();
            List<Optional<TaskRecord>> out = new ArrayList<>(ids.size());
            for (Future<Optional<TaskRecord>> f : reads) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw unavailable("read tasks", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("read tasks", e);
        }
    }

    /*
     * Tickets as soon as one is there: a long poll for one (fetch returns when it comes), then a
     * no-wait pull for whatever else is waiting now, which the server ends at once when the queue is
     * empty. A fetch of the whole batch would hold the first ticket until the batch filled or the
     * wait ran out (up to 250 ms), and a dead node's tickets come back one by one as their ack
     * waits end, so they never fill it.
     */
    private List<Message> take(int limit) {
        List<Message> out = new ArrayList<>(tickets.fetch(1, FETCH_WAIT));
        if (out.isEmpty() || limit == 1) return out;
        tickets.pullNoWait(limit - 1);
        try {
            while (out.size() < limit) {
                Message m = tickets.nextMessage(FETCH_WAIT); // null at the pull's end (404 or 408) or after the wait
                if (m == null) break;
                out.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    // A ticket handed out but never claimed (the engine lost the race) is left to redeliver.
    private void dropStaleTickets(long nowMs) {
        held.values().removeIf(h -> nowMs - h.sinceMs() > 2 * leaseMs && h.ticket().lastAck() == null);
    }

    @Override
    public List<TaskRecord> live() {
        return all().stream().filter(r -> !r.status().isFinal()).toList();
    }

    @Override
    public List<TaskRecord> ownedBy(String owner, String afterId, int limit) {
        List<TaskRecord> out = new ArrayList<>();
        for (String key : keys()) {
            if (afterId != null && key.compareTo(afterId) <= 0) continue;
            get(key).filter(r -> r.owner().equals(owner)).ifPresent(out::add);
            if (out.size() >= limit) break;
        }
        return out;
    }

    @Override
    public long size() {
        return keys().size();
    }

    @Override
    public List<TaskRecord> removeExpired(long nowMs) {
        List<TaskRecord> removed = new ArrayList<>();
        for (TaskRecord r : all()) {
            if (!r.isExpired(nowMs)) continue;
            try {
                kv.delete(r.id(), r.revision());
                settleTicket(r.id());
                removed.add(r);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != 10071) throw unavailable("remove task " + r.id(), e);
            } catch (IOException e) {
                throw unavailable("remove task " + r.id(), e);
            }
        }
        return removed;
    }

    private List<TaskRecord> all() {
        List<TaskRecord> out = new ArrayList<>();
        for (String key : keys()) get(key).ifPresent(out::add);
        return out;
    }

    private List<String> keys() {
        try {
            return kv.keys().stream().sorted().toList();
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("list tasks", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("list tasks", e);
        }
    }

    // The protocol answers this -32000 with retryAfterMs: the cluster is away, not the request wrong.
    private static TaskRejected unavailable(String what, Exception e) {
        var r = new TaskRejected(TaskRejected.Reason.UNAVAILABLE, "the cluster cannot " + what + " now (JetStream bucket "
                + TaskStreams.BUCKET + ": " + e.getMessage() + "); try again later", RETRY_AFTER_MS);
        r.initCause(e);
        return r;
    }

    @Override
    public void close() {
        try {
            tickets.unsubscribe();
        } catch (IllegalStateException e) {
            // the connection is already closed: nothing to undo
        }
    }
}
