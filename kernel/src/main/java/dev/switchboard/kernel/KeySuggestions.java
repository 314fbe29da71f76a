package dev.switchboard.kernel;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/*
 * Why: a misspelled configuration key is the commonest start-up mistake, and a list of forty known
 * keys does not say which one was meant. This picks the nearest known name by edit distance (or the
 * name the misspelling ends with, for a section left out), so the error can say "did you mean".
 */
final class KeySuggestions {
    private KeySuggestions() {}

    /** The known name closest to {@code name}, when it is close enough to be a misspelling of it. */
    static Optional<String> nearest(String name, Collection<String> known) {
        String wanted = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (c.endsWith("." + wanted) || c.endsWith("_" + wanted) || wanted.endsWith("_" + c.substring(c.indexOf('_') + 1)))
                return Optional.of(candidate);
            int d = distance(wanted, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, wanted.length() / 3));
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1], current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
