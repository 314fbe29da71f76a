package dev.switchboard.cluster;

import dev.switchboard.tasks.TaskRecord;
import tools.jackson.databind.json.JsonMapper;

/* Why: a task's KV value is its record as JSON; the revision is the KV entry's, never the stored field. */
final class TaskRecordJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TaskRecordJson() {
    }

    static byte[] encode(TaskRecord r) {
        return JSON.writeValueAsBytes(r);
    }

    static TaskRecord decode(byte[] bytes, long revision) {
        return JSON.readValue(bytes, TaskRecord.class).atRevision(revision);
    }
}
