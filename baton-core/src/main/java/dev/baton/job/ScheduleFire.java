package dev.baton.job;

import java.time.Instant;

/**
 * The schedule fire that started a job: the {@code schedule_id}, {@code schedule} and {@code
 * fire_at} attributes. The engine wakes the scheduler when such a job ends (a queued fire may start
 * then).
 */
public record ScheduleFire(String scheduleId, String scheduleName, Instant fireAt) {}
