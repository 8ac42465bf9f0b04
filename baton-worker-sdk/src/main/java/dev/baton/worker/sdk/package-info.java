/**
 * A Java worker for the Avtomatika 1.0b7 HTTP worker protocol, spoken by Baton and Avtomatika.
 *
 * <p>Start with {@link dev.baton.worker.sdk.Worker#builder}. Handlers implement {@link
 * dev.baton.worker.sdk.TaskHandler} and return a {@link dev.baton.worker.sdk.TaskResult}.
 */
@NullMarked
package dev.baton.worker.sdk;

import org.jspecify.annotations.NullMarked;
