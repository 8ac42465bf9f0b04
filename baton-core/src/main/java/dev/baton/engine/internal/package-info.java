@NullMarked
package dev.baton.engine.internal;

import org.jspecify.annotations.NullMarked;
