package dev.switchboard.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A subscription pattern over topics of the form {@code subsystem://seg/seg}. Tokens are the
 * subsystem and then each segment; {@code *} matches exactly one token and a final {@code >} matches
 * one or more. These are NATS subject semantics on purpose: the cluster bridge maps a topic's tokens
 * to a NATS subject one for one. {@code >} alone matches every topic.
 */
record TopicPattern(String text, List<String> tokens) {

    static TopicPattern parse(String pattern) {
        List<String> tokens = tokens(pattern);
        if (tokens == null) throw new IllegalArgumentException("topic pattern '" + pattern + "' is not of the form subsystem://segments (or '>')");
        for (int i = 0; i < tokens.size() - 1; i++)
            if (tokens.get(i).equals(">")) throw new IllegalArgumentException("topic pattern '" + pattern + "': '>' is allowed only at the end");
        return new TopicPattern(pattern, tokens);
    }

    /** The topic's tokens, or {@code null} when it is malformed. */
    static List<String> tokens(String topic) {
        if (topic == null) return null;
        if (topic.equals(">")) return List.of(">");
        int sep = topic.indexOf("://");
        if (sep <= 0) return null;
        List<String> out = new ArrayList<>(4);
        out.add(topic.substring(0, sep));
        String rest = topic.substring(sep + 3);
        if (!rest.isEmpty()) {
            for (String s : rest.split("/", -1)) {
                if (s.isEmpty()) return null;
                out.add(s);
            }
        }
        return out;
    }

    boolean matches(List<String> topic) {
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            String t = tokens.get(i);
            if (t.equals(">")) return topic.size() > i;
            if (i >= topic.size()) return false;
            if (!t.equals("*") && !t.equals(topic.get(i))) return false;
        }
        return topic.size() == n;
    }
}
