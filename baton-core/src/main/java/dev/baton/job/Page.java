package dev.baton.job;

import java.util.List;

/** Some items and how many match in all. */
public record Page<T>(List<T> items, long total) {
  public Page {
    items = List.copyOf(items);
  }
}
