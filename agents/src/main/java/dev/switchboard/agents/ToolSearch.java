package dev.switchboard.agents;

import dev.switchboard.mcp.protocol.Tools;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds tools by what they do: each tool's name, description and arguments are embedded into a
 * {@link VectorIndex}, and a query in plain words returns the nearest tools. Keep it in step with
 * a server's catalogue with {@link #sync}; {@link FindTools} does that for an {@code McpServer}.
 */
public final class ToolSearch implements AutoCloseable {
    private final Embedder embedder;
    private final VectorIndex index;
    /** The text each indexed tool was embedded from, so a sync re-embeds only what changed. */
    private final Map<String, String> indexed = new HashMap<>();

    private ToolSearch(Embedder embedder, VectorIndex index) {
        this.embedder = embedder;
        this.index = index;
    }

    /** An empty search over {@code embedder}'s vectors, indexed in memory. */
    public static ToolSearch create(Embedder embedder) {
        return new ToolSearch(embedder, VectorIndex.inMemory(embedder.dimensions()));
    }

    /** Makes the index hold exactly {@code catalogue}: new and changed tools embedded, removed ones dropped. */
    public synchronized void sync(List<Tools.Tool> catalogue) {
        Set<String> present = new HashSet<>();
        for (Tools.Tool tool : catalogue) {
            present.add(tool.name());
            add(tool);
        }
        for (String name : Set.copyOf(indexed.keySet())) if (!present.contains(name)) remove(name);
    }

    /** Indexes {@code tool} (again, if its text changed). */
    public synchronized void add(Tools.Tool tool) {
        String text = ToolText.of(tool);
        if (text.equals(indexed.get(tool.name()))) return;
        Map<String, String> fields = new HashMap<>();
        if (tool.description() != null) fields.put("description", tool.description());
        index.put(tool.name(), embedder.embed(text), fields);
        indexed.put(tool.name(), text);
    }

    /** Drops tool {@code name} from the index; {@code false} when it was not there. */
    public synchronized boolean remove(String name) {
        if (indexed.remove(name) == null) return false;
        index.remove(name);
        return true;
    }

    /** The names of the tools indexed now. */
    public synchronized Set<String> names() {
        return Set.copyOf(indexed.keySet());
    }

    /** The {@code limit} tools that best match {@code query}, best first. */
    public List<ToolMatch> find(String query, int limit) {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("query must not be blank");
        return index.search(embedder.embed(query), limit).stream()
                .map(h -> new ToolMatch(h.id(), h.fields().get("description"), h.score())).toList();
    }

    @Override
    public void close() {
        index.close();
    }
}
