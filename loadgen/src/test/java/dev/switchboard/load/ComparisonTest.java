package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static Comparison.PeerFigures peer(String name, double calls, double p99, double stateless, double churn, long heapPerSession) {
        return new Comparison.PeerFigures(name, name, calls, p99 / 10, p99, stateless, stateless < 0 ? -1 : p99 / 10, stateless < 0 ? -1 : p99,
                churn, 100 << 20, heapPerSession, heapPerSession, 0);
    }

    @Test
    void goals_passAndMissWithFigures() {
        List<String> goals = ComparisonGoals.of(List.of(
                peer("switchboard", 60_000, 2, 50_000, 9_000, 3_000),
                peer("java-sdk", 10_000, 8, 12_000, 2_000, 2_000),
                peer("quarkus", 45_000, 3, -1, 9_000, 2_000),
                peer("spring", 20_000, 5, -1, 3_000, 2_000),
                peer("ts-sdk-v2", 3_000, 30, 60_000, 500, Comparison.NOT_MEASURED),
                peer("floor", 90_000, 1, 80_000, 20_000, 1_000)));
        assertThat(goals).containsExactly(
                "PASS session-era tools/call >= 5x the Java SDK: 6.00x",
                "MISS session-era tools/call >= 1.5x the fastest other Java peer (quarkus, spring): 1.33x quarkus",
                "MISS session-era tools/call >= 0.7x the Netty floor: 0.67x",
                "PASS p99 <= 1/3 of the Java SDK's at 50 connections: 2.000 ms vs 8.000 ms (0.25x of it)",
                "PASS churn >= 3x the Java SDK: 4.50x",
                "PASS heap per idle session <= 4 KiB: 3000 B",
                "MISS stateless-era tools/call >= 0.7x the Netty floor: 0.63x",
                "MISS stateless-era tools/call ahead of every peer serving 2026-07-28 (java-sdk, ts-sdk-v2): 0.83x the fastest, ts-sdk-v2");
    }

    @Test
    void goals_withoutTheOtherPeers_areNotApplicable() {
        List<String> goals = ComparisonGoals.of(List.of(peer("switchboard", 60_000, 2, 50_000, 9_000, 3_000), peer("floor", 200_000, 1, 60_000, 20_000, 1_000)));
        assertThat(goals).filteredOn(g -> g.startsWith("N/A")).hasSize(5);
        assertThat(goals).contains("MISS session-era tools/call >= 0.7x the Netty floor: 0.30x", "PASS stateless-era tools/call >= 0.7x the Netty floor: 0.83x",
                "N/A  stateless-era tools/call ahead of every peer serving 2026-07-28 (none measured): its peer was not measured (see the FAILED lines, or --only)");
    }

    @Test
    void run_aPeerThatCannotBeBuilt_failsNamingIt(@org.junit.jupiter.api.io.TempDir Path empty) throws Exception {
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        Comparison.Options options = new Comparison.Options(empty, true, 1, empty.resolve("c.json"), empty.resolve("c.html"), List.of("quarkus"));
        Comparison.Report report = Comparison.run(options, new java.io.PrintStream(said, true));
        assertThat(report.failed()).isTrue();
        assertThat(report.failures()).singleElement().asString().startsWith("FAILED: quarkus could not be built");
        assertThat(report.peers()).isEmpty();
        assertThat(said.toString()).contains("sb compare: FAILED: quarkus could not be built");
        assertThat(java.nio.file.Files.readString(empty.resolve("c.json"))).contains("quarkus could not be built");
    }

    @Test
    void median_oddEvenEmpty() {
        assertThat(Comparison.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Comparison.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        assertThat(Comparison.median(new double[0])).isEqualTo(-1);
    }

    @Test
    void peers_sdkPeersNameWhatIsMissingAndHowToBuildIt(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThat(Peers.javaSdk(empty).missing()).get().asString().contains("peers/java-sdk/target/classes is missing", "mvn -B -q package");
        assertThat(Peers.typescriptSdk(empty).missing()).get().asString().contains("npm ci");
        assertThat(Peers.quarkus(empty).missing()).get().asString().contains("quarkus-run.jar is missing");
        assertThat(Peers.switchboard(empty).missing()).isEmpty();
        assertThat(Peers.all(empty)).extracting(Peer::name).containsExactly("switchboard", "java-sdk", "quarkus", "spring", "ts-sdk", "ts-sdk-v2", "floor");
        assertThat(Peers.all(empty)).filteredOn(Peer::stateless).extracting(Peer::name).containsExactly("switchboard", "java-sdk", "ts-sdk-v2", "floor");
        assertThat(Peers.sdks(empty)).allSatisfy(p -> assertThat(p.setup()).isNotEmpty());
    }
}
