package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: {@code baton blueprints push|versions|show --version|diff|publish|archive|list
 * --status} against a running server, as an operator uses them.
 */
class BlueprintsCliTest {
  @TempDir Path dir;
  private TestApp app;
  private final CliRun cli = new CliRun();

  @BeforeEach
  void start() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("blueprints"));
    Files.copy(Path.of("..", "examples", "blueprints", "hello.yaml"), folder.resolve("hello.yaml"));
    app = TestApp.start(dir.resolve("data"), folder, Map.of());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private int baton(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--server";
    all[args.length + 1] = "http://127.0.0.1:" + app.port();
    return cli.run(all);
  }

  @Test
  void anOperatorPushesDiffsPublishesAndArchivesVersions() throws Exception {
    Path v2 = dir.resolve("hello-v2.yaml");
    Files.writeString(v2, DefinitionsBlackBoxTest.HELLO_V2);

    assertThat(baton("blueprints", "push", v2.toString(), "--tag", "demo")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("hello +2 +draft +true");
    assertThat(baton("blueprints", "push", v2.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).as("unchanged").containsPattern("hello +2 +draft +false");

    assertThat(baton("blueprints", "versions", "hello")).as(cli.err()).isZero();
    assertThat(cli.out())
        .containsPattern("hello +1 +published +file:hello.yaml")
        .containsPattern("hello +2 +draft +anonymous");

    assertThat(baton("blueprints", "diff", "hello", "1", "2")).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("--- hello@1\n+++ hello@2\n").contains("+  again:");

    assertThat(baton("blueprints", "list", "--status", "draft")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("hello +2 +draft");

    assertThat(baton("blueprints", "publish", "hello", "2")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("status +published");
    assertThat(baton("blueprints", "show", "hello", "--version", "latest")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("version +2").contains("Greets someone, twice.");
    assertThat(app.create("hello", "{}")).isNotBlank();

    assertThat(baton("blueprints", "archive", "hello", "2")).as(cli.err()).isZero();
    assertThat(baton("blueprints", "archive", "hello", "2")).isEqualTo(1);
    assertThat(cli.err()).contains("is archived; it cannot become archived").contains("409");
    assertThat(baton("blueprints", "list")).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("hello +1 ");
  }

  @Test
  void aBadFileIsRefusedWithWhereItIsWrong() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: bad\nstart: a\nstates:\n  a: { bogus: 1 }\n");

    assertThat(baton("blueprints", "push", bad.toString())).isEqualTo(1);
    assertThat(cli.err()).contains("/states/a").contains("400");
    assertThat(baton("blueprints", "push", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    assertThat(cli.err()).contains("missing.yaml: cannot be read");
  }
}
