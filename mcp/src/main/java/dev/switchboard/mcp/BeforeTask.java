package dev.switchboard.mcp;

import tools.jackson.databind.node.ObjectNode;

/**
 * The synchronous start of a task tool: runs on the creating {@code tools/call} itself, before any
 * task exists, so its input rounds are ordinary ones (SEP-2322 {@code input_required} rounds for a
 * 2026-07-28 client, server-to-client requests in a session). What it returns joins the call's
 * arguments, so the task — and a re-run after a restart — has the gathered answers without asking
 * again. SEP-2663 asks exactly this of tools that need input before they go asynchronous.
 */
@FunctionalInterface
public interface BeforeTask {
    /** Gathers what the task needs; returns the fields to add to the arguments (empty for none). */
    ObjectNode gather(ObjectNode arguments, Context context) throws Exception;
}
