@NullMarked
package dev.baton.job;

import org.jspecify.annotations.NullMarked;
