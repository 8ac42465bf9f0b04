@NullMarked
package dev.baton.engine;

import org.jspecify.annotations.NullMarked;
