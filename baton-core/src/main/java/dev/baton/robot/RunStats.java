package dev.baton.robot;

/** Runs that ended in a period: how many completed and failed, and their mean duration. */
public record RunStats(long completed, long failed, double averageDurationMs) {}
