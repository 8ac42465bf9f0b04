/**
 * Calendar-correct schedules: when a schedule fires, in its own time zone, across daylight-saving
 * changes and after downtime.
 *
 * <ul>
 *   <li>{@link dev.baton.schedule.Timing} is the "when": a cron expression ({@link
 *       dev.baton.schedule.CronExpression}, 5 or 6 fields or a macro), a fixed interval, daily at a
 *       time, weekly on days at a time, monthly on dates at a time, or once at an instant.
 *   <li>{@link dev.baton.schedule.FireTimes} computes fire instants for a timing, an IANA zone and
 *       a {@link dev.baton.schedule.DstPolicy}: the next fire, a preview of the next N, and the
 *       fires due now after downtime under a {@link dev.baton.schedule.MissedPolicy}.
 *   <li>{@link dev.baton.schedule.TimingMaps} reads CasareRPA frequencies and Avtomatika {@code
 *       schedules.toml} entries into timings.
 * </ul>
 *
 * <p>Everything here is a pure function of its arguments, including "now": no clock, no thread, no
 * storage. Invalid timings are refused with a {@link dev.baton.schedule.TimingException} that names
 * the field or key.
 */
@NullMarked
package dev.baton.schedule;

import org.jspecify.annotations.NullMarked;
