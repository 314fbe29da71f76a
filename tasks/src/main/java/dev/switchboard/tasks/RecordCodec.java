package dev.switchboard.tasks;

import tools.jackson.databind.json.JsonMapper;

/*
 * A task record as JSON text: the value format every store shares (MVStore map value, SQLite
 * column, JetStream KV value), readable with any tool and tolerant of fields added later.
 */
final class RecordCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordCodec() {}

    static String encode(TaskRecord record) {
        return JSON.writeValueAsString(record);
    }

    static TaskRecord decode(String json) {
        return JSON.readValue(json, TaskRecord.class);
    }
}
