package dev.switchboard.agents;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;

/*
 * Why a codec subclass: Lucene picks the vector format per field through the codec, and the
 * default format keeps float32 vectors in the graph's search path. Every vector field here gets
 * HNSW over int8 (8 bits per dimension, UNSIGNED_BYTE) scalar-quantized vectors with the seed's
 * parameters: M = 16 neighbours per node, beam width 200 while building. Lucene still keeps the
 * float32 copy on the side (it re-quantizes from it on merges); searches read the int8 copy.
 */
final class VectorCodec extends Lucene104Codec {
    static final int M = 16;
    static final int BEAM_WIDTH = 200;

    private final KnnVectorsFormat format = new Lucene104HnswScalarQuantizedVectorsFormat(
            QuantizedByteVectorValues.ScalarEncoding.UNSIGNED_BYTE, M, BEAM_WIDTH);

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
    }
}
