/**
 * The store port over JDBC: {@link dev.baton.store.jdbc.JdbcStore} on SQLite (the embedded default)
 * or PostgreSQL (production, several Baton processes on one database).
 */
@NullMarked
package dev.baton.store.jdbc;

import org.jspecify.annotations.NullMarked;
