/**
 * The {@code baton} commands that talk to a running server over its HTTP API: {@code jobs}, {@code
 * robots}, {@code workers}, {@code scenarios}, {@code components}, {@code events}, {@code ledger},
 * {@code loop}, {@code blueprints} (and, from {@code dev.baton.app}, {@code schedules}). Each is an
 * {@link dev.baton.app.cli.ApiCommand}: one {@link dev.baton.app.cli.Api} client over the JDK's
 * HttpClient, the connection options of {@link dev.baton.app.cli.CliOptions}, and output as a table
 * or JSON through {@link dev.baton.app.cli.Printer}.
 */
@NullMarked
package dev.baton.app.cli;

import org.jspecify.annotations.NullMarked;
