package dev.switchboard.mcp;

import java.util.List;
import java.util.Map;

/**
 * Suggests values for one argument of a prompt or a resource template. Return the candidates
 * for the partial {@code value}; at most 100 are sent, with {@code hasMore} set when there were more.
 */
@FunctionalInterface
public interface Completer {
    List<String> complete(String value, Map<String, String> otherArguments) throws Exception;
}
