package dev.switchboard.transport;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Request headers as the {@code Exchange} SPI hands them to the engine: by lower-case name, copied, so they outlive the request. */
final class HeaderMaps {
    private HeaderMaps() {}

    static Map<String, List<String>> of(HttpHeaders headers) {
        Map<String, List<String>> byName = new HashMap<>();
        for (Map.Entry<String, String> e : headers)
            byName.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(e.getValue());
        byName.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(byName);
    }
}
