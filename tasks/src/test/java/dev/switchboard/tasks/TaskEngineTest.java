package dev.switchboard.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskEngineTest {
    @TempDir
    Path dir;
    final AtomicLong now = new AtomicLong(1_000_000);
    final Map<String, TaskTool> tools = new ConcurrentHashMap<>();
    final CountDownLatch gate = new CountDownLatch(1);
    TaskStore store;
    TaskEngine engine;

    @BeforeEach
    void start() {
        tools.put("echo", new TaskTool(run -> "{\"echo\":" + run.argumentsJson() + "}", false));
        tools.put("blocked", new TaskTool(run -> {
            gate.await();
            return "{\"done\":true}";
        }, false));
        tools.put("blocked_retry_safe", new TaskTool(run -> {
            if (run.attempt() == 1) gate.await();
            return "{\"attempt\":" + run.attempt() + "}";
        }, true));
        tools.put("protocol_error", new TaskTool(run -> {
            throw new TaskFailure(-32603, "boom", null);
        }, false));
        tools.put("crash", new TaskTool(run -> {
            throw new IllegalStateException("bug");
        }, false));
        tools.put("two_inputs", new TaskTool(run -> {
            var answers = run.requestInput(Map.of("a", "{\"method\":\"elicitation/create\"}",
                    "b", "{\"method\":\"elicitation/create\"}"));
            return "{\"a\":" + answers.get("a") + ",\"b\":" + answers.get("b") + "}";
        }, false));
        open(TaskLimits.defaults());
    }

    private void open(TaskLimits limits) {
        store = TaskStore.embedded(dir);
        engine = new TaskEngine(store, limits, name -> Optional.ofNullable(tools.get(name)), now::get);
    }

    @AfterEach
    void stop() {
        gate.countDown();
        engine.close();
        store.close();
    }

    private TaskRecord finalState(String owner, String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.get(owner, id).status().isFinal());
        return engine.get(owner, id);
    }

    @Test
    void submit_workReturns_completedWithItsResult() {
        TaskRecord t = engine.submit("s1", "echo", "{\"x\":1}", null);
        assertThat(t.status()).isEqualTo(TaskStatus.WORKING);
        assertThat(store.get(t.id())).isPresent();
        TaskRecord done = finalState("s1", t.id());
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.resultJson()).isEqualTo("{\"echo\":{\"x\":1}}");
    }

    @Test
    void submit_workThrowsTaskFailure_failedWithThatError() {
        TaskRecord done = finalState("s1", engine.submit("s1", "protocol_error", "{}", null).id());
        assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(done.errorJson()).contains("\"code\":-32603").contains("boom");
        assertThat(done.resultJson()).isNull();
    }

    @Test
    void submit_workThrowsUnexpectedly_failedWithInternalError() {
        TaskRecord done = finalState("s1", engine.submit("s1", "crash", "{}", null).id());
        assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(done.errorJson()).contains("-32603").contains("bug");
    }

    @Test
    void submit_ttl_isCappedByTheServer() {
        TaskRecord t = engine.submit("s1", "echo", "{}", Long.MAX_VALUE);
        assertThat(t.ttlMs()).isEqualTo(TaskLimits.defaults().maxTtlMs());
        assertThat(engine.submit("s1", "echo", "{}", null).ttlMs()).isEqualTo(TaskLimits.defaults().defaultTtlMs());
    }

    @Test
    void submit_unknownTool_isRejected() {
        assertThatThrownBy(() -> engine.submit("s1", "nope", "{}", null)).isInstanceOf(TaskRejected.class)
                .extracting(e -> ((TaskRejected) e).reason()).isEqualTo(TaskRejected.Reason.UNKNOWN_TOOL);
    }

    @Test
    void cancel_runningTask_isCancelledWhenItReturns_andStaysCancelled() {
        TaskRecord t = engine.submit("s1", "blocked", "{}", null);
        TaskRecord cancelled = engine.cancel("s1", t.id());
        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        gate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.ledger().running() == 0);
        assertThat(engine.get("s1", t.id()).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(engine.ledger().cancelled()).isEqualTo(1);
    }

    @Test
    void cancel_finalTask_returnsItUnchanged() {
        TaskRecord done = finalState("s1", engine.submit("s1", "echo", "{}", null).id());
        assertThat(engine.cancel("s1", done.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void submit_atServerCap_isRefusedBeforeAnythingIsStored() {
        engine.close();
        store.close();
        open(new TaskLimits(2, 2, 60_000, 60_000, 1000, 750, 60_000));
        engine.submit("s1", "blocked", "{}", null);
        engine.submit("s2", "blocked", "{}", null);
        long before = store.size();
        assertThatThrownBy(() -> engine.submit("s3", "blocked", "{}", null)).isInstanceOfSatisfying(TaskRejected.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(TaskRejected.Reason.AT_CAPACITY);
                    assertThat(e.retryAfterMs()).isEqualTo(750);
                });
        assertThat(store.size()).isEqualTo(before);
        assertThat(engine.ledger().created()).isEqualTo(2);
    }

    @Test
    void submit_atOwnerCap_refusesThatOwnerOnly_andFreesWhenATaskEnds() {
        engine.close();
        store.close();
        open(new TaskLimits(10, 1, 60_000, 60_000, 1000, 1000, 60_000));
        TaskRecord first = engine.submit("s1", "blocked", "{}", null);
        assertThatThrownBy(() -> engine.submit("s1", "echo", "{}", null)).isInstanceOf(TaskRejected.class);
        assertThat(engine.submit("s2", "echo", "{}", null)).isNotNull();
        engine.cancel("s1", first.id());
        assertThat(engine.submit("s1", "echo", "{}", null)).isNotNull();
    }

    @Test
    void get_badIds_areRejectedPrecisely() {
        TaskRecord t = engine.submit("s1", "echo", "{}", null);
        assertThatThrownBy(() -> engine.get("s1", "../etc")).isInstanceOfSatisfying(TaskRejected.class,
                e -> assertThat(e.reason()).isEqualTo(TaskRejected.Reason.MALFORMED_ID));
        assertThatThrownBy(() -> engine.get("s1", TaskIds.next())).isInstanceOfSatisfying(TaskRejected.class,
                e -> assertThat(e.reason()).isEqualTo(TaskRejected.Reason.NOT_FOUND));
        assertThatThrownBy(() -> engine.get("s2", t.id())).isInstanceOfSatisfying(TaskRejected.class,
                e -> assertThat(e.reason()).isEqualTo(TaskRejected.Reason.NOT_FOUND));
        assertThatThrownBy(() -> engine.cancel("s2", t.id())).isInstanceOf(TaskRejected.class);
        assertThatThrownBy(() -> engine.get("s1", null)).isInstanceOf(TaskRejected.class);
    }

    @Test
    void get_afterTtl_isExpired_andSweepRemovesIt() {
        TaskRecord t = engine.submit("s1", "blocked", "{}", 5_000L);
        now.addAndGet(5_001);
        assertThatThrownBy(() -> engine.get("s1", t.id())).isInstanceOfSatisfying(TaskRejected.class,
                e -> assertThat(e.reason()).isEqualTo(TaskRejected.Reason.EXPIRED));
        assertThat(engine.sweep()).isEqualTo(1);
        assertThatThrownBy(() -> engine.get("s1", t.id())).isInstanceOfSatisfying(TaskRejected.class,
                e -> assertThat(e.reason()).isEqualTo(TaskRejected.Reason.NOT_FOUND));
        assertThat(engine.ledger()).isEqualTo(new TaskLedger(1, 0, 0, 0, 1, 0));
    }

    @Test
    void requestInput_twoKeys_partialAnswerKeepsInputRequired_thenCompletes() {
        TaskRecord t = engine.submit("s1", "two_inputs", "{}", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.get("s1", t.id()).status() == TaskStatus.INPUT_REQUIRED);
        assertThat(engine.get("s1", t.id()).inputRequestsJson()).contains("\"a\"").contains("\"b\"");
        engine.answer("s1", t.id(), Map.of("a", "{\"action\":\"accept\"}", "zzz", "{}"));
        TaskRecord partial = engine.get("s1", t.id());
        assertThat(partial.status()).isEqualTo(TaskStatus.INPUT_REQUIRED);
        assertThat(partial.inputRequestsJson()).doesNotContain("\"a\"").contains("\"b\"");
        engine.answer("s1", t.id(), Map.of("b", "{\"action\":\"decline\"}"));
        TaskRecord done = finalState("s1", t.id());
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.resultJson()).contains("accept").contains("decline");
    }

    @Test
    void awaitFinal_blocksUntilTheTaskEnds() throws Exception {
        TaskRecord t = engine.submit("s1", "blocked", "{}", null);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                // test thread
            }
            gate.countDown();
        });
        assertThat(engine.awaitFinal("s1", t.id(), 10_000).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void list_pagesTheOwnersTasks_andRejectsABadCursor() {
        for (int i = 0; i < 3; i++) engine.submit("s1", "echo", "{}", null);
        engine.submit("s2", "echo", "{}", null);
        var page = engine.list("s1", null, 2);
        assertThat(page).hasSize(2);
        assertThat(engine.list("s1", page.getLast().id(), 2)).hasSize(1);
        assertThatThrownBy(() -> engine.list("s1", "not a cursor", 2)).isInstanceOfSatisfying(TaskRejected.class,
                e -> assertThat(e.reason()).isEqualTo(TaskRejected.Reason.BAD_CURSOR));
    }

    @Test
    void recover_afterRestart_rerunsRetrySafe_andFailsTheRest() {
        TaskRecord unsafe = engine.submit("s1", "blocked", "{}", null);
        TaskRecord safe = engine.submit("s1", "blocked_retry_safe", "{}", null);
        engine.close(); // like a crash: the tasks stay working in the store
        store.close();
        open(TaskLimits.defaults());
        assertThat(engine.recover()).isEqualTo(1);
        TaskRecord failed = finalState("s1", unsafe.id());
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.statusMessage()).isEqualTo(TaskEngine.RESTARTED);
        assertThat(failed.errorJson()).contains(TaskEngine.RESTARTED);
        TaskRecord rerun = finalState("s1", safe.id());
        assertThat(rerun.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(rerun.resultJson()).isEqualTo("{\"attempt\":2}");
        assertThat(engine.ledger()).isEqualTo(new TaskLedger(2, 1, 1, 0, 0, 0));
    }

    @Test
    void ledger_afterAMix_isBalanced() {
        for (int i = 0; i < 5; i++) engine.submit("s1", "echo", "{}", null);
        engine.submit("s1", "protocol_error", "{}", null);
        TaskRecord c = engine.submit("s1", "blocked", "{}", null);
        engine.cancel("s1", c.id());
        engine.submit("s1", "blocked", "{}", 10L);
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.ledger().running() == 1);
        now.addAndGet(100);
        engine.sweep();
        TaskLedger l = engine.ledger();
        assertThat(l).isEqualTo(new TaskLedger(8, 5, 1, 1, 1, 0));
        assertThat(l.balanced()).isTrue();
    }
}
