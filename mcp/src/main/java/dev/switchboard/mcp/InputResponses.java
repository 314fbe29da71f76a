package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import java.util.List;
import java.util.Map;

/**
 * The client's answers to one {@link Context#ask}, by the keys the handler chose, already checked
 * against the request each one answers.
 */
public final class InputResponses {
    private final Map<String, Object> answers;

    InputResponses(Map<String, Object> answers) {
        this.answers = Map.copyOf(answers);
    }

    /** The answer to the elicitation asked under {@code key}. */
    public Elicitation.ElicitResult elicitation(String key) {
        return get(key, Elicitation.ElicitResult.class);
    }

    /** The answer to the sampling call asked under {@code key}. */
    public Sampling.CreateMessageResult sampling(String key) {
        return get(key, Sampling.CreateMessageResult.class);
    }

    /** The roots listed in answer to the request asked under {@code key}. */
    public List<Roots.Root> roots(String key) {
        return get(key, Roots.ListRootsResult.class).roots();
    }

    /** The keys answered. */
    public java.util.Set<String> keys() {
        return answers.keySet();
    }

    private <T> T get(String key, Class<T> type) {
        Object answer = answers.get(key);
        if (answer == null) throw new IllegalArgumentException("nothing was asked under the key '" + key + "'; asked: " + answers.keySet());
        if (!type.isInstance(answer))
            throw new IllegalArgumentException("the answer under '" + key + "' is a " + answer.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        return type.cast(answer);
    }
}
