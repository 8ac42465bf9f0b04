package dev.baton.console.view;

/**
 * Where the pages' scripts and styles are served: webjars from Maven Central (the server serves
 * {@code /webjars/*} from the classpath), the console's own under {@code webjars/baton-console}.
 * The versions are the parent pom's; a bump changes both (the browser test loads every page).
 */
public final class Assets {
  private Assets() {}

  public static final String HTMX = "/webjars/htmx.org/2.0.8/dist/htmx.min.js";
  public static final String HTMX_SSE = "/webjars/htmx-ext-sse/2.2.2/sse.js";
  public static final String UPLOT = "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
  public static final String UPLOT_CSS = "/webjars/uplot/1.6.30/dist/uPlot.min.css";
  public static final String SCRIPT = "/webjars/baton-console/console.js";
  public static final String STYLE = "/webjars/baton-console/console.css";
}
