package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Lucene HNSW int8 index on its own, with random vectors (no model needed). */
class VectorIndexTest {
    private static float[] random(Random r, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    @Test
    void search_storedVector_isItsOwnNearestNeighbourWithItsFields() {
        Random r = new Random(7);
        try (VectorIndex index = VectorIndex.inMemory(64)) {
            float[][] all = new float[200][];
            for (int i = 0; i < all.length; i++) index.put("v" + i, all[i] = random(r, 64), Map.of("n", Integer.toString(i)));
            for (int i : new int[] {0, 57, 199}) {
                VectorHit hit = index.search(all[i], 1).getFirst();
                assertThat(hit.id()).isEqualTo("v" + i);
                assertThat(hit.fields()).containsEntry("n", Integer.toString(i));
                assertThat(hit.score()).isGreaterThan(0.95f);
            }
            assertThat(index.size()).isEqualTo(200);
        }
    }

    @Test
    void remove_andReplace_areSeenByTheNextSearch() {
        Random r = new Random(11);
        try (VectorIndex index = VectorIndex.inMemory(32)) {
            float[] a = random(r, 32), b = random(r, 32);
            index.put("a", a, Map.of());
            index.put("b", b, Map.of());
            index.remove("a");
            assertThat(index.search(a, 5)).extracting(VectorHit::id).containsExactly("b");
            index.put("b", a, Map.of("v", "2"));
            assertThat(index.size()).isEqualTo(1);
            assertThat(index.search(a, 1).getFirst().fields()).containsEntry("v", "2");
        }
    }

    @Test
    void put_wrongDimensions_isRefusedNamingBoth() {
        try (VectorIndex index = VectorIndex.inMemory(8)) {
            assertThatThrownBy(() -> index.put("x", new float[3], Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 dimensions").hasMessageContaining("holds 8");
            assertThatThrownBy(() -> index.search(new float[9], 1)).hasMessageContaining("9 dimensions");
        }
    }

    @Test
    void memory_quantizedVectorsAreAboutFourTimesSmallerThanFloats() {
        Random r = new Random(3);
        try (VectorIndex index = VectorIndex.inMemory(384)) {
            for (int i = 0; i < 500; i++) index.put("v" + i, random(r, 384), Map.of());
            VectorMemory m = index.memory();
            assertThat(m.vectors()).isEqualTo(500);
            assertThat(m.floatBytes()).isGreaterThanOrEqualTo(500L * 384 * 4);
            assertThat(m.quantizedBytes()).isGreaterThanOrEqualTo(500L * 384).isLessThan(m.floatBytes() / 3);
            assertThat(m.graphBytes()).isPositive();
        }
    }

    @Test
    void onDisk_reopened_keepsItsVectors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Random r = new Random(5);
        float[] v = random(r, 16);
        try (VectorIndex index = VectorIndex.open(VectorIndex.Options.inMemory(16).onDisk(dir))) {
            index.put("kept", v, Map.of("k", "1"));
        }
        try (VectorIndex index = VectorIndex.open(VectorIndex.Options.inMemory(16).onDisk(dir))) {
            assertThat(index.search(v, 1)).extracting(VectorHit::id).containsExactly("kept");
        }
    }
}
