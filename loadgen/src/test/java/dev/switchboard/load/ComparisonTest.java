package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static Comparison.PeerFigures peer(String name, double calls, double p99, double churn, long perSession) {
        return new Comparison.PeerFigures(name, name, calls, p99 / 10, p99, churn, 100 << 20, perSession, perSession, 0);
    }

    @Test
    void goals_passAndMissWithFigures() {
        List<String> goals = Comparison.goals(List.of(
                peer("switchboard", 60_000, 2, 9_000, 3_000),
                peer("java-sdk", 10_000, 8, 2_000, 2_000),
                peer("floor", 90_000, 1, 20_000, 1_000)));
        assertThat(goals).containsExactly(
                "PASS tools/call throughput >= 5x Java SDK: 6.00x",
                "PASS tools/call throughput >= 60% of the floor: 67%",
                "MISS p99 <= 1/5 of Java SDK's at the same load (50 connections): 2.000 ms vs 8.000 ms",
                "PASS churn >= 3x Java SDK: 4.50x",
                "MISS memory per idle session (RSS) <= Java SDK's: 3000 B vs 2000 B");
    }

    @Test
    void goals_withoutTheJavaSdk_areNotApplicable() {
        List<String> goals = Comparison.goals(List.of(peer("switchboard", 60_000, 2, 9_000, 3_000), peer("floor", 200_000, 1, 20_000, 1_000)));
        assertThat(goals).filteredOn(g -> g.startsWith("N/A")).hasSize(4);
        assertThat(goals).contains("MISS tools/call throughput >= 60% of the floor: 30%");
    }

    @Test
    void median_oddEvenEmpty() {
        assertThat(Comparison.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Comparison.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        assertThat(Comparison.median(new double[0])).isEqualTo(-1);
    }

    @Test
    void peers_sdkPeersNameWhatIsMissing(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThat(Peers.javaSdk(empty).missing()).get().asString().contains("peers/java-sdk/target/classes is missing", "mvn -B -q install");
        assertThat(Peers.typescriptSdk(empty).missing()).get().asString().contains("npm ci");
        assertThat(Peers.switchboard(empty).missing()).isEmpty();
        assertThat(Peers.all(empty)).extracting(Peer::name).containsExactly("switchboard", "java-sdk", "ts-sdk", "floor");
    }
}
