package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the start-up warm-up stops: per-call time settled after the calls asked for, or the budget spent. */
class WarmUpBudgetTest {

    @Test
    void another_flatTimesBeforeMinCalls_goesOnThenStopsOnceSettled() {
        WarmUpBudget budget = new WarmUpBudget(TimeUnit.SECONDS.toNanos(60), 100);
        int calls = 0;
        while (budget.another(1_000_000)) calls++;
        assertThat(calls + 1).as("a flat plateau before the calls asked for is not taken for a warm path").isEqualTo(100);
    }

    @Test
    void another_timesStillFalling_goesOn() {
        WarmUpBudget budget = new WarmUpBudget(TimeUnit.SECONDS.toNanos(60), 2 * WarmUpBudget.WINDOW);
        long took = 10_000_000;
        for (int i = 0; i < 200; i++) {
            assertThat(budget.another(took)).as("call %d: each window 20%% faster than the one before", i).isTrue();
            if (i % WarmUpBudget.WINDOW == WarmUpBudget.WINDOW - 1) took = took * 8 / 10;
        }
        assertThat(budget.another(took)).isTrue();
    }

    @Test
    void another_budgetSpent_stopsWhateverTheTimes() throws InterruptedException {
        WarmUpBudget budget = new WarmUpBudget(TimeUnit.MILLISECONDS.toNanos(20), 1_000);
        Thread.sleep(30);
        assertThat(budget.another(1_000)).isFalse();
        assertThat(budget.calls()).isEqualTo(1);
    }
}
