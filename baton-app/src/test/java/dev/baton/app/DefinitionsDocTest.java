package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The worked example of docs/definitions.md, run as written: each {@code ./baton} line by the CLI
 * in this process (against a test server), each {@code curl} line by curl (its address pointed at
 * the test server, made to fail on an HTTP error), each here-document written to its file.
 */
class DefinitionsDocTest {
  private static final String MARKER = "<!-- tested: DefinitionsDocTest runs this block -->";

  @TempDir Path dir;
  private TestApp app;
  private final CliRun cli = new CliRun();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theWorkedExampleRunsAsWritten() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("blueprints"));
    Files.copy(Path.of("..", "examples", "blueprints", "hello.yaml"), folder.resolve("hello.yaml"));
    app = TestApp.start(dir.resolve("data"), folder, Map.of());
    List<String> lines = block(Files.readString(Path.of("..", "docs", "definitions.md")));
    assertThat(lines).isNotEmpty();

    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("cat > ")) {
        String file = line.substring("cat > ".length(), line.indexOf(" <<"));
        StringBuilder text = new StringBuilder();
        for (i++; !lines.get(i).equals("YAML"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        Files.writeString(dir.resolve(file), text);
      } else if (line.startsWith("./baton ")) {
        List<String> args = words(withoutComment(line.substring("./baton ".length())));
        args.add(args.indexOf("--") < 0 ? args.size() : args.indexOf("--"), "--server");
        args.add(args.indexOf("--server") + 1, "http://127.0.0.1:" + app.port());
        for (int a = 0; a < args.size(); a++) {
          if (args.get(a).endsWith(".yaml") && !args.get(a).contains("/")) {
            args.set(a, dir.resolve(args.get(a)).toString());
          }
        }
        assertThat(cli.run(args.toArray(String[]::new))).as(line + "\n" + cli.err()).isZero();
      } else if (line.startsWith("curl ")) {
        String command =
            withoutComment(line).replace("localhost:8080", "127.0.0.1:" + app.port()) + " --fail";
        Process p =
            new ProcessBuilder("bash", "-c", command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command + "\n" + out).isZero();
      } else {
        throw new AssertionError("the test does not know how to run: " + line);
      }
    }

    JsonNode versions =
        TestApp.JSON.readTree(app.send("GET", "/api/v1/blueprints/hello/versions", null).body());
    assertThat(versions.findValuesAsString("status")).containsExactly("published", "published");
    JsonNode job =
        TestApp.JSON.readTree(app.send("GET", "/api/v1/jobs?blueprint=hello", null).body());
    assertThat(job.findValues("blueprint_version").getFirst().asInt()).isEqualTo(2);
  }

  @Test
  void theReadmesExcerptIsPartOfTheWorkedExample() throws Exception {
    List<String> example =
        block(Files.readString(Path.of("..", "docs", "definitions.md"))).stream()
            .map(DefinitionsDocTest::withoutComment)
            .toList();
    String readme = Files.readString(Path.of("..", "README.md"));
    String versions = readme.substring(readme.indexOf("**Versions.**"));
    versions = versions.substring(versions.indexOf("```sh\n") + 6);
    List<String> excerpt =
        versions
            .substring(0, versions.indexOf("\n```"))
            .lines()
            .map(DefinitionsDocTest::withoutComment)
            .toList();
    assertThat(excerpt).isNotEmpty();
    assertThat(example).containsAll(excerpt);
  }

  /** The lines of the tested block, continuations joined. */
  private static List<String> block(String doc) {
    String rest = doc.substring(doc.indexOf(MARKER) + MARKER.length());
    rest = rest.substring(rest.indexOf("```sh\n") + "```sh\n".length());
    rest = rest.substring(0, rest.indexOf("\n```"));
    List<String> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String l : rest.split("\n", -1)) {
      if (l.endsWith("\\")) {
        pending.append(l, 0, l.length() - 1);
      } else {
        out.add(pending.append(l).toString());
        pending.setLength(0);
      }
    }
    return out;
  }

  private static String withoutComment(String line) {
    int at = line.indexOf("  #");
    return (at < 0 ? line : line.substring(0, at)).strip();
  }

  /** Splits on spaces, keeping a single-quoted word whole (without its quotes). */
  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    for (char c : s.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (!w.isEmpty()) {
          out.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    if (!w.isEmpty()) {
      out.add(w.toString());
    }
    return out;
  }
}
