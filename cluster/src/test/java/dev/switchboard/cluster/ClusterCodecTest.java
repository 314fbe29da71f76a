package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.cluster.ClusterCodec.Compression;
import dev.switchboard.cluster.ClusterCodec.Format;
import dev.switchboard.tasks.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ClusterCodecTest {
    private final TaskRecord big = (TaskRecord) CodecBenchmark.messages().get("task completed, 10 KB text result");
    private final TaskRecord small = (TaskRecord) CodecBenchmark.messages().get("task created");

    @Test
    void decode_everyFormatAndCompression_roundTrips() {
        ClusterCodec reader = ClusterCodec.standard();
        for (Format f : Format.values()) {
            for (Compression c : Compression.values()) {
                byte[] bytes = new ClusterCodec(f, c, 1024).encode(big);
                assertThat(reader.decode(bytes, TaskRecord.class)).as(f + "+" + c).isEqualTo(big);
            }
        }
    }

    @Test
    void encode_aboveThreshold_compressesAndBelowDoesNot() {
        ClusterCodec codec = ClusterCodec.standard();
        byte[] json = JsonMapper.builder().build().writeValueAsBytes(big);
        assertThat(codec.encode(big).length).isLessThan(json.length / 2);
        byte[] tiny = codec.encode(small);
        assertThat(tiny[0] & 0xff).isEqualTo(0xD9); // the CBOR self-describe tag, not a zstd frame
    }

    @Test
    void decode_plainJsonOfAnOlderNode_isRead() {
        byte[] json = JsonMapper.builder().build().writeValueAsBytes(small);
        assertThat(ClusterCodec.standard().decode(json, TaskRecord.class)).isEqualTo(small);
        assertThat(new String(ClusterCodec.standard().toJson(ClusterCodec.standard().encode(small)), StandardCharsets.UTF_8))
                .contains("\"tool\":\"search_documents\"");
    }

    @Test
    void decode_foreignOrCorruptBytes_throwsUnreadableAndCounts() {
        ClusterCodec codec = ClusterCodec.standard();
        byte[] compressed = codec.encode(big);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
        assertThatThrownBy(() -> codec.decode("hello".getBytes(StandardCharsets.UTF_8), TaskRecord.class))
                .isInstanceOf(UnreadableMessage.class).hasMessageContaining("no cluster encoding");
        assertThatThrownBy(() -> codec.decode(truncated, TaskRecord.class)).isInstanceOf(UnreadableMessage.class);
        assertThatThrownBy(() -> codec.decode(new byte[0], TaskRecord.class)).isInstanceOf(UnreadableMessage.class);
        assertThatThrownBy(() -> codec.decode("{\"id\":".getBytes(StandardCharsets.UTF_8), TaskRecord.class))
                .isInstanceOf(UnreadableMessage.class);
        assertThat(codec.unreadable()).isEqualTo(4);
    }

    @Test
    void readable_headerNames_acceptsOursRejectsOthers() {
        assertThat(ClusterCodec.readable(null)).isTrue();
        assertThat(ClusterCodec.readable("cbor+zstd")).isTrue();
        assertThat(ClusterCodec.readable("smile+lz4")).isTrue();
        assertThat(ClusterCodec.readable("json")).isTrue();
        assertThat(ClusterCodec.readable("protobuf")).isFalse();
        assertThat(ClusterCodec.readable("cbor+gzip")).isFalse();
        assertThat(ClusterCodec.standard().name()).isEqualTo("cbor+zstd");
    }

    @Test
    void dictionary_framesRoundTripAndAreSmaller_anotherDictionaryRefusesByName() {
        ZstdDictionary one = ZstdDictionary.train(samples(1), 16 * 1024);
        ZstdDictionary other = ZstdDictionary.train(samples(2), 16 * 1024);
        assertThat(one.id()).isNotEqualTo(other.id());
        ClusterCodec withOne = ClusterCodec.standard().withDictionary(one);
        byte[] plain = ClusterCodec.standard().encode(big);
        byte[] dict = withOne.encode(big);
        assertThat(withOne.decode(dict, TaskRecord.class)).isEqualTo(big);
        assertThat(dict.length).isLessThan(plain.length);
        assertThat(withOne.decode(plain, TaskRecord.class)).isEqualTo(big); // frames without a dictionary still read
        ClusterCodec withOther = ClusterCodec.standard().withDictionary(other);
        assertThatThrownBy(() -> withOther.decode(dict, TaskRecord.class)).isInstanceOf(UnreadableMessage.class)
                .hasMessageContaining("dictionary " + one.id()).hasMessageContaining("cluster.zstdDictionary");
        assertThatThrownBy(() -> ClusterCodec.standard().decode(dict, TaskRecord.class)).isInstanceOf(UnreadableMessage.class);
        assertThat(withOther.unreadable()).isEqualTo(1);
    }

    @Test
    void load_fileThatIsNoDictionary_failsNamingKeyAndFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path junk = java.nio.file.Files.writeString(dir.resolve("junk.dict"), "not a dictionary at all");
        assertThatThrownBy(() -> ZstdDictionary.load(junk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster.zstdDictionary").hasMessageContaining("junk.dict").hasMessageContaining("not a zstd dictionary");
        assertThatThrownBy(() -> ZstdDictionary.load(dir.resolve("missing.dict"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void connect_dictionaryFileMissing_failsNamingTheKeyBeforeReachingNats(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ClusterSettings settings = ClusterSettings.of("nats://127.0.0.1:1").withZstdDictionary(dir.resolve("gone.dict"));
        assertThatThrownBy(() -> NatsCluster.connect(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster.zstdDictionary").hasMessageContaining("gone.dict");
    }

    /** Sentences of a seeded vocabulary, a different seed a differently trained dictionary. */
    private static java.util.List<byte[]> samples(long seed) {
        java.util.Random r = new java.util.Random(seed);
        String[] words = {"task", "node", "session", "stream", "cluster", "result", "claim", "lease", "record", "ticket", "redelivery",
                "consumer", "bucket", "revision", "publish", "acknowledge", "replica", "leader", "journal", "event"};
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < 60; w++) b.append(words[r.nextInt(words.length)]).append(r.nextInt(7) == 0 ? ". " : " ");
            b.append(seed);
            out.add(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
