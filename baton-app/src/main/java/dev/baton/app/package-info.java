@NullMarked
package dev.baton.app;

import org.jspecify.annotations.NullMarked;
