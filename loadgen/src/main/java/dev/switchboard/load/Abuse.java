package dev.switchboard.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code abuse} scenario: the {@code concurrent} load measured alone, then again beside
 * slowloris, silent and never-reading clients ({@link Abusers}), against the same server. The
 * goals are those of issue 11: the normal client keeps at least 80% of its unabused throughput,
 * its p99 stays within 2x, it sees no errors, and the server's memory stays within the bound
 * docs/operations.md ("Memory under abuse") gives for the default settings: its size before the
 * abuse plus {@link AbuseSpec#memoryAllowance()}. Calm and abused phases alternate for
 * {@link AbuseSpec#rounds()} rounds.
 */
final class Abuse {
    private Abuse() {}

    static LoadResult run(LoadSpec spec, AbuseSpec abuse, Progress progress) throws InterruptedException {
        LoadSpec normal = spec.withScenario(Scenario.CONCURRENT).closedLoop(spec.connections(), spec.duration());
        HttpScenarios.run(normal.closedLoop(spec.connections(), abuse.warmup()), Progress.NONE);
        Memory memory = new Memory(spec.serverPid(), spec.url());
        List<LoadResult> calm = new ArrayList<>(), abused = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        long before = -1;
        AtomicLong peak = new AtomicLong(-1);
        // calm and abused phases alternate, so a neighbour's load on a shared machine falls on both alike
        for (int round = 0; round < abuse.rounds(); round++) {
            calm.add(HttpScenarios.run(normal, progress));
            if (round == 0) {
                before = memory.sample();
                peak.set(before);
            }
            Abusers abusers = new Abusers(spec.url(), abuse);
            Thread sampler = null;
            try {
                abusers.start();
                sampler = Thread.ofPlatform().daemon().name("sb-abuse-memory").start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.sample(), Math::max);
                        try {
                            Thread.sleep(250);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                Thread.sleep(abuse.settle().toMillis());
                abused.add(HttpScenarios.run(normal, progress));
            } finally {
                if (sampler != null) sampler.interrupt();
                abusers.close();
            }
            abusers.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
        }
        long after = memory.sample();
        return report(abuse, merge(calm), merge(abused), counts, memory.source(), before, peak.get(), after);
    }

    /** The rounds of one condition as one result: operations and time summed, latency percentiles averaged. */
    private static LoadResult merge(List<LoadResult> rounds) {
        if (rounds.size() == 1) return rounds.get(0);
        long requests = 0, ok = 0;
        double seconds = 0, p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0, mean = 0;
        Map<String, Long> errors = new LinkedHashMap<>();
        for (LoadResult r : rounds) {
            requests += r.requests();
            ok += r.ok();
            seconds += r.seconds();
            p50 += r.latency().p50();
            p90 += r.latency().p90();
            p99 += r.latency().p99();
            p999 += r.latency().p999();
            max = Math.max(max, r.latency().max());
            mean += r.latency().mean();
            r.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
        }
        int n = rounds.size();
        LoadResult last = rounds.get(n - 1);
        return new LoadResult(last.scenario(), last.target(), last.operation(), last.connections(), requests, ok, errors, seconds,
                seconds == 0 ? 0 : ok / seconds, new LoadResult.Latency(p50 / n, p90 / n, p99 / n, p999 / n, max, mean / n),
                last.timeline(), last.percentiles(), Map.of());
    }

    private static LoadResult report(AbuseSpec abuse, LoadResult calm, LoadResult abused, Map<String, Long> counts,
                                     String memorySource, long before, long peak, long after) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("abusers", abuse.slowloris() + " slowloris (a byte per " + abuse.trickle().toMillis() + " ms), " + abuse.silent() + " silent, "
                + abuse.neverReading() + " never-reading (GET SSE stream + pipelined " + abuse.echoBytes() / 1024 + " KiB echo calls)");
        extra.put("abuserOutcomes", counts);
        extra.put("unabused", line(calm));
        extra.put("abused", line(abused));
        double throughputRatio = calm.throughput() == 0 ? 0 : abused.throughput() / calm.throughput();
        double p99Ratio = calm.latency().p99() == 0 ? Double.POSITIVE_INFINITY : abused.latency().p99() / calm.latency().p99();
        long errors = (calm.requests() - calm.ok()) + (abused.requests() - abused.ok());
        long bound = before < 0 ? -1 : before + abuse.memoryAllowance();
        boolean tp = throughputRatio >= 0.8, lat = p99Ratio <= 2.0, err = errors == 0, mem = before >= 0 && peak <= bound;
        extra.put("memory", before < 0 ? "unknown (give --server-pid, or serve /metrics on the target's port)"
                : String.format(Locale.ROOT, "%s: %.0f MiB before the abuse, %.0f MiB peak during it, %.0f MiB after it; bound %.0f MiB (before + %.0f MiB, docs/operations.md)",
                        memorySource, mib(before), mib(peak), mib(after), mib(bound), mib(abuse.memoryAllowance())));
        extra.put("goal throughput >= 80% of unabused", verdict(tp, String.format(Locale.ROOT, "%.1f%%", throughputRatio * 100)));
        extra.put("goal p99 <= 2x unabused", verdict(lat, String.format(Locale.ROOT, "%.2fx", p99Ratio)));
        extra.put("goal zero errors", verdict(err, errors + " errors"));
        extra.put("goal memory within the bound", before < 0 ? "MISS (not measured)" : verdict(mem, String.format(Locale.ROOT, "peak %.0f MiB of %.0f MiB", mib(peak), mib(bound))));
        extra.put("goalsMet", tp && lat && err && mem);
        return HttpScenarios.withExtra(new LoadResult("abuse", abused.target(), abused.operation(), abused.connections(), abused.requests(), abused.ok(),
                abused.errors(), abused.seconds(), abused.throughput(), abused.latency(), abused.timeline(), abused.percentiles(), Map.of()), extra);
    }

    private static String line(LoadResult r) {
        return String.format(Locale.ROOT, "%.0f ok/s, p50 %.3f ms, p99 %.3f ms, %d errors%s", r.throughput(), r.latency().p50(), r.latency().p99(),
                r.requests() - r.ok(), r.errors().isEmpty() ? "" : " " + r.errors());
    }

    private static String verdict(boolean met, String figure) {
        return (met ? "PASS" : "MISS") + " (" + figure + ")";
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** The server's memory: RSS when its process is known, otherwise the heap in use from its /metrics. */
    private record Memory(long pid, URI metrics, HttpClient client) {
        Memory(long pid, URI url) {
            this(pid, url.resolve("/metrics"), pid > 0 ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        }

        String source() {
            return pid > 0 ? "server RSS (/proc/" + pid + "/status VmRSS)" : "server heap used (" + metrics + " jvm_memory_used_bytes{area=\"heap\"})";
        }

        long sample() {
            if (pid > 0) return ServerMemory.rss(pid);
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) return -1;
                long sum = 0;
                boolean found = false;
                for (String l : r.body().split("\n")) {
                    if (!l.startsWith("jvm_memory_used_bytes{") || !l.contains("area=\"heap\"")) continue;
                    sum += (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                    found = true;
                }
                return found ? sum : -1;
            } catch (Exception e) {
                return -1;
            }
        }
    }
}
