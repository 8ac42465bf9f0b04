/** What the console's templates show: one record per page or row, already formatted. */
@NullMarked
package dev.baton.console.view;

import org.jspecify.annotations.NullMarked;
