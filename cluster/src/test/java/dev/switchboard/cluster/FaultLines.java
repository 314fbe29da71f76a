package dev.switchboard.cluster;

import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/*
 * Why: the books of the fault test, read from what each node wrote (ReportingTaskStore and the
 * tools): which node created each task, which ended it, how often each tag's work started. A
 * killed node's last intents ("creating", "finishing") without a confirmation are settled from the
 * stored record: the write landed when the record shows it and no live node claims it.
 */
record FaultLines(Map<String, List<String>> createdBy, Map<String, List<String>> endedBy, Set<String> recordIds) {
    static final String UNANSWERED = " (stored, answer lost)";

    /** Creates a live node reported failed though the record was stored (the store could not tell). */
    long unanswered() {
        return createdBy.values().stream().filter(v -> v.getFirst().endsWith(UNANSWERED)).count();
    }

    static List<String> all(FaultNode dead, List<FaultNode> others) {
        List<String> out = new ArrayList<>(dead.lines());
        if (others != null) others.forEach(n -> out.addAll(n.lines()));
        return out;
    }

    /** How many times each tag's work started, over the lines given. */
    static Map<String, Integer> runs(List<String> lines) {
        Map<String, Integer> runs = new HashMap<>();
        for (String l : lines) if (l.startsWith("ran ")) runs.merge(l.substring(4), 1, Integer::sum);
        return runs;
    }

    /** What one node says it did: created, completed, failed, cancelled, expired. */
    static long[] counts(List<String> lines) {
        long[] c = new long[5];
        for (String l : lines) {
            String[] f = l.split(" ");
            switch (f[0]) {
                case "created" -> c[0]++;
                case "final" -> c[outcome(f[2])]++;
                case "expired" -> c[4]++;
                default -> { }
            }
        }
        return c;
    }

    // Where counts() keeps a final status: 1 completed, 2 failed, 3 cancelled.
    private static int outcome(String status) {
        return switch (status) {
            case "COMPLETED" -> 1;
            case "FAILED" -> 2;
            default -> 3;
        };
    }

    static FaultLines settle(FaultNode dead, List<FaultNode> survivors, TaskStore store, Set<String> recordIds) throws Exception {
        Map<String, List<String>> created = new HashMap<>();
        Map<String, List<String>> ended = new HashMap<>();
        List<FaultNode> all = new ArrayList<>(survivors);
        all.add(dead);
        for (FaultNode n : all) {
            for (String l : n.lines()) {
                String[] f = l.split(" ");
                if (f[0].equals("created")) created.computeIfAbsent(f[1], k -> new ArrayList<>()).add(n.name);
                if (f[0].equals("final")) ended.computeIfAbsent(f[1], k -> new ArrayList<>()).add(n.name);
            }
        }
        for (FaultNode n : survivors) { // a create whose answer was lost, yet stored: the caller was refused, the task runs
            for (String l : n.lines()) {
                String[] f = l.split(" ");
                if (f[0].equals("creating") && !created.containsKey(f[1]) && recordIds.contains(f[1])) {
                    created.computeIfAbsent(f[1], k -> new ArrayList<>()).add(n.name + UNANSWERED);
                }
            }
        }
        for (FaultNode n : survivors) { // a final write whose answer was lost, yet stored: the engine found it landed
            for (String l : n.lines()) {
                String[] f = l.split(" ");
                if (f[0].equals("unanswered") && !ended.containsKey(f[1])) {
                    Optional<TaskRecord> r = ClusterFaultTest.read(() -> store.get(f[1]));
                    if (r.isPresent() && r.get().status().name().equals(f[2])) {
                        ended.computeIfAbsent(f[1], k -> new ArrayList<>()).add(n.name + UNANSWERED + " " + f[2]);
                    }
                }
            }
        }
        for (String l : dead.lines()) { // its last words: a write that may have landed before SIGKILL
            String[] f = l.split(" ");
            if (f[0].equals("creating") && !created.containsKey(f[1]) && recordIds.contains(f[1])) {
                created.computeIfAbsent(f[1], k -> new ArrayList<>()).add(dead.name + " (unconfirmed)");
            }
            if (f[0].equals("finishing") && !ended.containsKey(f[1])) {
                Optional<TaskRecord> r = ClusterFaultTest.read(() -> store.get(f[1]));
                if (r.isPresent() && r.get().status().name().equals(f[2])) {
                    ended.computeIfAbsent(f[1], k -> new ArrayList<>()).add(dead.name + " (unconfirmed)");
                }
            }
        }
        return new FaultLines(created, ended, recordIds);
    }

    /** A survivor's counts plus the final writes it found landed after their answer was lost (its engine counts those too). */
    long[] withLandedWrites(FaultNode n, long[] counts) {
        long[] c = counts.clone();
        // one ending per task, with the status the stored record showed (a write may have gone unanswered more than once)
        for (List<String> enders : endedBy.values()) {
            String landed = enders.getFirst();
            if (landed.startsWith(n.name + UNANSWERED + " ")) c[outcome(landed.substring(landed.lastIndexOf(' ') + 1))]++;
        }
        return c;
    }

    static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    /** For each id, every line a node wrote about it: what a failed check shows. */
    static Map<String, List<String>> mentions(Set<String> ids, List<FaultNode> nodes) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String id : ids) {
            List<String> lines = new ArrayList<>();
            for (FaultNode n : nodes) n.lines().stream().filter(l -> l.contains(id)).forEach(l -> lines.add(n.name + ": " + l));
            out.put(id, lines);
        }
        return out;
    }

    Set<String> created() {
        return new TreeSet<>(createdBy.keySet());
    }

    Set<String> ended() {
        return new TreeSet<>(endedBy.keySet());
    }

    Map<String, List<String>> createdTwice() {
        return twice(createdBy);
    }

    Map<String, List<String>> endedTwice() {
        return twice(endedBy);
    }

    private static Map<String, List<String>> twice(Map<String, List<String>> by) {
        Map<String, List<String>> out = new HashMap<>();
        by.forEach((id, nodes) -> {
            if (nodes.size() > 1) out.put(id, nodes);
        });
        return out;
    }
}
