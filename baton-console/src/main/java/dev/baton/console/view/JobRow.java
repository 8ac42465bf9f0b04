package dev.baton.console.view;

import org.jspecify.annotations.Nullable;

/** A job as a row of the jobs table (and the head of its page). */
public record JobRow(
    String id,
    String blueprint,
    String status,
    String state,
    String created,
    String updated,
    @Nullable String client,
    @Nullable String error) {}
