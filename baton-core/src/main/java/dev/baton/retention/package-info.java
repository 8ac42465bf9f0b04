/**
 * Retention: jobs that ended long ago and the oldest ledger entries are removed (exported first, if
 * asked) by the node that leads {@link dev.baton.retention.Retention#DUTY}, in small batches.
 */
@NullMarked
package dev.baton.retention;

import org.jspecify.annotations.NullMarked;
