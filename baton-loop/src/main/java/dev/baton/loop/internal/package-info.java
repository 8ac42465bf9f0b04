/** The loop's machinery: rules file, health score, decider, executor, built-in sections. */
@NullMarked
package dev.baton.loop.internal;

import org.jspecify.annotations.NullMarked;
