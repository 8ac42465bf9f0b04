/** Protocol mechanics behind {@link dev.baton.worker.sdk.Worker}; not a public API. */
@NullMarked
package dev.baton.worker.sdk.internal;

import org.jspecify.annotations.NullMarked;
