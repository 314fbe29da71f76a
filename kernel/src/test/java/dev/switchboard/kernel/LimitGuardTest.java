package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitGuardTest {
    private static final double MS = 1e6;

    private static AutotuneSettings settings(int initial, int min, int max) {
        return AutotuneSettings.defaults().withEnabled(true).withBounds(initial, min, max).withWindow(1_000, 10);
    }

    @Test
    void onWindow_proposalFarAway_movesAtMostTenPercentPerWindow() {
        LimitGuard guard = new LimitGuard(settings(100, 4, 1_000));
        LimitGuard.Decision up = guard.onWindow(900, 50, 5 * MS, 0, 0, 1_000);
        assertThat(up.kind()).isEqualTo(LimitGuard.Kind.CHANGE);
        assertThat(up.to()).isEqualTo(110);
        assertThat(guard.onWindow(900, 50, 5 * MS, 0, 0, 1_000).to()).isEqualTo(121);
        LimitGuard.Decision down = guard.onWindow(1, 50, 5 * MS, 0, 0, 1_000);
        assertThat(down.to()).isEqualTo(121 - 12);
    }

    @Test
    void onWindow_smallLimit_stillMovesByOne() {
        LimitGuard guard = new LimitGuard(settings(5, 1, 100));
        assertThat(guard.onWindow(50, 50, 5 * MS, 0, 0, 1_000).to()).isEqualTo(6);
    }

    @Test
    void onWindow_proposalsPastTheBounds_stayWithinMinAndMax() {
        LimitGuard guard = new LimitGuard(settings(10, 8, 12));
        for (int i = 0; i < 20; i++) guard.onWindow(10_000, 50, 5 * MS, 0, 0, 1_000);
        assertThat(guard.limit()).isEqualTo(12);
        for (int i = 0; i < 20; i++) guard.onWindow(0, 50, 5 * MS, 0, 0, 1_000);
        assertThat(guard.limit()).isEqualTo(8);
    }

    @Test
    void onWindow_tooFewSamples_keepsTheLimit() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        LimitGuard.Decision d = guard.onWindow(100, 3, 5 * MS, 0, 0, 1_000);
        assertThat(d.kind()).isEqualTo(LimitGuard.Kind.KEEP);
        assertThat(guard.limit()).isEqualTo(20);
    }

    @Test
    void onWindow_increaseThatDoublesP99_isRolledBackAndHeld() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        guard.onWindow(100, 50, 5 * MS, 0, 0, 1_000);                       // good at 20, raised to 22
        assertThat(guard.limit()).isEqualTo(22);
        LimitGuard.Decision back = guard.onWindow(100, 50, 10 * MS, 0, 0, 1_000); // p99 2× the good window's
        assertThat(back.kind()).isEqualTo(LimitGuard.Kind.ROLLBACK);
        assertThat(back.from()).isEqualTo(22);
        assertThat(back.to()).isEqualTo(20);
        assertThat(back.reason()).contains("p99");
        for (int i = 0; i < AutotuneSettings.defaults().holdWindows(); i++)
            assertThat(guard.onWindow(100, 50, 5 * MS, 0, 0, 1_000).kind()).isEqualTo(LimitGuard.Kind.KEEP);
        assertThat(guard.onWindow(100, 50, 5 * MS, 0, 0, 1_000).kind()).isEqualTo(LimitGuard.Kind.CHANGE);
    }

    @Test
    void onWindow_increaseThatRaisesTheErrorRate_isRolledBack() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        guard.onWindow(100, 50, 5 * MS, 0.01, 0, 1_000);
        LimitGuard.Decision back = guard.onWindow(100, 50, 5 * MS, 0.10, 0, 1_000);
        assertThat(back.kind()).isEqualTo(LimitGuard.Kind.ROLLBACK);
        assertThat(back.reason()).contains("error rate");
        assertThat(guard.limit()).isEqualTo(20);
    }

    @Test
    void onWindow_slowerWindowAfterADecrease_isNotRolledBackAndBecomesTheBaseline() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        guard.onWindow(1, 50, 5 * MS, 0, 0, 1_000);                        // lowered to 18
        LimitGuard.Decision d = guard.onWindow(1, 50, 20 * MS, 0, 0, 1_000); // the load grew: slower, but not our doing
        assertThat(d.kind()).isEqualTo(LimitGuard.Kind.CHANGE);
        assertThat(d.to()).isEqualTo(17);
        assertThat(guard.lastGood()).isEqualTo(18);
    }

    @Test
    void onWindow_slightlySlowerWithinTolerance_keepsTheIncrease() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        guard.onWindow(100, 50, 5 * MS, 0, 0, 1_000);
        LimitGuard.Decision d = guard.onWindow(100, 50, 6 * MS, 0.02, 0, 1_000);
        assertThat(d.kind()).isEqualTo(LimitGuard.Kind.CHANGE);
        assertThat(guard.lastGood()).isEqualTo(22);
    }

    @Test
    void onWindow_smallIncreasesThatEachSlowABit_areRolledBackOnceTogetherTheyPassTheTolerance() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        double p99 = 10 * MS;
        LimitGuard.Decision d = guard.onWindow(100, 50, p99, 0, 5, 1_000);
        int windows = 0;
        while (d.kind() != LimitGuard.Kind.ROLLBACK && windows++ < 20) {
            p99 *= 1.10; // each increase is 10% slower than the window before: never 1.25× its neighbour
            d = guard.onWindow(100, 50, p99, 0, 5, 1_000);
        }
        assertThat(d.kind()).isEqualTo(LimitGuard.Kind.ROLLBACK);
        assertThat(p99).isGreaterThan(12.5 * MS).isLessThan(14 * MS);
    }

    @Test
    void reference_isRelearnedFromWindowsWhereTheLimitDidNotBind() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        guard.onWindow(20, 50, 5 * MS, 0, 10, 1_000);
        assertThat(guard.reference()).isEqualTo(5 * MS);
        guard.onWindow(20, 50, 30 * MS, 0, 0, 1_000); // the tool became slower, and nothing was refused
        assertThat(guard.reference()).isEqualTo(30 * MS);
        guard.onWindow(20, 50, 90 * MS, 0, 7, 1_000); // a window at the limit does not move it
        assertThat(guard.reference()).isEqualTo(30 * MS);
    }

    @Test
    void onWindow_p99OverTheLine_allowsNoIncrease() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        guard.onWindow(20, 50, 5 * MS, 0, 1, 1_000);
        LimitGuard.Decision d = guard.onWindow(100, 50, 9 * MS, 0, 1, 1_000);
        assertThat(d.kind()).isEqualTo(LimitGuard.Kind.KEEP);
        assertThat(d.reason()).contains("no increase");
        assertThat(guard.onWindow(1, 50, 9 * MS, 0, 1, 1_000).to()).isEqualTo(18);
    }

    @Test
    void onWindow_p99OverTheLineTwoWindowsInARow_stepsDownToTheConcurrencyOfTheReference() {
        LimitGuard guard = new LimitGuard(settings(10, 4, 100));
        guard.onWindow(100, 50, 10 * MS, 0, 5, 10);  // the reference: 10 ms with 10 in flight; raised to 11
        guard.onWindow(100, 50, 12 * MS, 0, 5, 11);  // within 1.25×: kept, raised to 12
        assertThat(guard.onWindow(13, 50, 12 * MS, 0, 5, 12).to()).isEqualTo(13);
        guard.onWindow(13, 50, 12 * MS, 0, 5, 13);                                // a lucky window keeps 13
        assertThat(guard.lastGood()).isEqualTo(13);
        LimitGuard.Decision first = guard.onWindow(100, 50, 14 * MS, 0, 5, 13); // over the line once: kept, no increase
        assertThat(first.kind()).isEqualTo(LimitGuard.Kind.KEEP);
        LimitGuard.Decision down = guard.onWindow(100, 50, 14 * MS, 0, 5, 13);
        assertThat(down.kind()).isEqualTo(LimitGuard.Kind.CHANGE);
        assertThat(down.to()).isEqualTo(12);
        assertThat(down.reason()).contains("2 windows in a row", "no lower than 10");
        guard.onWindow(100, 50, 14 * MS, 0, 5, 12);
        assertThat(guard.onWindow(100, 50, 14 * MS, 0, 5, 12).to()).isEqualTo(11);
        guard.onWindow(100, 50, 14 * MS, 0, 5, 11);
        assertThat(guard.onWindow(100, 50, 14 * MS, 0, 5, 11).to()).isEqualTo(10);
        for (int i = 0; i < 6; i++) guard.onWindow(100, 50, 14 * MS, 0, 5, 10); // slow at the reference's concurrency too: the tool's own
        assertThat(guard.limit()).isEqualTo(10);
        assertThat(guard.floor()).isEqualTo(10);
    }

    @Test
    void onWindow_oneSlowWindowBetweenFastOnes_stepsNothingDown() {
        LimitGuard guard = new LimitGuard(settings(20, 4, 100));
        guard.onWindow(20, 50, 10 * MS, 0, 5, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(guard.onWindow(20, 50, 20 * MS, 0, 5, 20).kind()).isEqualTo(LimitGuard.Kind.KEEP);
            assertThat(guard.onWindow(20, 50, 10 * MS, 0, 5, 20).kind()).isEqualTo(LimitGuard.Kind.KEEP);
        }
        assertThat(guard.limit()).isEqualTo(20);
    }
}
