package dev.switchboard.cluster;

import dev.switchboard.cluster.ClusterCodec.Compression;
import dev.switchboard.cluster.ClusterCodec.Format;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/*
 * Why: the choice of the cluster's encoding rests on sizes and costs measured on the messages the
 * cluster really sends: a task record as created, a task record completed with a 10 KB text result
 * (prose from this project's own documentation, not repeated filler), the same size of structured
 * rows, a session record and a resource-update notification. Part of `sb bench cluster`.
 */
final class CodecBenchmark {
    private static final double SIZE_GOAL = 3.0;
    private static final int DICTIONARY_BYTES = 64 * 1024;
    private static final int SAMPLE_BYTES = 4096;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CodecBenchmark() {
    }

    static void run(boolean quick, PrintStream out) {
        Map<String, Object> messages = messages();
        Format[] formats = Format.values();
        Compression[] compressions = Compression.values();
        out.println("cluster message sizes in bytes (compression only above 1 KB; zstd level 3, LZ4 frame):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-34s", "message"));
        for (Compression c : compressions) for (Format f : formats) head.append(String.format(Locale.ROOT, "%12s", label(f, c)));
        out.println(head);
        double bestRatio = 0;
        String best = "";
        double rowsRatio = 0;
        String bestRows = "";
        for (var m : messages.entrySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-34s", m.getKey()));
            int json = new ClusterCodec(Format.JSON, Compression.NONE, 1024).encode(m.getValue()).length;
            for (Compression c : compressions) {
                for (Format f : formats) {
                    int size = new ClusterCodec(f, c, 1024).encode(m.getValue()).length;
                    row.append(String.format(Locale.ROOT, "%12d", size));
                    if (m.getKey().startsWith("task completed, 10 KB text") && (double) json / size > bestRatio) {
                        bestRatio = (double) json / size;
                        best = label(f, c);
                    }
                    if (m.getKey().startsWith("task completed, 10 KB rows") && (double) json / size > rowsRatio) {
                        rowsRatio = (double) json / size;
                        bestRows = label(f, c);
                    }
                }
            }
            out.println(row);
        }
        out.println();
        out.println("encode+decode of the 10 KB text task record, µs per message (one thread):");
        Object big = messages.get("task completed, 10 KB text result");
        int rounds = quick ? 2_000 : 10_000;
        for (Compression c : compressions) for (Format f : formats) micros(new ClusterCodec(f, c, 1024), big, rounds); // JIT warm-up of every path first
        for (Compression c : compressions) {
            StringBuilder row = new StringBuilder("  ");
            for (Format f : formats) {
                row.append(String.format(Locale.ROOT, "%-12s %6.1f   ", label(f, c), micros(new ClusterCodec(f, c, 1024), big, rounds)));
            }
            out.println(row);
        }
        out.println();
        double dictRatio = withDictionary(messages, big, rounds, out);
        out.println();
        out.printf(Locale.ROOT, "  goal: encoded+compressed ≥ %.0f× smaller than JSON for a 10 KB result, without a dictionary ...... %s"
                + " (prose text: best %s %.2f×; rows: %s %.2f×)%n",
                SIZE_GOAL, bestRatio >= SIZE_GOAL && rowsRatio >= SIZE_GOAL ? "PASS" : "MISS", best, bestRatio, bestRows, rowsRatio);
        if (bestRatio < SIZE_GOAL) {
            out.println("    English prose holds about 2.2-2.5× of redundancy for a general-purpose compressor at any level"
                    + " (docs/cluster.md: xz -9e and zstd --ultra -22 on the same text)");
        }
        if (dictRatio > 0) {
            out.printf(Locale.ROOT, "  goal: the same for prose with cluster.zstdDictionary (held-out training text) ...... %s (%.2f×)%n",
                    dictRatio >= SIZE_GOAL ? "PASS" : "MISS", dictRatio);
        }
        out.println("  the cluster uses " + ClusterCodec.standard().name() + " above 1 KB");
    }

    /**
     * The text and rows records compressed against a dictionary trained on this project's other
     * documents (README.md and docs/*.md, less docs/cluster.md, where the sample text comes from):
     * held-out text of the same kind, as a user's dictionary would be trained on their tools'
     * earlier results. Returns the prose ratio, or 0 when no docs/ folder is here to train on.
     */
    private static double withDictionary(Map<String, Object> messages, Object big, int rounds, PrintStream out) {
        List<byte[]> samples = trainingSamples();
        if (samples.isEmpty()) {
            out.println("  (dictionary rows skipped: no docs/ folder in the working directory to train on; run from the repository)");
            return 0;
        }
        long trainedOn = samples.stream().mapToLong(b -> b.length).sum();
        ZstdDictionary dictionary = ZstdDictionary.train(samples, DICTIONARY_BYTES);
        ClusterCodec codec = ClusterCodec.standard().withDictionary(dictionary);
        int json = new ClusterCodec(Format.JSON, Compression.NONE, 1024).encode(big).length;
        int text = codec.encode(big).length;
        Object rowsRecord = messages.get("task completed, 10 KB rows result");
        int rowsJson = new ClusterCodec(Format.JSON, Compression.NONE, 1024).encode(rowsRecord).length;
        int rows = codec.encode(rowsRecord).length;
        out.printf(Locale.ROOT, "with cluster.zstdDictionary: a %d KB dictionary trained on %,d bytes of README.md and docs/*.md"
                + " (not docs/cluster.md, the sample's source), zstd level %d:%n", DICTIONARY_BYTES / 1024, trainedOn, ZstdDictionary.LEVEL);
        out.printf(Locale.ROOT, "  task completed, 10 KB text result   cbor+zstd+dict %6d bytes (%.2f× smaller than JSON)%n", text, (double) json / text);
        out.printf(Locale.ROOT, "  task completed, 10 KB rows result   cbor+zstd+dict %6d bytes (%.2f× smaller than JSON)%n", rows, (double) rowsJson / rows);
        micros(codec, big, rounds);
        out.printf(Locale.ROOT, "  encode+decode of the text record, µs per message (one thread): %.1f%n", micros(codec, big, rounds));
        return (double) json / text;
    }

    private static List<byte[]> trainingSamples() {
        Path docs = Path.of("docs");
        List<byte[]> samples = new ArrayList<>();
        if (!Files.isDirectory(docs)) return samples;
        try (var files = Files.list(docs)) {
            List<Path> sources = new ArrayList<>(files.filter(f -> f.toString().endsWith(".md") && !f.getFileName().toString().equals("cluster.md"))
                    .sorted().toList());
            if (Files.isRegularFile(Path.of("README.md"))) sources.add(Path.of("README.md"));
            for (Path f : sources) {
                byte[] all = Files.readAllBytes(f);
                for (int at = 0; at < all.length; at += SAMPLE_BYTES) {
                    String chunk = new String(Arrays.copyOfRange(all, at, Math.min(all.length, at + SAMPLE_BYTES)), StandardCharsets.UTF_8);
                    samples.add(asToolResult(chunk)); // what a user's earlier results look like: CallToolResult JSON
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading docs/ to train the dictionary: " + e.getMessage(), e);
        }
        return samples;
    }

    private static byte[] asToolResult(String text) {
        ObjectNode result = JSON.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", false);
        return JSON.writeValueAsBytes(result);
    }

    private static String label(Format f, Compression c) {
        return f.name().toLowerCase(Locale.ROOT) + (c == Compression.NONE ? "" : "+" + c.name().toLowerCase(Locale.ROOT));
    }

    private static double micros(ClusterCodec codec, Object value, int rounds) {
        for (int i = 0; i < rounds / 4; i++) codec.decode(codec.encode(value), TaskRecord.class);
        long t = System.nanoTime();
        for (int i = 0; i < rounds; i++) codec.decode(codec.encode(value), TaskRecord.class);
        return (System.nanoTime() - t) / 1e3 / rounds;
    }

    static Map<String, Object> messages() {
        String text = sampleText();
        TaskRecord created = TaskRecord.created("Vb3kq9x1LwQmZr8TnYc2Aw", "session:9f1c2a7e-4b8d-4e0a-9c1f-5d3b2a1e0f99",
                "search_documents", "{\"query\":\"how does a node take over a task\",\"limit\":20}",
                1_764_533_000_000L, 3_600_000L, 1000, true);
        ObjectNode textResult = JSON.createObjectNode();
        textResult.putArray("content").addObject().put("type", "text").put("text", text);
        textResult.put("isError", false);
        ObjectNode rows = JSON.createObjectNode();
        var array = rows.putArray("content").addObject().put("type", "text");
        var structured = rows.putObject("structuredContent").putArray("hits");
        String[] words = text.split("\\s+");
        int w = 0;
        while (JSON.writeValueAsBytes(rows).length < 10_240) {
            StringBuilder snippet = new StringBuilder();
            for (int i = 0; i < 12; i++) snippet.append(words[w++ % words.length]).append(' ');
            structured.addObject().put("path", "docs/section-" + (w % 37) + ".md").put("line", w * 7 % 900)
                    .put("score", Math.round(1000.0 / (1 + w)) / 1000.0).put("snippet", snippet.toString().trim());
        }
        array.put("text", structured.size() + " hits");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task created", created);
        m.put("task completed, 10 KB text result", completed(created, JSON.writeValueAsString(textResult)));
        m.put("task completed, 10 KB rows result", completed(created, JSON.writeValueAsString(rows)));
        ObjectNode session = JSON.createObjectNode().put("node", "node-3k9x0q1z2w").putObject("session")
                .put("id", "9f1c2a7e-4b8d-4e0a-9c1f-5d3b2a1e0f99").put("protocolVersion", "2025-11-25")
                .put("transport", "streamable-http").put("logLevel", "info").put("lastActiveMs", 1_764_533_000_000L);
        session.putObject("client").put("name", "claude-code").put("version", "2.0.14");
        session.putObject("capabilities").putObject("roots").put("listChanged", true);
        session.putArray("subscriptions").add("file:///srv/project/README.md").add("db://orders/today");
        m.put("session record", JSON.createObjectNode().set("x", session).get("x"));
        ObjectNode notify = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/resources/updated");
        notify.putObject("params").put("uri", "file:///srv/project/README.md");
        m.put("notification (resource updated)", notify);
        return m;
    }

    private static TaskRecord completed(TaskRecord t, String resultJson) {
        return new TaskRecord(t.id(), t.owner(), t.tool(), t.argumentsJson(), TaskStatus.COMPLETED, null, t.createdAtMs(),
                t.createdAtMs() + 420, t.ttlMs(), t.pollIntervalMs(), resultJson, null, null, true, "node-3k9x0q1z2w",
                t.createdAtMs() + 5420, 1, 0);
    }

    private static String sampleText() {
        try (InputStream in = CodecBenchmark.class.getResourceAsStream("sample-result.txt")) {
            if (in == null) throw new IllegalStateException("sample-result.txt is missing from the cluster jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("reading sample-result.txt", e);
        }
    }
}
