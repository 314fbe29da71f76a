package dev.switchboard.mcp.codec;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Tools;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes a JSON-RPC message in one pass over the token stream.
 *
 * <p>The envelope members are read by hand; {@code params} is handed to the method's prepared
 * reader the moment it is reached, so a {@code tools/call} becomes a {@link Tools.CallToolParams}
 * without an intermediate tree or map. Only when {@code params} comes before {@code method} (legal,
 * rare) is it buffered as a tree and bound afterwards.
 *
 * <p>When binding {@code params} fails, the parser sits somewhere inside them; the decoder skips
 * to the end of {@code params} and reads on, so the failure still carries the request id. Syntax
 * errors cannot be skipped over and fail the whole message with -32700. Nor can a member named
 * twice (the parser refuses it, {@link WireMapper}): the message ends there, answered -32600 for
 * the envelope's members and -32602 inside {@code params}, with the id when it came first.
 */
final class MessageDecoder {

    private final JsonMapper mapper;
    private final MethodTable methods;
    private final int maxNestingDepth;
    /** Keeps an object {@code result} as its JSON text instead of building a tree (a proxy forwards it as it is). */
    private final boolean rawResults;

    MessageDecoder(JsonMapper mapper, MethodTable methods, int maxNestingDepth, boolean rawResults) {
        this.mapper = mapper;
        this.methods = methods;
        this.maxNestingDepth = maxNestingDepth;
        this.rawResults = rawResults;
    }

    /** Where the message's text comes from, to cut a raw result out of it by the parser's offsets. */
    private sealed interface Source {
        String text(TokenStreamLocation start, TokenStreamLocation end);
    }

    private record Utf8(byte[] buffer, int offset) implements Source {
        @Override
        public String text(TokenStreamLocation start, TokenStreamLocation end) {
            long from = start.getByteOffset();
            return new String(buffer, offset + (int) from, (int) (end.getByteOffset() - from), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private record Chars(String message) implements Source {
        @Override
        public String text(TokenStreamLocation start, TokenStreamLocation end) {
            return message.substring((int) start.getCharOffset(), (int) end.getCharOffset());
        }
    }

    Decoded decode(byte[] buffer, int offset, int length) {
        try (JsonParser p = mapper.createParser(buffer, offset, length)) {
            return decodeDocument(p, rawResults ? new Utf8(buffer, offset) : null);
        } catch (Abandoned a) {
            return a.failure;
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    Decoded decode(String message) {
        try (JsonParser p = mapper.createParser(message)) {
            return decodeDocument(p, rawResults ? new Chars(message) : null);
        } catch (Abandoned a) {
            return a.failure;
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private Decoded decodeDocument(JsonParser p, Source source) {
        JsonToken first = p.nextToken();
        if (first == null) {
            return failure(JsonRpc.PARSE_ERROR, "Parse error: empty message");
        }
        Decoded decoded = switch (first) {
            case START_OBJECT -> readMessage(p, source);
            case START_ARRAY -> readBatch(p, source);
            default -> failure(JsonRpc.INVALID_REQUEST,
                    "Invalid request: a message must be a JSON object or array, got " + BindingProblems.kind(first));
        };
        if (p.nextToken() != null) {
            return failure(JsonRpc.PARSE_ERROR,
                    "Parse error: unexpected data after the message" + at(p.currentTokenLocation()));
        }
        return decoded;
    }

    private Decoded readBatch(JsonParser p, Source source) {
        List<Decoded> messages = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.START_OBJECT) {
                messages.add(readMessage(p, source));
            } else {
                p.skipChildren();
                messages.add(failure(JsonRpc.INVALID_REQUEST,
                        "Invalid request: a batch element must be an object, got " + BindingProblems.kind(t)));
            }
        }
        if (messages.isEmpty()) {
            return failure(JsonRpc.INVALID_REQUEST, "Invalid request: empty batch");
        }
        return new Decoded.Batch(messages);
    }

    /** Reads one message object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
    private Decoded readMessage(JsonParser p, Source source) {
        int depth = p.streamReadContext().getNestingDepth();
        Envelope env = new Envelope();
        try {
            readMembers(p, env, depth, source);
        } catch (StreamReadException e) {
            if (!isDuplicate(e)) throw e;
            throw new Abandoned(duplicate(p, env, depth));
        }
        return env.toDecoded(methods);
    }

    private void readMembers(JsonParser p, Envelope env, int depth, Source source) {
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "jsonrpc" -> readVersion(p, value, env);
                case "id" -> readId(p, value, env);
                case "method" -> readMethod(p, value, env);
                case "params" -> readParams(p, value, env, depth);
                case "result" -> {
                    env.seen(name, env.hasResult());
                    if (source != null && value == JsonToken.START_OBJECT) {
                        // the parser still reads (and checks) every token of it; it only builds nothing
                        TokenStreamLocation start = p.currentTokenLocation();
                        p.skipChildren();
                        env.result = null;
                        env.rawResult = RawResult.checked(source.text(start, p.currentLocation()));
                    } else {
                        env.rawResult = null;
                        env.result = p.readValueAsTree();
                    }
                }
                case "error" -> {
                    env.seen(name, env.error != null);
                    env.error = p.readValueAsTree();
                }
                default -> p.skipChildren();
            }
        }
    }

    private static boolean isDuplicate(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate Object property");
    }

    /** The answer to a member named twice; the parser stopped on the second occurrence. */
    private Decoded.Failure duplicate(JsonParser p, Envelope env, int depth) {
        TokenStreamContext at = p.streamReadContext();
        if (at.getNestingDepth() <= depth) {
            env.seen(at.currentName(), true);
            return (Decoded.Failure) env.toDecoded(methods); // a duplicate is the first verdict toDecoded gives
        }
        // the path from the message's member down to the object holding the duplicate
        java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
        for (TokenStreamContext c = at; c != null && c.getNestingDepth() >= depth; c = c.getParent())
            path.addFirst(c.inArray() ? String.valueOf(c.getCurrentIndex()) : String.valueOf(c.currentName()));
        String top = path.removeFirst();
        String where = String.join(".", path);
        boolean notification = env.methodSeen && !env.idSeen;
        if (top.equals("params"))
            return new Decoded.Failure(JsonRpc.INVALID_PARAMS, "Invalid params" + (env.method == null ? "" : " for " + env.method)
                    + ": duplicate member '" + where + "' in params", env.id, env.method, !notification);
        boolean response = !env.methodSeen && (top.equals("result") || top.equals("error"));
        return new Decoded.Failure(JsonRpc.INVALID_REQUEST, "Invalid request: duplicate member '" + where + "' in " + top,
                env.id, env.method, !notification && !response);
    }

    /** Ends the whole document: the parser cannot go on after refusing a duplicate member. */
    private static final class Abandoned extends RuntimeException {
        final Decoded.Failure failure;

        Abandoned(Decoded.Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    private static void readVersion(JsonParser p, JsonToken value, Envelope env) {
        env.seen("jsonrpc", env.jsonrpcSeen);
        env.jsonrpcSeen = true;
        if (value == JsonToken.VALUE_STRING) {
            env.jsonrpc = p.getString();
        } else {
            env.jsonrpc = null;
            env.jsonrpcKind = BindingProblems.kind(value);
            p.skipChildren();
        }
    }

    private static void readId(JsonParser p, JsonToken value, Envelope env) {
        env.seen("id", env.idSeen);
        env.idSeen = true;
        switch (value) {
            case VALUE_STRING -> env.id = new RequestId.StringId(p.getString());
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = p.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    env.id = new RequestId.NumberId(p.getLongValue());
                } else {
                    env.idProblem = "id is outside the 64-bit integer range";
                }
            }
            case VALUE_NULL -> env.idNull = true;
            default -> {
                env.idProblem = "id must be a string or an integer, got " + BindingProblems.kind(value);
                p.skipChildren();
            }
        }
    }

    private static void readMethod(JsonParser p, JsonToken value, Envelope env) {
        env.seen("method", env.methodSeen);
        env.methodSeen = true;
        if (value == JsonToken.VALUE_STRING) {
            env.method = p.getString();
        } else {
            env.method = null;
            env.methodKind = BindingProblems.kind(value);
            p.skipChildren();
        }
    }

    private void readParams(JsonParser p, JsonToken value, Envelope env, int depth) {
        env.seen("params", env.paramsSeen);
        env.paramsSeen = true;
        switch (value) {
            case VALUE_NULL -> { } // treated as absent: some clients send null for "no params"
            case START_ARRAY -> env.paramsTree = p.readValueAsTree();
            case START_OBJECT -> {
                ObjectReader reader = env.method == null ? null : methods.reader(env.method);
                if (reader == null) {
                    env.paramsTree = p.readValueAsTree();
                    return;
                }
                try {
                    env.params = reader.readValue(p);
                } catch (DatabindException | InputCoercionException e) {
                    env.paramsProblem(JsonRpc.INVALID_PARAMS, BindingProblems.describe(e, "params"));
                    skipToDepth(p, depth);
                }
            }
            default -> env.paramsProblem(JsonRpc.INVALID_REQUEST,
                    "params must be an object, got " + BindingProblems.kind(value));
        }
    }

    /** Advances until the parser is back in the message object at {@code depth}. */
    private static void skipToDepth(JsonParser p, int depth) {
        while (p.streamReadContext().getNestingDepth() > depth) {
            if (p.nextToken() == null) {
                return;
            }
        }
    }

    private Decoded failed(RuntimeException e) {
        if (e instanceof StreamConstraintsException c) {
            String problem = c.getOriginalMessage() != null && c.getOriginalMessage().contains("nesting depth")
                    ? "nesting deeper than " + maxNestingDepth + " levels"
                    : c.getOriginalMessage();
            // valid JSON, but more than we agree to read: a refused request, not a parse error
            return failure(JsonRpc.INVALID_REQUEST, "Invalid request: " + problem + at(c.getLocation()));
        }
        if (e instanceof JacksonException j) {
            return failure(JsonRpc.PARSE_ERROR, "Parse error: " + j.getOriginalMessage() + at(j.getLocation()));
        }
        return failure(JsonRpc.INTERNAL_ERROR, "Internal error: the decoder failed: " + e);
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static Decoded.Failure failure(int code, String message) {
        return new Decoded.Failure(code, message, null, null, true);
    }
}
