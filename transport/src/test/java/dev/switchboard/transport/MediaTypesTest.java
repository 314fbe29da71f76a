package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json|true",
            "Application/JSON|true",
            "application/json; charset=utf-8|true",
            " application/json ;charset=UTF-8|true",
            "application/jsonx|false",
            "application/json-patch+json|false",
            "application/jso|false",
            "text/json|false",
            "''|false",
    })
    void isJson_readsTypeAndSubtype_parametersAllowed(String contentType, boolean json) {
        assertThat(MediaTypes.isJson(contentType)).isEqualTo(json);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json, text/event-stream|text/event-stream|true",
            "application/json,text/event-stream|application/json|true",
            "text/*|text/event-stream|true",
            "*/*|application/json|true",
            "application/json;q=0.9, text/event-stream;q=0.1|text/event-stream|true",
            "text/event-stream;q=0|text/event-stream|false",
            "text/event-stream; q=0.0, application/json|text/event-stream|false",
            "text/event-streams|text/event-stream|false",
            "application/jsonx|application/json|false",
            "tex/*|text/event-stream|false",
            "application/json,|text/event-stream|false",
    })
    void accepts_matchesMediaRanges_andRespectsQZero(String accept, String type, boolean accepted) {
        assertThat(MediaTypes.accepts(accept, type)).isEqualTo(accepted);
    }
}
