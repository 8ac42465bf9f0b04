package dev.baton.declarative;

import dev.baton.blueprint.Blueprint;
import dev.baton.expr.Expressions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads blueprints from YAML ({@code .yaml}, {@code .yml}) and JSON ({@code .json}) files. Each
 * file is parsed, checked against the JSON Schema {@value #SCHEMA_RESOURCE} (draft 2020-12, in this
 * jar), its CEL expressions are compiled, and it is built with {@link Blueprint.Builder}. A file
 * with any problem is skipped and its problems are reported; the other files load.
 *
 * <pre>{@code
 * BlueprintFiles.Loaded loaded = BlueprintFiles.loadFolder(Path.of("blueprints"));
 * loaded.problems().forEach(p -> log.warn("{}", p));   // orders.yaml: state 'route': ...
 * loaded.blueprints().forEach(engine::register);
 * }</pre>
 *
 * <p>The format, in short (the schema has every field):
 *
 * <pre>{@code
 * name: order_processing          # required
 * version: 2                      # default 1
 * api_version: v1                 # optional, with api_endpoint
 * api_endpoint: /jobs/orders
 * start: validate
 * states:
 *   validate:
 *     dispatch: { task: validate_order, params: { id: "${initial_data.order_id}" }, timeout: 30s }
 *     on: { success: route, failure: failed }
 *   route:
 *     choose:
 *       - { when: "state_history.amount > 1000", goto: review }
 *     default: finished
 *   review:
 *     approval: { message: "Approve order ${initial_data.order_id}?" }
 *     on: { approve: finished, reject: rejected }
 *   rejected:
 *     end: failed
 * }</pre>
 *
 * <p>Every method compiles with a fresh {@link Expressions}; nothing is cached between calls.
 */
public final class BlueprintFiles {
  private static final Logger log = LoggerFactory.getLogger(BlueprintFiles.class);

  /** The JSON Schema of the format, a classpath resource of this module. */
  public static final String SCHEMA_RESOURCE = SchemaCheck.RESOURCE;

  /** The file name endings that are read, in lower case. */
  public static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private BlueprintFiles() {}

  /**
   * What a load produced: the blueprints of the good files, in file name order, and the problems of
   * the others.
   */
  public record Loaded(List<Blueprint> blueprints, List<Problem> problems) {
    public Loaded {
      blueprints = List.copyOf(blueprints);
      problems = List.copyOf(problems);
    }

    /** True when every file loaded. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Loads every {@code .yaml}, {@code .yml} and {@code .json} file directly in {@code folder} (not
   * in sub-folders; hidden files are skipped), in file name order. Two files that define the same
   * name and version: the second is reported and skipped. A missing folder is one problem.
   */
  public static Loaded loadFolder(Path folder) {
    Read read = readFolder(folder);
    return new Loaded(read.sources().stream().map(Source::blueprint).toList(), read.problems());
  }

  /**
   * A good file of a folder: its name, its text as read, whether it is JSON (else YAML), and the
   * blueprint it defines.
   */
  public record Source(String fileName, String text, boolean json, Blueprint blueprint) {}

  /** What {@link #readFolder} produced: the good files in file name order, the others' problems. */
  public record Read(List<Source> sources, List<Problem> problems) {
    public Read {
      sources = List.copyOf(sources);
      problems = List.copyOf(problems);
    }
  }

  /** As {@link #loadFolder}, keeping each good file's text (to store it as a definition). */
  public static Read readFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return new Read(List.of(), List.of(Problem.of(folder.toString(), "is not a folder")));
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(BlueprintFiles::isBlueprintFile).sorted().toList();
    } catch (IOException e) {
      return new Read(List.of(), List.of(Problem.of(folder.toString(), "cannot be listed: " + e)));
    }
    Expressions cel = new Expressions();
    List<Source> sources = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, String> definedIn = new HashMap<>();
    for (Path file : files) {
      String name = String.valueOf(file.getFileName());
      String content;
      try {
        content = Files.readString(file);
      } catch (IOException e) {
        problems.add(Problem.of(name, "cannot be read: " + e));
        continue;
      }
      Loaded one = parse(cel, name, content);
      problems.addAll(one.problems());
      for (Blueprint b : one.blueprints()) {
        String key = b.name() + "@" + b.version();
        String earlier = definedIn.putIfAbsent(key, name);
        if (earlier != null) {
          problems.add(
              Problem.of(
                  name,
                  "blueprint '"
                      + b.name()
                      + "' version "
                      + b.version()
                      + " is already defined in "
                      + earlier
                      + "; this file is skipped"));
        } else {
          sources.add(new Source(name, content, isJson(name), b));
        }
      }
    }
    problems.forEach(p -> log.warn("blueprint not loaded: {}", p));
    log.info("loaded {} blueprint(s) from {}", sources.size(), folder);
    return new Read(sources, problems);
  }

  /** Loads one file; its problems name it by its file name. */
  public static Loaded loadFile(Path file) {
    return read(new Expressions(), String.valueOf(file.getFileName()), file);
  }

  /**
   * Parses one document, for example an uploaded one. {@code fileName} names it in problems and
   * picks the parser: JSON for {@code .json}, YAML otherwise.
   */
  public static Loaded parse(String fileName, String content) {
    return parse(new Expressions(), fileName, content);
  }

  /** The JSON Schema of the format (draft 2020-12), as text. */
  public static String schema() {
    return SchemaCheck.get().text();
  }

  /** True for a regular, non-hidden file with a blueprint extension. */
  public static boolean isBlueprintFile(Path path) {
    String name = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
    return !name.startsWith(".")
        && EXTENSIONS.stream().anyMatch(name::endsWith)
        && Files.isRegularFile(path);
  }

  private static Loaded read(Expressions cel, String name, Path file) {
    String content;
    try {
      content = Files.readString(file);
    } catch (IOException e) {
      return new Loaded(List.of(), List.of(Problem.of(name, "cannot be read: " + e)));
    }
    return parse(cel, name, content);
  }

  private static Loaded parse(Expressions cel, String fileName, String content) {
    JsonNode doc;
    try {
      doc = (isJson(fileName) ? JSON : YAML).readTree(content);
    } catch (JacksonException e) {
      return failed(
          fileName,
          "is not valid " + format(fileName) + ": " + e.getOriginalMessage() + location(e));
    }
    if (doc == null || doc.isMissingNode() || doc.isNull()) {
      return failed(fileName, "is empty");
    }
    List<Problem> schemaProblems = SchemaCheck.get().check(fileName, doc);
    if (!schemaProblems.isEmpty()) {
      return new Loaded(List.of(), schemaProblems);
    }
    BlueprintReader reader = new BlueprintReader(cel, fileName);
    return reader
        .read(doc)
        .map(b -> new Loaded(List.of(b), List.of()))
        .orElseGet(() -> new Loaded(List.of(), reader.problems()));
  }

  private static Loaded failed(String file, String message) {
    return new Loaded(List.of(), List.of(Problem.of(file, message)));
  }

  private static String format(String fileName) {
    return isJson(fileName) ? "JSON" : "YAML";
  }

  private static boolean isJson(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private static String location(JacksonException e) {
    var at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? ""
        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
