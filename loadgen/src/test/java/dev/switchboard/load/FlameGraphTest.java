package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JFR recording of this JVM spinning in a known method becomes an SVG naming that method. */
class FlameGraphTest {
    static volatile long sink;

    static void spin(long untilNanos) {
        long x = 0;
        while (System.nanoTime() < untilNanos) x += Long.numberOfTrailingZeros(x + System.nanoTime());
        sink = x;
    }

    @Test
    void recording_drawsTheSampledMethods(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("r.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
            r.start();
            spin(System.nanoTime() + 600_000_000L);
            r.stop();
            r.dump(jfr);
        }
        FlameGraph graph = FlameGraph.of(jfr);
        assertThat(graph.samples()).isPositive();
        assertThat(graph.hottest(5)).extracting(java.util.Map.Entry::getKey).anyMatch(k -> k.startsWith("dev.switchboard.load.FlameGraphTest.spin") || k.startsWith("java.lang.System.nanoTime"));
        Path svg = dir.resolve("f.svg");
        graph.writeSvg("test", svg);
        assertThat(Files.readString(svg)).startsWith("<svg").contains("FlameGraphTest.spin").endsWith("</svg>\n");
    }
}
