package dev.switchboard.cluster;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdDictTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/*
 * Why: English prose holds about 2.2-2.5x of redundancy for zstd alone, however high the level
 * (docs/cluster.md has the figures). A zstd dictionary trained on a tool's earlier results knows
 * the vocabulary beforehand and takes a 10 KB prose record from 2.2x to about 2.7x, rows from 3.05x
 * to 3.7x. Every node must hold the same one; a frame names its dictionary by id, so a node holding
 * another one refuses the frame by name instead of misreading it.
 */
final class ZstdDictionary {
    /**
     * The zstd level used with a dictionary. On the benchmark's 10 KB prose record: level 3 2.48x,
     * 6 2.66x, 9 2.70x, 19 2.81x smaller than JSON; 6 takes most of the gain at a fraction of 19's time.
     */
    static final int LEVEL = 6;
    private final long id;
    private final ZstdDictCompress compress;
    private final ZstdDictDecompress decompress;

    private ZstdDictionary(byte[] dictionary, String source) {
        this.id = Zstd.getDictIdFromDict(dictionary);
        if (id == 0) {
            throw new IllegalArgumentException(source + " is not a zstd dictionary (no dictionary id in it); make one with "
                    + "`zstd --train SAMPLES… -o FILE` over results your tools return");
        }
        this.compress = new ZstdDictCompress(dictionary, LEVEL);
        this.decompress = new ZstdDictDecompress(dictionary);
    }

    /** The dictionary in {@code file} ({@code cluster.zstdDictionary}); the error names the file and the key. */
    static ZstdDictionary load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cluster.zstdDictionary: cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ZstdDictionary(bytes, "cluster.zstdDictionary: " + file);
    }

    /** A dictionary of {@code size} bytes trained on {@code samples} (each sample one typical message or result). */
    static ZstdDictionary train(List<byte[]> samples, int size) {
        long total = 0;
        for (byte[] s : samples) total += s.length;
        ZstdDictTrainer trainer = new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE, total), size);
        for (byte[] s : samples) trainer.addSample(s);
        return new ZstdDictionary(trainer.trainSamples(), "the trained dictionary");
    }

    long id() {
        return id;
    }

    byte[] compress(byte[] plain) {
        return Zstd.compress(plain, compress);
    }

    byte[] decompress(byte[] frame, int size) {
        return Zstd.decompress(frame, decompress, size);
    }
}
