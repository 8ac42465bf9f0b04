/**
 * Many Baton processes on one database acting as one: every node records a heartbeat ({@link
 * dev.baton.cluster.Node}), and a duty only one node may do at a time (the control loop) is held
 * under a lease with a fencing term ({@link dev.baton.cluster.Lead}), kept by {@link
 * dev.baton.cluster.Leadership}.
 */
@NullMarked
package dev.baton.cluster;

import org.jspecify.annotations.NullMarked;
