/** Routes, JSON mapping and session bookkeeping of the server. Not an API. */
@NullMarked
package dev.baton.server.internal;

import org.jspecify.annotations.NullMarked;
