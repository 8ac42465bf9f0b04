package dev.baton.scenarios.condition;

import dev.baton.scenarios.ComponentStatus;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * What conditions look at: the components' states, the time, the snapshot the {@code expression}
 * condition reads, and the scenario's context where conditions put what they extract.
 */
public record Situation(
    List<ComponentStatus> clients,
    ZonedDateTime now,
    Map<String, Object> snapshot,
    Map<String, Object> context) {}
