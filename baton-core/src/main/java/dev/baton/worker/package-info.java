@NullMarked
package dev.baton.worker;

import org.jspecify.annotations.NullMarked;
