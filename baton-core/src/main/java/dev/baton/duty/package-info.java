/** Background duties: named threads that repeat a round until closed. */
@NullMarked
package dev.baton.duty;

import org.jspecify.annotations.NullMarked;
