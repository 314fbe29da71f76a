package dev.switchboard.load;

import dev.switchboard.load.Comparison.PeerFigures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

// The goals of issue 12 as sb compare prints them: PASS or MISS with the figures that decide it, or
// N/A naming the peer that was not measured, so a missing peer never reads as a pass.
final class ComparisonGoals {
    /** The other Java servers the 1.5× goal is about. */
    static final List<String> OTHER_JAVA = List.of("quarkus", "spring");

    private ComparisonGoals() {}

    static List<String> of(List<PeerFigures> figures) {
        PeerFigures sb = Comparison.find(figures, "switchboard"), sdk = Comparison.find(figures, "java-sdk"), floor = Comparison.find(figures, "floor");
        PeerFigures java = figures.stream().filter(f -> OTHER_JAVA.contains(f.name())).max(Comparator.comparingDouble(PeerFigures::callsPerSecond)).orElse(null);
        List<String> goals = new ArrayList<>();
        goals.add(goal("session-era tools/call >= 5x the Java SDK", sb, sdk, () -> sb.callsPerSecond() >= 5 * sdk.callsPerSecond(),
                () -> times(sb.callsPerSecond(), sdk.callsPerSecond())));
        goals.add(goal("session-era tools/call >= 1.5x the fastest other Java peer (" + String.join(", ", OTHER_JAVA) + ")", sb, java,
                () -> sb.callsPerSecond() >= 1.5 * java.callsPerSecond(), () -> times(sb.callsPerSecond(), java.callsPerSecond()) + " " + java.name()));
        goals.add(goal("session-era tools/call >= 0.7x the Netty floor", sb, floor, () -> sb.callsPerSecond() >= 0.7 * floor.callsPerSecond(),
                () -> times(sb.callsPerSecond(), floor.callsPerSecond())));
        goals.add(goal("p99 <= 1/3 of the Java SDK's at 50 connections", sb, sdk, () -> sb.p99Ms() * 3 <= sdk.p99Ms(),
                () -> String.format(Locale.ROOT, "%.3f ms vs %.3f ms (%s of it)", sb.p99Ms(), sdk.p99Ms(), times(sb.p99Ms(), sdk.p99Ms()))));
        goals.add(goal("churn >= 3x the Java SDK", sb, sdk, () -> sb.churnPerSecond() >= 3 * sdk.churnPerSecond(),
                () -> times(sb.churnPerSecond(), sdk.churnPerSecond())));
        goals.add(goal("heap per idle session <= 4 KiB", sb, sb, () -> sb.heapPerIdleSession() != Comparison.NOT_MEASURED && sb.heapPerIdleSession() <= 4096,
                () -> sb.heapPerIdleSession() == Comparison.NOT_MEASURED ? "not measured" : sb.heapPerIdleSession() + " B"));
        boolean sbStateless = sb != null && sb.statelessPerSecond() >= 0;
        PeerFigures floorStateless = floor != null && floor.statelessPerSecond() >= 0 ? floor : null;
        goals.add(goal("stateless-era tools/call >= 0.7x the Netty floor", sbStateless ? sb : null, floorStateless,
                () -> sb.statelessPerSecond() >= 0.7 * floor.statelessPerSecond(), () -> times(sb.statelessPerSecond(), floor.statelessPerSecond())));
        Optional<PeerFigures> fastest = figures.stream().filter(f -> f.statelessPerSecond() >= 0 && !f.name().equals("switchboard") && !f.name().equals("floor"))
                .max(Comparator.comparingDouble(PeerFigures::statelessPerSecond));
        String serving = figures.stream().filter(f -> f.statelessPerSecond() >= 0 && !f.name().equals("switchboard") && !f.name().equals("floor"))
                .map(PeerFigures::name).reduce((a, b) -> a + ", " + b).orElse("none measured");
        goals.add(goal("stateless-era tools/call ahead of every peer serving 2026-07-28 (" + serving + ")", sbStateless ? sb : null, fastest.orElse(null),
                () -> sb.statelessPerSecond() > fastest.get().statelessPerSecond(),
                () -> times(sb.statelessPerSecond(), fastest.get().statelessPerSecond()) + " the fastest, " + fastest.get().name()));
        return goals;
    }

    private static String goal(String name, PeerFigures ours, PeerFigures other, BooleanSupplier met, Supplier<String> figure) {
        if (ours == null) return "N/A  " + name + ": switchboard was not measured";
        if (other == null) return "N/A  " + name + ": its peer was not measured (see the FAILED lines, or --only)";
        return (met.getAsBoolean() ? "PASS " : "MISS ") + name + ": " + figure.get();
    }

    private static String times(double a, double b) {
        return Comparison.ratio(a, b) + "x";
    }
}
