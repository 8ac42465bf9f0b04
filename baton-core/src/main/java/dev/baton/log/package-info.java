/** The fields every log line carries while a unit of work runs (SLF4J's MDC). */
@NullMarked
package dev.baton.log;

import org.jspecify.annotations.NullMarked;
