package dev.switchboard.agents;

import java.util.Map;

/**
 * One nearest neighbour found by {@link VectorIndex#search}.
 *
 * @param id     the id it was stored under
 * @param score  similarity in [0, 1], higher is closer ((1 + cosine) / 2, as Lucene scores it)
 * @param fields the text fields stored beside the vector
 */
public record VectorHit(String id, float score, Map<String, String> fields) {
    public VectorHit {
        fields = Map.copyOf(fields);
    }
}
