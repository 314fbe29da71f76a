package dev.switchboard.agents;

import java.util.List;

/**
 * Turns text into a unit-length vector whose dot product with another says how alike their
 * meanings are. {@link #miniLm()} is the in-process model every part of pattern memory uses.
 */
public interface Embedder {
    /** The length of every vector this embedder returns. */
    int dimensions();

    /** The unit-length embedding of {@code text}. */
    float[] embed(String text);

    /** The embeddings of {@code texts}, in order; batching is cheaper per text than one call each. */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    /**
     * The quantized all-MiniLM-L6-v2 sentence model (384 dimensions) run in process by ONNX
     * Runtime. The model ships inside its jar, so nothing is downloaded; it loads once per
     * process (about a second) and is shared, being safe for concurrent use.
     */
    static Embedder miniLm() {
        return MiniLmEmbedder.shared();
    }
}
