package dev.switchboard.benchmarks;

import dev.switchboard.agents.Embedder;
import dev.switchboard.agents.VectorHit;
import dev.switchboard.agents.VectorIndex;
import dev.switchboard.agents.VectorMemory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Pattern memory's vector index against the goals (issue 14): recall@10 against exact
 * float32 search, search p99 at 100,000 vectors, int8 vector bytes against float32, and what the
 * in-process embedding model costs per text. Not a JMH suite: the figures are a recall, a tail
 * latency and byte counts of one built index.
 *
 * <p>The vectors: {@code real} generated tool-call descriptions embedded by the real model
 * (all-MiniLM-L6-v2, quantized); the rest, up to {@code vectors}, are derived from them, each
 * {@code normalize(a + r·b + noise)} for two random real vectors a, b, r uniform in [0, 0.6] and
 * Gaussian noise of σ 0.02 per dimension, because embedding 100,000 texts on two busy cores takes
 * far longer than a bench should. Queries are real embeddings of other generated descriptions.
 *
 * <p>Run it with {@code ./sb bench memory} ({@code --quick}: 20,000 vectors;
 * {@code -p vectors=N,real=N,queries=N,searches=N}).
 */
public final class MemoryBenchmark {
    static final double GOAL_RECALL = 0.95;
    static final double GOAL_P99_MS = 5;
    static final double GOAL_COMPRESSION = 3.5;
    static final int K = 10;

    private MemoryBenchmark() {}

    record Settings(int vectors, int real, int queries, int searches) {
        static Settings from(boolean quick, Map<String, String> params) {
            int vectors = quick ? 20_000 : 100_000, real = quick ? 500 : 2_000, queries = 200, searches = quick ? 2_000 : 5_000;
            for (Map.Entry<String, String> p : params.entrySet()) {
                int v;
                try {
                    v = Integer.parseInt(p.getValue().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("-p " + p.getKey() + " must be a whole number, was '" + p.getValue() + "'");
                }
                if (v < 1) throw new IllegalArgumentException("-p " + p.getKey() + " must be at least 1, was " + v);
                switch (p.getKey()) {
                    case "vectors" -> vectors = v;
                    case "real" -> real = v;
                    case "queries" -> queries = v;
                    case "searches" -> searches = v;
                    default -> throw new IllegalArgumentException("no parameter '" + p.getKey() + "'; there is vectors, real, queries, searches");
                }
            }
            if (real > vectors) throw new IllegalArgumentException("-p real (" + real + ") must not exceed vectors (" + vectors + ")");
            return new Settings(vectors, real, queries, searches);
        }
    }

    /** Measures, prints the figures and the goal verdicts to {@code out}; false when a goal was missed. */
    public static boolean run(boolean quick, Map<String, String> params, PrintStream out) {
        Settings s = Settings.from(quick, params);
        out.printf(Locale.ROOT, "sb bench memory%s: pattern memory's vector index (Lucene HNSW, int8, M=16, beam 200, fan-out 50) and the embedding model%n",
                quick ? " --quick" : "");
        out.printf(Locale.ROOT, "%,d vectors of 384 dimensions: %,d real embeddings of generated tool-call descriptions, %,d derived from them "
                + "(normalize(a + r*b + noise), see MemoryBenchmark); %d real query embeddings; %s%n%n",
                s.vectors(), s.real(), s.vectors() - s.real(), s.queries(), System.getProperty("java.vm.name") + " " + Runtime.version());

        long t0 = System.nanoTime();
        Embedder model = Embedder.miniLm();
        model.embed("warm up the model");
        out.printf(Locale.ROOT, "model load and first embedding: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        List<String> texts = MemoryCorpus.calls(s.real() + s.queries(), 14);
        Histogram single = new Histogram(3);
        List<float[]> real = new ArrayList<>(s.real());
        long embedStart = System.nanoTime();
        for (String text : texts.subList(0, s.real())) {
            long e0 = System.nanoTime();
            real.add(model.embed(text));
            single.recordValue((System.nanoTime() - e0) / 1_000);
        }
        double embedSeconds = (System.nanoTime() - embedStart) / 1e9;
        List<float[]> queries = model.embedAll(texts.subList(s.real(), texts.size()));
        out.printf(Locale.ROOT, "embedding one text (one at a time, %,d texts of ~60 chars): p50 %.2f ms, p99 %.2f ms, %.0f texts/s%n",
                s.real(), single.getValueAtPercentile(50) / 1e3, single.getValueAtPercentile(99) / 1e3, s.real() / embedSeconds);

        float[][] all = new float[s.vectors()][];
        for (int i = 0; i < s.real(); i++) all[i] = real.get(i);
        Random r = new Random(42);
        for (int i = s.real(); i < s.vectors(); i++) all[i] = derived(real.get(r.nextInt(s.real())), real.get(r.nextInt(s.real())), r);

        VectorIndex index = VectorIndex.open(VectorIndex.Options.inMemory(384).withRamBufferMb(4_096));
        try (index) {
            long b0 = System.nanoTime();
            for (int i = 0; i < all.length; i++) index.put(Integer.toString(i), all[i], Map.of());
            VectorMemory memory = index.memory(); // flushes: the graph is complete and searchable from here
            out.printf(Locale.ROOT, "index build: %,d vectors in %.1f s (one thread), %d segment(s)%n", all.length, (System.nanoTime() - b0) / 1e9,
                    index.segments());
            if (index.segments() > 1) { // one graph to search, not one per segment
                long m0 = System.nanoTime();
                index.forceMerge();
                out.printf(Locale.ROOT, "force-merged to %d segment in %.1f s%n", index.segments(), (System.nanoTime() - m0) / 1e9);
            }

            double recall = recall(index, all, queries);
            Histogram cpu = new Histogram(3);
            Histogram latency = searchLatency(index, queries, s.searches(), cpu);
            out.printf(Locale.ROOT, "recall@%d against exact float32 search over %,d vectors (%d queries): %.4f%n", K, all.length, queries.size(), recall);
            out.printf(Locale.ROOT, "search latency (k=%d, %,d searches, one thread): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", K, s.searches(),
                    latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3);
            if (cpu.getTotalCount() > 0)
                out.printf(Locale.ROOT, "  the same searches in CPU time of the searching thread (without waits for a core): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                        cpu.getValueAtPercentile(50) / 1e3, cpu.getValueAtPercentile(99) / 1e3, cpu.getMaxValue() / 1e3);
            long floatBaseline = (long) all.length * 384 * Float.BYTES;
            out.printf(Locale.ROOT, "vector bytes: int8 (searched) %,d = %.0f B/vector; float32 %,d = %.0f B/vector; graph %,d; whole index %,d%n",
                    memory.quantizedBytes(), (double) memory.quantizedBytes() / all.length, floatBaseline, (double) floatBaseline / all.length,
                    memory.graphBytes(), memory.totalBytes());
            out.printf(Locale.ROOT, "note: Lucene keeps the float32 copy too (%,d bytes, for merges); in memory it is held beside the int8 vectors, "
                    + "on disk (VectorIndex.Options.onDisk) it is paged in only by merges%n%n", memory.floatBytes());

            double compression = (double) floatBaseline / memory.quantizedBytes();
            List<Goal.Verdict> verdicts = List.of(
                    new Goal.Verdict(recall >= GOAL_RECALL ? Goal.Status.PASS : Goal.Status.MISS,
                            String.format(Locale.ROOT, "recall@10 >= %.2f against exact search: %.4f", GOAL_RECALL, recall)),
                    new Goal.Verdict(all.length < 100_000 ? Goal.Status.NOT_MEASURED
                            : latency.getValueAtPercentile(99) / 1e3 < GOAL_P99_MS ? Goal.Status.PASS : Goal.Status.MISS,
                            String.format(Locale.ROOT, "search p99 < %.0f ms at 100,000 vectors: %.3f ms at %,d", GOAL_P99_MS,
                                    latency.getValueAtPercentile(99) / 1e3, all.length)),
                    new Goal.Verdict(compression >= GOAL_COMPRESSION ? Goal.Status.PASS : Goal.Status.MISS,
                            String.format(Locale.ROOT, "searched vectors >= %.1fx smaller than float32: %.2fx", GOAL_COMPRESSION, compression)));
            out.println("goals (issue 14)");
            for (Goal.Verdict v : verdicts) out.println("  " + v.line());
            return verdicts.stream().noneMatch(v -> v.status() == Goal.Status.MISS);
        }
    }

    static float[] derived(float[] a, float[] b, Random r) {
        float mix = r.nextFloat() * 0.6f;
        float[] v = new float[a.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = a[i] + mix * b[i] + (float) (r.nextGaussian() * 0.02);
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) v[i] *= inv;
        return v;
    }

    /** Mean share of the exact top-k (brute-force float32 dot product) that the index returns. */
    static double recall(VectorIndex index, float[][] all, List<float[]> queries) {
        double sum = 0;
        for (float[] q : queries) {
            Set<String> exact = exactTopK(all, q);
            Set<String> found = new HashSet<>();
            for (VectorHit h : index.search(q, K)) found.add(h.id());
            found.retainAll(exact);
            sum += (double) found.size() / K;
        }
        return sum / queries.size();
    }

    static Set<String> exactTopK(float[][] all, float[] q) {
        int[] best = new int[K];
        float[] scores = new float[K];
        java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < all.length; i++) {
            float dot = 0;
            float[] v = all[i];
            for (int d = 0; d < v.length; d++) dot += v[d] * q[d];
            if (dot <= scores[K - 1]) continue;
            int at = K - 1;
            while (at > 0 && scores[at - 1] < dot) {
                scores[at] = scores[at - 1];
                best[at] = best[at - 1];
                at--;
            }
            scores[at] = dot;
            best[at] = i;
        }
        Set<String> ids = new HashSet<>();
        for (int i : best) ids.add(Integer.toString(i));
        return ids;
    }

    /** Wall time per search (returned) and, when the JVM can tell, the searching thread's CPU time per search (into {@code cpu}). */
    static Histogram searchLatency(VectorIndex index, List<float[]> queries, int searches, Histogram cpu) {
        // warm-up until the search path is compiled by C2: at least 3,000 searches and 3 s (a busy machine compiles slowly)
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 3_000 || System.nanoTime() < warmEnd; i++) index.search(queries.get(i % queries.size()), K);
        System.gc(); // the build's garbage collected now, not during the measured searches
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        Histogram h = new Histogram(3);
        for (int i = 0; i < searches; i++) {
            long c0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            index.search(queries.get(i % queries.size()), K);
            h.recordValue((System.nanoTime() - t0) / 1_000);
            if (cpuTime) cpu.recordValue((threads.getCurrentThreadCpuTime() - c0) / 1_000);
        }
        return h;
    }
}
