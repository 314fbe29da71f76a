package dev.switchboard.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers finished calls (what was asked, which agent answered, whether it worked, how long it
 * took) as embeddings in a {@link VectorIndex}, so a scheduler can ask which agent did well on
 * work like the call in hand ({@link #preferredAgent}).
 *
 * <p>{@link #record} never blocks the call path: the record is queued and a background virtual
 * thread embeds and indexes it (a few milliseconds each). When the queue is full the record is
 * dropped and counted ({@link #dropped()}): this memory only advises, it is not a ledger. The
 * memory keeps the {@code capacity} most recent calls.
 */
public final class PatternMemory implements AutoCloseable {
    /** Neighbours below this similarity ((1 + cosine) / 2) say nothing about the work asked about. */
    public static final float MIN_SCORE = 0.80f;
    /** The same for a plain-words description of work against remembered calls (cosine 0.4). */
    public static final float MIN_QUERY_SCORE = 0.70f;
    static final int NEIGHBOURS = 50;

    private static final System.Logger LOG = System.getLogger(PatternMemory.class.getName());

    private final Embedder embedder;
    private final VectorIndex index;
    private final int capacity;
    private final BlockingQueue<PatternRecord> queue;
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private long sequence;

    private PatternMemory(Embedder embedder, VectorIndex index, int capacity, int queueSize) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        this.embedder = embedder;
        this.index = index;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.worker = Thread.ofVirtual().name("pattern-memory").start(this::drain);
    }

    /** A memory in RAM of the {@code capacity} most recent calls, embedded by {@code embedder}. */
    public static PatternMemory create(Embedder embedder, int capacity) {
        return new PatternMemory(embedder, VectorIndex.inMemory(embedder.dimensions()), capacity, 10_000);
    }

    /** Queues {@code call} to be remembered; {@code false} (and counted) when the queue is full. */
    public boolean record(PatternRecord call) {
        outstanding.incrementAndGet();
        if (queue.offer(call)) return true;
        outstanding.decrementAndGet();
        if (dropped.incrementAndGet() % 1_000 == 1)
            LOG.log(System.Logger.Level.WARNING, "pattern memory: record queue full, " + dropped.get() + " calls not remembered so far");
        return false;
    }

    /** Waits until every queued record is searchable; {@code false} if {@code timeout} passed first. */
    public boolean awaitRecorded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(5);
        }
        return true;
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Calls remembered now. */
    public int size() {
        return index.size();
    }

    /** The remembered calls most like {@code tool} with {@code arguments}, closest first. */
    public List<PatternMatch> similar(String tool, String arguments, int k) {
        float[] query = embedder.embed(new PatternRecord(tool, arguments, "", true, 0, Instant.EPOCH).description());
        return index.search(query, k).stream().map(h -> new PatternMatch(fromFields(h.fields()), h.score())).toList();
    }

    /**
     * Each candidate's standing on work like {@code tool} with {@code arguments}: over the 50
     * nearest remembered calls at least {@link #MIN_SCORE} alike, the sum of similarity for each
     * success minus the same for each failure. Candidates never seen on such work are absent.
     */
    public Map<String, Double> agentScores(String tool, String arguments, Collection<String> candidates) {
        return scores(similar(tool, arguments, NEIGHBOURS), candidates, MIN_SCORE);
    }

    /**
     * {@link #agentScores(String, String, Collection)} for work described in plain words (a
     * find_tools query), over neighbours at least {@link #MIN_QUERY_SCORE} alike: words compared
     * with a tool name and JSON arguments score lower than two calls compared with each other.
     */
    public Map<String, Double> agentScores(String work, Collection<String> candidates) {
        return scores(similarTo(work, NEIGHBOURS), candidates, MIN_QUERY_SCORE);
    }

    /** The remembered calls most like the work described by {@code work} in plain words, closest first. */
    public List<PatternMatch> similarTo(String work, int k) {
        return index.search(embedder.embed(work), k).stream().map(h -> new PatternMatch(fromFields(h.fields()), h.score())).toList();
    }

    private static Map<String, Double> scores(List<PatternMatch> near, Collection<String> candidates, float minScore) {
        Map<String, Double> scores = new HashMap<>();
        for (PatternMatch m : near) {
            if (m.score() < minScore || !candidates.contains(m.pattern().agent())) continue;
            scores.merge(m.pattern().agent(), (double) (m.pattern().succeeded() ? m.score() : -m.score()), Double::sum);
        }
        return scores;
    }

    /**
     * The candidate that succeeded most on work like this, if any did on balance: what a
     * scheduler asks before its load-aware choice ("for work similar to X, which agent succeeded").
     */
    public Optional<String> preferredAgent(String tool, String arguments, Collection<String> candidates) {
        return agentScores(tool, arguments, candidates).entrySet().stream().filter(e -> e.getValue() > 0)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    private void drain() {
        while (!Thread.currentThread().isInterrupted()) {
            PatternRecord call;
            try {
                call = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                remember(call);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "pattern memory: cannot remember a call of " + call.tool() + ": " + e.getMessage(), e);
            } finally {
                outstanding.decrementAndGet();
            }
        }
    }

    private void remember(PatternRecord call) {
        long id = ++sequence; // only the worker thread writes
        Map<String, String> fields = Map.of("tool", call.tool(), "arguments", call.arguments(), "agent", call.agent(),
                "succeeded", Boolean.toString(call.succeeded()), "latencyMicros", Long.toString(call.latencyMicros()), "at", call.at().toString());
        index.put(Long.toString(id), embedder.embed(call.description()), fields);
        if (id > capacity) index.remove(Long.toString(id - capacity));
    }

    private static PatternRecord fromFields(Map<String, String> f) {
        return new PatternRecord(f.get("tool"), f.get("arguments"), f.get("agent"), Boolean.parseBoolean(f.get("succeeded")),
                Long.parseLong(f.get("latencyMicros")), Instant.parse(f.get("at")));
    }

    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        index.close();
    }
}
