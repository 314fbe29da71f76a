package dev.switchboard.mcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 6570 level-1 URI template ({@code test://template/{id}/data}) used to match resource URIs
 * and pull out the variables. A variable matches one or more characters other than {@code /}, so a
 * template's literal parts keep their meaning.
 *
 * <p>The URI is the client's. Several variables in one segment ({@code {name}.{ext}}) make the
 * regex backtrack, and a long URI that almost matches would take time polynomial in its length;
 * so matching reads the URI through a {@link Budget} of {@value #STEPS_PER_CHAR} character reads
 * per character, and a URI that exhausts it matches nothing. Every URI that matches at all does so
 * well within it.
 */
record UriTemplate(String text, Pattern pattern, List<String> variables) {

    static UriTemplate parse(String template) {
        StringBuilder regex = new StringBuilder();
        List<String> variables = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) throw new IllegalArgumentException("URI template '" + template + "' has an unclosed '{'");
            if (open > i) regex.append(Pattern.quote(template.substring(i, open)));
            String name = template.substring(open + 1, close);
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_.]+"))
                throw new IllegalArgumentException("URI template '" + template + "' has an unsupported expression '{" + name + "}'");
            variables.add(name);
            regex.append("([^/]+)");
            i = close + 1;
        }
        return new UriTemplate(template, Pattern.compile(regex.toString()), List.copyOf(variables));
    }

    static final int STEPS_PER_CHAR = 64;

    /** The variables if {@code uri} matches, else {@code null}. */
    Map<String, String> match(String uri) {
        Matcher m = pattern.matcher(new Budget(uri, STEPS_PER_CHAR * (uri.length() + 64L)));
        try {
            if (!m.matches()) return null;
        } catch (Budget.Exhausted e) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < variables.size(); i++) values.put(variables.get(i), m.group(i + 1));
        return values;
    }

    /** The URI as the matcher sees it: each character read counts against a budget. */
    private static final class Budget implements CharSequence {
        private final String text;
        private long left;

        Budget(String text, long steps) {
            this.text = text;
            this.left = steps;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) throw new Exhausted();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }

        private static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("URI template match gave up", null, false, false);
            }
        }
    }
}
