package dev.switchboard.agents;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/*
 * Why one shared instance: the ONNX session holds the 23 MB model and its own thread pool, and
 * loading it costs about a second, so a process loads it once (lazily, on first use) and every
 * index embeds through it. The model is thread-safe. Vectors are normalized here so that cosine
 * similarity and dot product agree whatever the library version does.
 */
final class MiniLmEmbedder implements Embedder {
    static final int DIMENSIONS = 384;
    /** Texts longer than this are cut: the model reads 256 word pieces at most anyway. */
    static final int MAX_CHARS = 2_000;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);

    private static final class Holder {
        static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
    }

    static MiniLmEmbedder shared() {
        return Holder.INSTANCE;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] embed(String text) {
        return unit(model.embed(clip(text)).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(clip(t))).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(MiniLmEmbedder::unit).toList();
    }

    private static String clip(String text) {
        if (text == null || text.isBlank()) return "(empty)";
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
    }

    static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) sum += x * x;
        if (sum == 0) return v;
        float inv = (float) (1 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
        return out;
    }
}
