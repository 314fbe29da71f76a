package dev.switchboard.agents;

/**
 * Bytes a {@link VectorIndex} holds, by what they are, as the index files on its directory say.
 *
 * @param vectors        live vectors in the index
 * @param quantizedBytes the int8 vectors (and their per-vector corrections) that searches read
 * @param floatBytes     the float32 copy Lucene keeps beside them for merges and re-quantization
 * @param graphBytes     the HNSW graph (neighbour lists per level)
 * @param totalBytes     every file of the index (stored fields and terms too)
 */
public record VectorMemory(long vectors, long quantizedBytes, long floatBytes, long graphBytes, long totalBytes) {
    /** How many times smaller the searched vectors are than float32 vectors: {@code floatBytes / quantizedBytes}. */
    public double compression() {
        return quantizedBytes == 0 ? 0 : (double) floatBytes / quantizedBytes;
    }
}
