package dev.baton.console.view;

/** One figure of the overview: its label, value and what it counts. */
public record Card(String id, String label, String value, String hint) {}
