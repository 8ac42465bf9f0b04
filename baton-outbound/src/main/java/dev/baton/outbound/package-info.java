/**
 * Calls Baton makes to the outside world. {@link dev.baton.outbound.NoticeDelivery} delivers the
 * durable outbox of {@link dev.baton.job.Notice notices} (Avtomatika's job webhooks) with retries,
 * bounded concurrency and at-least-once semantics across crashes.
 */
@NullMarked
package dev.baton.outbound;

import org.jspecify.annotations.NullMarked;
