package dev.baton.app.cli;

/** {@code NAME@VERSION} on the command line: a blueprint and one of its versions. */
record VersionRef(String name, int version) {
  static VersionRef parse(String text) {
    int at = text.lastIndexOf('@');
    if (at > 0 && at < text.length() - 1) {
      try {
        int v = Integer.parseInt(text.substring(at + 1));
        if (v >= 1) {
          return new VersionRef(text.substring(0, at), v);
        }
      } catch (NumberFormatException e) {
        // Refused below, with the form expected.
      }
    }
    throw ApiFailure.of(
        "'" + text + "' is not NAME@VERSION, such as order@1 (a version is 1 or more)",
        ApiFailure.USAGE);
  }
}
