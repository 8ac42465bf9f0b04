@NullMarked
package dev.baton.blueprint;

import org.jspecify.annotations.NullMarked;
