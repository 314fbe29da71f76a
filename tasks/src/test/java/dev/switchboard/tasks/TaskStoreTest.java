package dev.switchboard.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStoreTest {
    @TempDir
    Path dir;
    TaskStore store;

    @BeforeEach
    void open() {
        store = TaskStore.embedded(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static TaskRecord task(String owner, long now, Long ttl) {
        return TaskRecord.created(TaskIds.next(), owner, "slow_compute", "{\"seconds\":1}", now, ttl, 1000, false);
    }

    @Test
    void create_thenGet_returnsTheRecordAtRevisionZero() {
        TaskRecord t = task("session:a", 1000, 60_000L);
        store.create(t);
        assertThat(store.get(t.id())).contains(t.atRevision(0));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void create_sameIdTwice_isRefused() {
        TaskRecord t = task("session:a", 1000, null);
        store.create(t);
        assertThatThrownBy(() -> store.create(t)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(t.id());
    }

    @Test
    void compareAndSet_withCurrentRevision_storesNextRevision() {
        TaskRecord t = task("session:a", 1000, null);
        store.create(t);
        var done = store.compareAndSet(0, t.completed("{\"content\":[]}", 2000));
        assertThat(done).isPresent();
        assertThat(done.get().revision()).isEqualTo(1);
        assertThat(store.get(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void compareAndSet_withStaleRevision_changesNothing() {
        TaskRecord t = task("session:a", 1000, null);
        store.create(t);
        store.compareAndSet(0, t.inputRequired("{}", 1500)).orElseThrow();
        assertThat(store.compareAndSet(0, t.completed("{}", 2000))).isEmpty();
        assertThat(store.get(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.INPUT_REQUIRED);
    }

    @Test
    void compareAndSet_onFinalTask_isRefused() {
        TaskRecord t = task("session:a", 1000, null);
        store.create(t);
        TaskRecord cancelled = store.compareAndSet(0, t.withStatus(TaskStatus.CANCELLED, "by request", 1500)).orElseThrow();
        assertThat(store.compareAndSet(cancelled.revision(), cancelled.completed("{}", 2000))).isEmpty();
        assertThat(store.get(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void compareAndSet_unknownTask_isEmpty() {
        assertThat(store.compareAndSet(0, task("session:a", 1000, null))).isEmpty();
    }

    @Test
    void ownedBy_pagesInIdOrder_andShowsNoOtherOwner() {
        for (int i = 0; i < 5; i++) store.create(task("session:a", 1000, null));
        store.create(task("session:b", 1000, null));
        List<TaskRecord> first = store.ownedBy("session:a", null, 3);
        List<TaskRecord> rest = store.ownedBy("session:a", first.getLast().id(), 3);
        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(2);
        assertThat(first.getLast().id()).isLessThan(rest.getFirst().id());
        assertThat(first).extracting(TaskRecord::owner).containsOnly("session:a");
        assertThat(rest).extracting(TaskRecord::owner).containsOnly("session:a");
    }

    @Test
    void removeExpired_removesOnlyTasksPastTheirTtl() {
        TaskRecord shortLived = task("session:a", 1000, 500L);
        TaskRecord longLived = task("session:a", 1000, 60_000L);
        TaskRecord unlimited = task("session:a", 1000, null);
        store.create(shortLived);
        store.create(longLived);
        store.create(unlimited);
        assertThat(store.removeExpired(1600)).extracting(TaskRecord::id).containsExactly(shortLived.id());
        assertThat(store.get(shortLived.id())).isEmpty();
        assertThat(store.get(longLived.id())).isPresent();
        assertThat(store.get(unlimited.id())).isPresent();
    }

    @Test
    void claimable_listsLiveTasksWhoseClaimLapsed() {
        TaskRecord free = task("session:a", 1000, null);
        TaskRecord held = task("session:a", 1000, null);
        TaskRecord done = task("session:a", 1000, null);
        store.create(free);
        store.create(held);
        store.create(done);
        store.compareAndSet(0, held.claimed("node-1", 10_000, 1000)).orElseThrow();
        store.compareAndSet(0, done.completed("{}", 1000)).orElseThrow();
        assertThat(store.claimable(5000, 10)).extracting(TaskRecord::id).containsExactly(free.id());
        assertThat(store.claimable(20_000, 10)).extracting(TaskRecord::id)
                .containsExactlyInAnyOrder(free.id(), held.id());
    }

    @Test
    void reopen_afterClose_findsEveryTask() {
        TaskRecord t = task("session:a", 1000, null);
        store.create(t);
        store.close();
        store = TaskStore.embedded(dir);
        assertThat(store.get(t.id())).contains(t.atRevision(0));
    }

    @Test
    void open_sameDirectoryTwice_isAnErrorNamingIt() {
        assertThatThrownBy(() -> TaskStore.embedded(dir)).isInstanceOf(TaskStoreException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString());
    }
}
