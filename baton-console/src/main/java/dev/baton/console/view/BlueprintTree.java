package dev.baton.console.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Blueprints panel: the stored blueprints filed by folder, each folder after its parent.
 *
 * @param tag the tag filter as given ("" for none)
 * @param tags every tag the stored blueprints carry, to choose from
 * @param count how many blueprints are shown
 * @param problems why a pushed document was refused, each naming its place
 * @param draft the pushed text, shown again to mend after a refusal
 */
public record BlueprintTree(
    List<Folder> folders,
    String tag,
    List<String> tags,
    int count,
    boolean canChange,
    List<String> problems,
    String draft) {

  /** The panel kept to the blueprints carrying {@code tag}. */
  public static String tagLink(String tag) {
    return "/console/blueprints?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8);
  }

  /**
   * A folder: its path ({@code a/b}, "" at the top), its last segment and how deep it sits.
   *
   * @param blueprints the blueprints filed right here (not below)
   */
  public record Folder(String path, String name, int depth, List<Row> blueprints) {}

  /**
   * A blueprint, as its newest version files it.
   *
   * @param published the latest published version (what new jobs start on), or 0 for none
   * @param newestStatus the status of its newest version
   * @param running its jobs that have not ended, over every version
   */
  public record Row(
      String name,
      String title,
      List<String> tags,
      int published,
      int newest,
      String newestStatus,
      int versions,
      long running) {}
}
