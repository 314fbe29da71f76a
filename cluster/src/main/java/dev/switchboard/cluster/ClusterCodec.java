package dev.switchboard.cluster;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;
import tools.jackson.dataformat.cbor.CBORWriteFeature;
import tools.jackson.dataformat.smile.SmileMapper;

/*
 * Why: every message the cluster publishes or stores (task records, session records, notifications)
 * goes through one encoding, measured in `sb bench cluster` (CodecBenchmark): a binary Jackson
 * format, compressed when the encoded bytes pass a threshold. The bytes describe themselves by
 * their magic numbers (zstd and LZ4 frames, Smile's ":)\n", CBOR's self-describe tag), because KV
 * values carry no headers; subjects also send the name in the Sb-Enc header. A reader takes every
 * format (so it reads an older node's plain JSON) and turns anything else into UnreadableMessage,
 * counted here.
 */
final class ClusterCodec {
    static final String HEADER = "Sb-Enc";
    private static final int MAX_DECOMPRESSED = 16 << 20;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper SMILE = SmileMapper.builder().build();
    private static final ObjectMapper CBOR = CBORMapper.builder().enable(CBORWriteFeature.WRITE_TYPE_HEADER).build();

    enum Format { JSON, SMILE, CBOR }

    enum Compression { NONE, ZSTD, LZ4 }

    private final Format format;
    private final Compression compression;
    private final int threshold;
    private final AtomicLong unreadable = new AtomicLong();
    /** The zstd dictionary every node holds ({@code cluster.zstdDictionary}), or null for plain zstd. */
    private final ZstdDictionary dictionary;

    ClusterCodec(Format format, Compression compression, int threshold) {
        this(format, compression, threshold, null);
    }

    private ClusterCodec(Format format, Compression compression, int threshold, ZstdDictionary dictionary) {
        this.format = format;
        this.compression = compression;
        this.threshold = threshold;
        this.dictionary = dictionary;
    }

    /**
     * What the cluster uses: CBOR, zstd above 1 KB. Smile is as small (within 0.3%) and was slower
     * to encode and decode in most runs; LZ4 is faster but leaves a 10 KB result 1.4× larger than
     * zstd does (the figures are in docs/cluster.md).
     */
    static ClusterCodec standard() {
        return new ClusterCodec(Format.CBOR, Compression.ZSTD, 1024);
    }

    /** This codec with zstd frames compressed against {@code dictionary}; it still reads frames without one. */
    ClusterCodec withDictionary(ZstdDictionary dictionary) {
        return new ClusterCodec(format, compression, threshold, dictionary);
    }

    /** The value's bytes: encoded, then compressed when larger than the threshold. */
    byte[] encode(Object value) {
        return compress(mapper(format).writeValueAsBytes(value));
    }

    /** JSON text another mapper wrote (one with its own modules), re-encoded in this codec's format. */
    byte[] fromJson(byte[] json) {
        if (format == Format.JSON) return compress(json);
        return compress(mapper(format).writeValueAsBytes(JSON.readTree(json)));
    }

    /** Any bytes a codec wrote (or plain JSON), as a value. */
    <T> T decode(byte[] bytes, Class<T> type) {
        byte[] plain = decompress(bytes);
        try {
            return mapper(sniff(plain)).readValue(plain, type);
        } catch (JacksonException e) {
            throw unreadable("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Any bytes a codec wrote, as JSON text for a mapper with its own modules. */
    byte[] toJson(byte[] bytes) {
        byte[] plain = decompress(bytes);
        Format f = sniff(plain);
        if (f == Format.JSON) return plain;
        try {
            JsonNode tree = mapper(f).readTree(plain);
            return JSON.writeValueAsBytes(tree);
        } catch (JacksonException e) {
            throw unreadable("corrupt " + f + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The encoding's name for the Sb-Enc header, e.g. {@code smile+zstd}. */
    String name() {
        return format.name().toLowerCase(java.util.Locale.ROOT) + (compression == Compression.NONE ? "" : "+" + compression.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** True when a Sb-Enc header names an encoding this codec reads (every format, every compression). */
    static boolean readable(String header) {
        if (header == null) return true; // a node before the codec: plain JSON
        String[] parts = header.split("\\+", -1);
        if (parts.length > 2) return false;
        boolean format = parts[0].equals("json") || parts[0].equals("smile") || parts[0].equals("cbor");
        return format && (parts.length == 1 || parts[1].equals("zstd") || parts[1].equals("lz4"));
    }

    /** Messages no codec could read since start. */
    long unreadable() {
        return unreadable.get();
    }

    UnreadableMessage unreadable(String why, Throwable cause) {
        unreadable.incrementAndGet();
        return new UnreadableMessage(why, cause);
    }

    private byte[] compress(byte[] encoded) {
        if (encoded.length <= threshold) return encoded;
        return switch (compression) {
            case NONE -> encoded;
            case ZSTD -> dictionary != null ? dictionary.compress(encoded) : Zstd.compress(encoded, 3);
            case LZ4 -> lz4(encoded);
        };
    }

    private static byte[] lz4(byte[] encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length / 2 + 64);
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
            lz4.write(encoded);
        } catch (IOException e) {
            throw new IllegalStateException("LZ4 into memory failed", e);
        }
        return out.toByteArray();
    }

    private byte[] decompress(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw unreadable("an empty message", null);
        try {
            if (isZstd(bytes)) {
                long size = Zstd.getFrameContentSize(bytes);
                if (size < 0 || size > MAX_DECOMPRESSED) throw unreadable("a zstd frame of unknown or excessive size " + size, null);
                long dictId = Zstd.getDictIdFromFrame(bytes);
                if (dictId == 0) return Zstd.decompress(bytes, (int) size);
                if (dictionary == null || dictionary.id() != dictId) {
                    throw unreadable("a zstd frame compressed with dictionary " + dictId + ", which this node does not hold"
                            + " (cluster.zstdDictionary must name the same file on every node)", null);
                }
                return dictionary.decompress(bytes, (int) size);
            }
            if (isLz4(bytes)) return bounded(new LZ4FrameInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableMessage u) throw u;
            throw unreadable("a corrupt compressed frame: " + e.getMessage(), e);
        }
        return bytes;
    }

    private byte[] bounded(InputStream in) throws IOException {
        try (in) {
            byte[] out = in.readNBytes(MAX_DECOMPRESSED + 1);
            if (out.length > MAX_DECOMPRESSED) throw unreadable("an LZ4 frame larger than " + MAX_DECOMPRESSED + " bytes", null);
            return out;
        }
    }

    private Format sniff(byte[] b) {
        if (b.length >= 3 && b[0] == ':' && b[1] == ')' && b[2] == '\n') return Format.SMILE;
        if (b.length >= 3 && (b[0] & 0xff) == 0xD9 && (b[1] & 0xff) == 0xD9 && (b[2] & 0xff) == 0xF7) return Format.CBOR;
        for (byte c : b) {
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
            if (c == '{' || c == '[' || c == '"') return Format.JSON;
            break;
        }
        throw unreadable("bytes in no cluster encoding (first byte 0x" + Integer.toHexString(b[0] & 0xff) + ")", null);
    }

    private static boolean isZstd(byte[] b) {
        return b.length >= 4 && (b[0] & 0xff) == 0x28 && (b[1] & 0xff) == 0xB5 && (b[2] & 0xff) == 0x2F && (b[3] & 0xff) == 0xFD;
    }

    private static boolean isLz4(byte[] b) {
        return b.length >= 4 && b[0] == 0x04 && b[1] == 0x22 && b[2] == 0x4D && b[3] == 0x18;
    }

    private static ObjectMapper mapper(Format f) {
        return switch (f) {
            case JSON -> JSON;
            case SMILE -> SMILE;
            case CBOR -> CBOR;
        };
    }
}
