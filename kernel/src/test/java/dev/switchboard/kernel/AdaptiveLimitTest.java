package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptiveLimitTest {
    /** 10 workers, 10 ms each: past 10 in flight calls share them and each takes proportionally longer (capacity 1,000/s). */
    private static final IntToDoubleFunction SHARED_RESOURCE = n -> 10.0 * Math.max(1.0, n / 10.0);

    private static AutotuneSettings settings(String algorithm) {
        return AutotuneSettings.defaults().withEnabled(true).withAlgorithm(algorithm).withBounds(8, 4, 200).withWindow(1_000, 20);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"vegas, 1", "vegas, 2", "gradient2, 1", "gradient2, 2"})
    void simulatedOverload_everyChangeStaysWithinTheBoundsAndTheCap(String algorithm, long seed) {
        SimulatedServer.Run run = new SimulatedServer().run(settings(algorithm), seed, 3_000, SHARED_RESOURCE, 60, 30);
        assertThat(run.changes()).isNotEmpty();
        for (LimitChange c : run.changes()) {
            assertThat(c.to()).as(c.toString()).isBetween(4, 200);
            if (!c.rollback()) assertThat(Math.abs(c.to() - c.from())).as(c.toString()).isLessThanOrEqualTo(Math.max(1, (int) (c.from() * 0.10)));
        }
        assertThat(run.limit().changes() + run.limit().rollbacks()).isEqualTo(run.changes().size());
    }

    @Test
    void simulatedOverload_vegasBringsTheLimitDownToTheResource() {
        SimulatedServer.Run run = new SimulatedServer().run(settings("vegas"), 7, 3_000, SHARED_RESOURCE, 60, 30);
        System.out.println("vegas: limits per second " + run.limitsSeen() + ", p99 " + run.p99Millis() + " ms, admitted " + run.admitted() + ", refused " + run.refused());
        assertThat(run.limit().limit()).isBetween(10, 20);
        assertThat(run.p99Millis()).isLessThan(2 * 11.0);
    }

    @Test
    void simulatedOverload_gradient2() {
        SimulatedServer.Run run = new SimulatedServer().run(settings("gradient2"), 7, 3_000, SHARED_RESOURCE, 60, 30);
        System.out.println("gradient2: limits per second " + run.limitsSeen() + ", p99 " + run.p99Millis() + " ms, admitted " + run.admitted() + ", refused " + run.refused());
    }

    @Test
    void sameSeed_sameRun() {
        // gradient2: Vegas draws its probe jitter from ThreadLocalRandom, so only its bounds are deterministic
        SimulatedServer.Run a = new SimulatedServer().run(settings("gradient2"), 3, 3_000, SHARED_RESOURCE, 20, 10);
        SimulatedServer.Run b = new SimulatedServer().run(settings("gradient2"), 3, 3_000, SHARED_RESOURCE, 20, 10);
        assertThat(a.limitsSeen()).isEqualTo(b.limitsSeen());
        assertThat(a.admitted()).isEqualTo(b.admitted());
    }

    /** The overload benchmark's resource: 8 workers of 10 ms, and 2% slower for each call past them (contention): 8 in flight serve best. */
    private static final IntToDoubleFunction CONTENDED_RESOURCE = n -> 10.0 * Math.max(1.0, n / 8.0) * (1 + 0.02 * Math.max(0, n - 8));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vegas", "gradient2"})
    void simulatedContention_limitStaysNearTheKneeAndAdmitsAsMuchAsTheBestFixedLimit(String algorithm) {
        long bestFixed = 0;
        for (int fixed : new int[] {8, 10, 12}) {
            SimulatedServer.Run r = new SimulatedServer().run(settings(algorithm).withBounds(fixed, fixed, fixed), 11, 2_400, CONTENDED_RESOURCE, 60, 30);
            bestFixed = Math.max(bestFixed, r.admitted());
        }
        SimulatedServer.Run run = new SimulatedServer().run(settings(algorithm), 11, 2_400, CONTENDED_RESOURCE, 60, 30);
        System.out.println(algorithm + " contended: limits per second " + run.limitsSeen() + ", admitted " + run.admitted() + " (best fixed " + bestFixed + ")");
        assertThat(run.limitsSeen().subList(30, 60)).allSatisfy(l -> assertThat(l).isBetween(8, 11));
        assertThat((double) run.admitted()).isGreaterThanOrEqualTo(0.97 * bestFixed);
    }
}
