package dev.switchboard.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Vectors under string ids with a few text fields beside them, searched for nearest neighbours:
 * Lucene HNSW over int8 scalar-quantized vectors (M = 16, beam width 200 while building, 50
 * candidates explored per search), in memory or in a directory on disk. Safe for concurrent use;
 * a write is seen by the next search.
 *
 * <p>Run with {@code --add-modules jdk.incubator.vector} (as {@code ./sb} does) so Lucene scores
 * vectors with SIMD; without it the same results come slower.
 */
public final class VectorIndex implements AutoCloseable {
    static final String ID = "_id";
    static final String VECTOR = "_vector";

    /**
     * Where and how an index lives.
     *
     * @param dimensions  length of every vector
     * @param directory   the directory to keep the index in, or {@code null} for memory only
     * @param fanOut      candidates explored per search (HNSW's ef), at least k
     * @param ramBufferMb indexing buffer; vectors past it go to a new segment (searched separately)
     */
    public record Options(int dimensions, Path directory, int fanOut, double ramBufferMb) {
        public Options {
            if (dimensions < 1 || dimensions > 4096) throw new IllegalArgumentException("dimensions must be 1..4096, was " + dimensions);
            if (fanOut < 1) throw new IllegalArgumentException("fanOut must be at least 1, was " + fanOut);
            if (!(ramBufferMb >= 1)) throw new IllegalArgumentException("ramBufferMb must be at least 1, was " + ramBufferMb);
        }

        public static Options inMemory(int dimensions) {
            return new Options(dimensions, null, 50, 64);
        }

        public Options onDisk(Path dir) {
            return new Options(dimensions, dir, fanOut, ramBufferMb);
        }

        public Options withFanOut(int n) {
            return new Options(dimensions, directory, n, ramBufferMb);
        }

        public Options withRamBufferMb(double mb) {
            return new Options(dimensions, directory, fanOut, mb);
        }
    }

    private final Options options;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicBoolean stale = new AtomicBoolean();

    private VectorIndex(Options options) throws IOException {
        this.options = options;
        this.directory = options.directory() == null ? new ByteBuffersDirectory() : FSDirectory.open(options.directory());
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setNoCFSRatio(0); // separate files per format, so memory() can tell int8 vectors from float32 ones
        IndexWriterConfig config = new IndexWriterConfig().setCodec(new VectorCodec()).setUseCompoundFile(false)
                .setMergePolicy(merges).setRAMBufferSizeMB(options.ramBufferMb()).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, UNCACHED);
    }

    /*
     * Searchers without Lucene's query cache: every vector query is new (its own query vector), so
     * the cache's usage tracking (hashing each rewritten query) is pure cost on the search path.
     */
    private static final org.apache.lucene.search.SearcherFactory UNCACHED = new org.apache.lucene.search.SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null);
            return searcher;
        }
    };

    /** An empty index in memory for vectors of {@code dimensions}. */
    public static VectorIndex inMemory(int dimensions) {
        return open(Options.inMemory(dimensions));
    }

    /** Opens (or creates) an index as {@code options} say. */
    public static VectorIndex open(Options options) {
        try {
            return new VectorIndex(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open vector index" + (options.directory() == null ? "" : " in " + options.directory()), e);
        }
    }

    public int dimensions() {
        return options.dimensions();
    }

    /** Stores {@code vector} under {@code id} with {@code fields}, replacing what was there. */
    public void put(String id, float[] vector, Map<String, String> fields) {
        Document doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, MiniLmEmbedder.unit(checked(vector)), VectorSimilarityFunction.DOT_PRODUCT));
        fields.forEach((name, value) -> {
            if (name.startsWith("_")) throw new IllegalArgumentException("field names starting with '_' are the index's own: " + name);
            if (value != null) doc.add(new StoredField(name, value));
        });
        write(() -> writer.updateDocument(new Term(ID, id), doc));
    }

    /** Removes what is stored under {@code id}, if anything. */
    public void remove(String id) {
        write(() -> writer.deleteDocuments(new Term(ID, id)));
    }

    /** The {@code k} stored vectors nearest {@code query}, nearest first. */
    public List<VectorHit> search(float[] query, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, was " + k);
        float[] q = MiniLmEmbedder.unit(checked(query));
        return read(searcher -> {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, q, Math.max(k, options.fanOut())), Math.max(k, options.fanOut()));
            StoredFields stored = searcher.storedFields();
            List<VectorHit> hits = new ArrayList<>(Math.min(k, top.scoreDocs.length));
            for (ScoreDoc sd : top.scoreDocs) {
                if (hits.size() == k) break;
                Map<String, String> fields = new LinkedHashMap<>();
                String id = null;
                for (IndexableField f : stored.document(sd.doc)) {
                    if (f.name().equals(ID)) id = f.stringValue();
                    else fields.put(f.name(), f.stringValue());
                }
                hits.add(new VectorHit(id, sd.score, fields));
            }
            return hits;
        });
    }

    /** Live vectors in the index. */
    public int size() {
        return read(searcher -> searcher.getIndexReader().numDocs());
    }

    /** What the index holds, in bytes, by kind (it makes pending writes searchable first). */
    public VectorMemory memory() {
        int live = size();
        try {
            long quantized = 0, floats = 0, graph = 0, total = 0;
            for (String file : directory.listAll()) {
                long length;
                try {
                    length = directory.fileLength(file);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue; // merged away while we listed
                }
                total += length;
                String ext = file.substring(file.lastIndexOf('.') + 1);
                switch (ext) {
                    case "veq" -> quantized += length;
                    case "vec" -> floats += length;
                    case "vex" -> graph += length;
                    default -> { }
                }
            }
            return new VectorMemory(live, quantized, floats, graph, total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the vector index's files", e);
        }
    }

    /** Segments searched now (each has its own HNSW graph; one search visits every one). */
    public int segments() {
        return read(searcher -> searcher.getIndexReader().leaves().size());
    }

    /** Merges the index into one segment (one graph to search); slow, for bulk loads. */
    public void forceMerge() {
        write(() -> writer.forceMerge(1));
    }

    private float[] checked(float[] vector) {
        if (vector == null || vector.length != options.dimensions())
            throw new IllegalArgumentException("vector has " + (vector == null ? "no" : vector.length) + " dimensions; this index holds " + options.dimensions());
        return vector;
    }

    private interface Write {
        void run() throws IOException;
    }

    private interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private void write(Write w) {
        try {
            w.run();
            stale.set(true);
        } catch (IOException e) {
            throw new UncheckedIOException("vector index write failed", e);
        }
    }

    private <T> T read(Read<T> r) {
        try {
            if (stale.compareAndSet(true, false)) searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                return r.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("vector index search failed", e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            if (options.directory() != null) writer.commit();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the vector index", e);
        }
    }
}
