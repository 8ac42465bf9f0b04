package dev.baton.console.view;

import java.util.List;

/**
 * One page of the jobs table with its filters, each as the form sent it (empty: no filter).
 *
 * @param from created at or after, UTC ({@code yyyy-MM-ddTHH:mm})
 * @param to created before, UTC
 * @param text the start of a job id
 * @param errors what is wrong with the filters; when any, the table is not read
 * @param total how many jobs match; when {@code pages} is 0, more than this many do (the store
 *     counted up to a cap)
 * @param pages how many pages there are, or 0 when not counted
 * @param previous the query string of the previous page, or empty on the first
 * @param next the query string of the next page, or empty on the last
 */
public record JobList(
    List<JobRow> rows,
    String status,
    String blueprint,
    String client,
    String from,
    String to,
    String text,
    List<String> statuses,
    List<String> blueprints,
    List<String> errors,
    long total,
    int page,
    long pages,
    String previous,
    String next) {}
