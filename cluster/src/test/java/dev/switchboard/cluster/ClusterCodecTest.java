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
}
