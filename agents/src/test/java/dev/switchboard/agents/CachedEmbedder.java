package dev.switchboard.agents;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real model, each distinct text embedded once per test JVM: the test classes index the same catalogue. */
final class CachedEmbedder implements Embedder {
    static final CachedEmbedder MINI_LM = new CachedEmbedder(Embedder.miniLm());

    private final Embedder model;
    private final Map<String, float[]> seen = new ConcurrentHashMap<>();

    private CachedEmbedder(Embedder model) {
        this.model = model;
    }

    @Override
    public int dimensions() {
        return model.dimensions();
    }

    @Override
    public float[] embed(String text) {
        return seen.computeIfAbsent(text, model::embed);
    }
}
