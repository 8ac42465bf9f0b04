package dev.baton.console.view;

/**
 * What every page shows around its content.
 *
 * @param active the navigation entry to mark: overview, jobs, robots
 * @param viewer who is logged in ({@code anonymous} when the console is open)
 * @param open no clients file: anyone may use the console, and the banner says so
 * @param csrf the session's token, put in every form that changes something
 * @param acts whether the viewer may do the console's operator actions (its role allows the action
 *     role, {@code BATON_CONSOLE_ACTION_ROLE}): pages show those forms only then, rather than forms
 *     whose answer would be 403
 * @param since the newest event's id when the page was rendered: its event stream starts after it,
 *     so a change committed while the browser loads the page and opens the stream still refreshes
 *     it (without it, a job that ends in those milliseconds would leave the page stale)
 */
public record Frame(
    String title,
    String active,
    String viewer,
    String role,
    boolean open,
    String csrf,
    boolean acts,
    long since) {}
