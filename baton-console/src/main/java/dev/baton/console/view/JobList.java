package dev.baton.console.view;

import java.util.List;

/**
 * One page of the jobs table with its filters.
 *
 * @param status the status filter, or empty for all
 * @param blueprint the blueprint filter, or empty for all
 * @param previous the query string of the previous page, or empty on the first
 * @param next the query string of the next page, or empty on the last
 */
public record JobList(
    List<JobRow> rows,
    String status,
    String blueprint,
    List<String> statuses,
    List<String> blueprints,
    long total,
    int page,
    long pages,
    String previous,
    String next) {}
