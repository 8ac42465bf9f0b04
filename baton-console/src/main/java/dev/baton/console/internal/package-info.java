/** The console's pages, sessions and figures; not for other modules. */
@NullMarked
package dev.baton.console.internal;

import org.jspecify.annotations.NullMarked;
