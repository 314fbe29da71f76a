package dev.switchboard.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import java.nio.file.Files;
import java.text.MessageFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmToolsTest {
    @TempDir Path dir;

    private static String text(Tools.CallToolResult r) {
        return r.content().stream().filter(c -> c instanceof Content.Text).map(c -> ((Content.Text) c).text()).findFirst().orElse("");
    }

    @Test
    void examples_overRealServer_areListedAndAnswerWithStructuredContent() {
        TestModules.examplesInto(dir);
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false))) {
            assertThat(f.toolNames()).contains("primes", "wordcount");

            Tools.CallToolResult primes = f.call("primes", Map.of("n", 100_000));
            assertThat(primes.failed()).as(text(primes)).isFalse();
            assertThat(primes.structuredContent().get("primes").asInt()).isEqualTo(9592);
            assertThat(primes.structuredContent().get("n").asInt()).isEqualTo(100_000);

            Tools.CallToolResult words = f.call("wordcount", Map.of("text", "the quick\nbrown \"fox\" — naïve"));
            assertThat(words.failed()).as(text(words)).isFalse();
            assertThat(words.structuredContent().get("words").asInt()).isEqualTo(6);
            assertThat(words.structuredContent().get("characters").asInt()).isEqualTo(29);
            assertThat(text(words)).contains("\"words\":6");

            // pooled instances are reset: a second call sees a clean memory
            assertThat(f.call("primes", Map.of("n", 10)).structuredContent().get("primes").asInt()).isEqualTo(4);
        }
    }

    @Test
    void load_watSourceWithoutBinary_isBuiltAndServed() throws Exception {
        Files.copy(TestModules.EXAMPLES.resolve("wordcount.wat"), dir.resolve("wordcount.wat"));
        Files.copy(TestModules.EXAMPLES.resolve("wordcount.json"), dir.resolve("wordcount.json"));
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false))) {
            Tools.CallToolResult r = f.call("wordcount", Map.of("text", "one two  three"));
            assertThat(r.failed()).as(text(r)).isFalse();
            assertThat(r.structuredContent().get("words").asInt()).isEqualTo(3);
        }
    }

    @Test
    void call_repeated_runsOnAResetInstanceEachTime() {
        TestModules.write(dir, "counter", TestModules.COUNTER);
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false))) {
            for (int i = 0; i < 3; i++) {
                Tools.CallToolResult r = f.call("counter", Map.of());
                assertThat(r.failed()).as(text(r)).isFalse();
                assertThat(r.structuredContent().get("global").asInt()).isEqualTo(1);
                assertThat(r.structuredContent().get("memory").asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void call_writingToStderr_logsEachLineUnderTheToolsName() {
        TestModules.write(dir, "noisy", TestModules.STDERR);
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger(CompiledTool.class.getName());
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) {
                logged.add(MessageFormat.format(r.getMessage(), r.getParameters()));
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        jul.addHandler(capture);
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false))) {
            assertThat(f.call("noisy", Map.of()).failed()).isFalse();
            assertThat(logged).contains("[noisy] note from the module");
        } finally {
            jul.removeHandler(capture);
        }
    }

    @Test
    void call_concurrentCallsBeyondThePoolSize_eachGetsItsOwnInstance() throws Exception {
        TestModules.examplesInto(dir);
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false));
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = 1_000 * (i + 1);
                answers.add(pool.submit(() -> f.call("primes", Map.of("n", n)).structuredContent().get("primes").asInt()));
            }
            for (int i = 0; i < answers.size(); i++)
                assertThat(answers.get(i).get()).as("primes up to " + 1_000 * (i + 1)).isEqualTo((int) WasmBenchmark.javaPrimes(1_000L * (i + 1)));
        }
    }

    @Test
    void call_badInput_failsWithTheModulesReason() throws Exception {
        TestModules.examplesInto(dir);
        Files.writeString(dir.resolve("primes.json"), TestModules.manifest("primes")); // lets the bad input past the schema
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false))) {
            Tools.CallToolResult r = f.call("primes", Map.of("count", 5));
            assertThat(r.failed()).isTrue();
            assertThat(text(r)).contains("exited with status 1").contains("expected {\"n\"");
        }
    }

    @Test
    void call_pastTheTimeCap_isInterruptedWithAnErrorNamingTheCap() {
        TestModules.write(dir, "spin", TestModules.SPIN);
        TestModules.write(dir, "hello", TestModules.constant("{\"hello\":1}"));
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false).withTimeoutMs(300))) {
            Tools.CallToolResult r = f.call("spin", Map.of());
            assertThat(r.failed()).isTrue();
            assertThat(text(r)).contains("time cap wasm.timeoutMs=300 ms").contains("interrupted");
            // the thread carries no stray interrupt: the next call on the server works
            assertThat(f.call("hello", Map.of()).structuredContent().get("hello").asInt()).isEqualTo(1);
        }
    }

    @Test
    void call_growingPastTheMemoryCap_failsNamingTheCap() {
        TestModules.write(dir, "grow", TestModules.GROW);
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false).withMaxMemoryPages(64))) {
            Tools.CallToolResult r = f.call("grow", Map.of());
            assertThat(r.failed()).isTrue();
            assertThat(text(r)).contains("memory at the cap wasm.maxMemoryPages=64 pages");
        }
    }

    @Test
    void load_moduleNeedingMoreMemoryThanTheCap_isRefused() {
        TestModules.write(dir, "big", "(module (memory 80) (func (export \"_start\")))");
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false).withMaxMemoryPages(64))) {
            assertThat(f.wasm.refused()).containsKey(dir.resolve("big.wasm"));
            assertThat(f.wasm.refused().get(dir.resolve("big.wasm"))).contains("80 memory pages").contains("wasm.maxMemoryPages=64");
        }
    }

    @Test
    void call_writingPastTheOutputCap_isStopped() {
        TestModules.write(dir, "flood", TestModules.FLOOD);
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false).withMaxOutputBytes(100_000))) {
            Tools.CallToolResult r = f.call("flood", Map.of());
            assertThat(r.failed()).isTrue();
            assertThat(text(r)).contains("output cap wasm.maxOutputBytes=100000 bytes");
        }
    }

    @Test
    void call_withoutMappedDirectory_reachesNoFile() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        TestModules.write(dir, "files", TestModules.FILES);
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false))) {
            Tools.CallToolResult r = f.call("files", Map.of());
            assertThat(r.failed()).as(text(r)).isFalse();
            assertThat(r.structuredContent().get("read").asInt()).isNotZero();
            assertThat(r.structuredContent().get("create").asInt()).isNotZero();
            assertThat(dir.resolve("created.txt")).doesNotExist();
        }
    }

    @Test
    void call_withReadOnlyDirectory_readsButCannotCreate(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("secret.txt"), "top secret");
        TestModules.write(dir, "files", TestModules.FILES);
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false).withReadOnlyDir(data))) {
            Tools.CallToolResult r = f.call("files", Map.of());
            assertThat(r.failed()).as(text(r)).isFalse();
            assertThat(r.structuredContent().get("read").asInt()).isZero();
            assertThat(r.structuredContent().get("bytes").asInt()).isEqualTo(10);
            assertThat(r.structuredContent().get("create").asInt()).isEqualTo(ReadOnlyFiles.EROFS);
            assertThat(data.resolve("created.txt")).doesNotExist();
        }
    }

    @Test
    void load_badModules_areRefusedWithPathAndReasonWhileOthersServe() throws Exception {
        TestModules.write(dir, "hello", TestModules.constant("{\"hello\":1}"));
        Files.write(dir.resolve("garbage.wasm"), new byte[] {1, 2, 3, 4});
        Files.writeString(dir.resolve("garbage.json"), TestModules.manifest("garbage"));
        TestModules.write(dir, "foreign", TestModules.FOREIGN_IMPORT);
        Files.copy(dir.resolve("hello.wasm"), dir.resolve("nomanifest.wasm"));
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir).withWatch(false))) {
            assertThat(f.toolNames()).contains("hello").doesNotContain("garbage", "foreign", "nomanifest");
            assertThat(f.wasm.refused()).containsOnlyKeys(dir.resolve("garbage.wasm"), dir.resolve("foreign.wasm"), dir.resolve("nomanifest.wasm"));
            assertThat(f.wasm.refused().get(dir.resolve("garbage.wasm"))).contains("not a WebAssembly module");
            assertThat(f.wasm.refused().get(dir.resolve("foreign.wasm"))).contains("env.secret");
            assertThat(f.wasm.refused().get(dir.resolve("nomanifest.wasm"))).contains("no manifest nomanifest.json");
            assertThat(f.call("hello", Map.of()).failed()).isFalse();
        }
    }

    @Test
    void watch_changedAddedAndDeletedModules_areReloadedAddedAndRemoved() throws Exception {
        TestModules.write(dir, "version", TestModules.constant("{\"version\":1}"));
        try (ServedFolder f = new ServedFolder(WasmSettings.of(dir))) {
            assertThat(f.call("version", Map.of()).structuredContent().get("version").asInt()).isEqualTo(1);

            TestModules.write(dir, "version", TestModules.constant("{\"version\":2}"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(f.call("version", Map.of()).structuredContent().get("version").asInt()).isEqualTo(2));

            Files.write(dir.resolve("version.wasm"), new byte[] {0, 'a', 's', 'm', 9, 9});
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(f.wasm.refused()).containsKey(dir.resolve("version.wasm")));
            assertThat(f.call("version", Map.of()).structuredContent().get("version").asInt()).as("the previous version keeps serving").isEqualTo(2);

            TestModules.write(dir, "added", TestModules.constant("{\"added\":1}"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(f.toolNames()).contains("added"));

            Files.delete(dir.resolve("added.wasm"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(f.toolNames()).doesNotContain("added"));
        }
    }
}
