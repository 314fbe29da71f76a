package dev.switchboard.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A target an issue sets for a suite, judged against a {@link ResultTable}: one verdict per row of the
 * benchmark it names (one per parameter combination, say per subscriber count).
 */
sealed interface Goal {

    List<Verdict> judge(ResultTable table);

    enum Status { PASS, MISS, NOT_MEASURED }

    record Verdict(Status status, String text) {
        String line() {
            return String.format("%-5s %s", status == Status.NOT_MEASURED ? "-" : status.name(), text);
        }
    }

    /**
     * Our score is at least {@code factor} times the peer's (in "how many times faster" terms, see
     * {@link ResultTable.Row#ratioTo}); a factor below 1 reads as "at least this fraction of".
     */
    record TimesPeer(String text, String benchmark, String peer, double factor) implements Goal {
        @Override
        public List<Verdict> judge(ResultTable table) {
            List<Verdict> out = new ArrayList<>();
            for (ResultTable.Row row : table.rowsOf(benchmark)) {
                Double ratio = row.ratioTo(peer);
                String where = text + where(row);
                if (ratio == null) out.add(new Verdict(Status.NOT_MEASURED, where + ": no score for us or for " + peer));
                else out.add(new Verdict(ratio >= factor ? Status.PASS : Status.MISS, where + ": " + ResultTable.ratio(ratio)));
            }
            return orNotMeasured(out, text);
        }
    }

    /** Our score (in the row's unit, a time) is below {@code limit}. */
    record Below(String text, String benchmark, double limit) implements Goal {
        @Override
        public List<Verdict> judge(ResultTable table) {
            List<Verdict> out = new ArrayList<>();
            for (ResultTable.Row row : table.rowsOf(benchmark)) {
                String where = text + where(row);
                if (row.ours() == null) out.add(new Verdict(Status.NOT_MEASURED, where + ": no score for us"));
                else out.add(new Verdict(row.ours().value() < limit ? Status.PASS : Status.MISS,
                        where + ": " + ResultTable.number(row.ours().value()) + " " + row.unit()));
            }
            return orNotMeasured(out, text);
        }
    }

    private static String where(ResultTable.Row row) {
        return row.params().isEmpty() ? "" : " [" + row.params() + "]";
    }

    private static List<Verdict> orNotMeasured(List<Verdict> verdicts, String text) {
        return verdicts.isEmpty() ? List.of(new Verdict(Status.NOT_MEASURED, text + ": not measured in this run")) : verdicts;
    }
}
