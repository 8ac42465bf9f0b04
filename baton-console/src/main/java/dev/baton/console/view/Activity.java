package dev.baton.console.view;

import org.jspecify.annotations.Nullable;

/** A ledger entry as a line of the activity list. */
public record Activity(
    String at, String type, String severity, String source, @Nullable String jobId, String text) {}
