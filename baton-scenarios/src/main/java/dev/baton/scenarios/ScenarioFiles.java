package dev.baton.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads scenarios as upstream does: the built-in ones (class path {@code scenarios/}, listed in
 * {@code scenarios/index.txt}), then the user's folder ({@code *.json}, {@code *.yaml}, {@code
 * *.yml}); a user scenario replaces a built-in one of the same name; a bad file is reported with
 * its name and reason and skipped. The result is sorted ascending by priority (lower runs first).
 */
public final class ScenarioFiles {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ScenarioFiles.class);
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

  private ScenarioFiles() {}

  /** The scenarios in priority order, and one line per skipped file. */
  public record Loaded(List<Scenario> scenarios, List<String> problems) {
    public Loaded {
      scenarios = List.copyOf(scenarios);
      problems = List.copyOf(problems);
    }
  }

  public static Loaded load(boolean builtin, @Nullable Path userFolder) {
    Map<String, Scenario> byName = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    if (builtin) {
      for (String file : builtinFiles()) {
        String resource = "scenarios/" + file;
        try (InputStream in = ScenarioFiles.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            problems.add(resource + ": listed in scenarios/index.txt but missing");
            continue;
          }
          add(
              parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)),
              "builtin",
              resource,
              byName,
              problems);
        } catch (IOException | RuntimeException e) {
          problems.add(resource + ": " + e.getMessage());
        }
      }
    }
    if (userFolder != null) {
      if (!Files.isDirectory(userFolder)) {
        problems.add(userFolder + ": the scenarios folder does not exist");
      } else {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir =
            Files.newDirectoryStream(userFolder, "*.{json,yaml,yml}")) {
          dir.forEach(files::add);
        } catch (IOException e) {
          problems.add(userFolder + ": cannot be listed: " + e.getMessage());
        }
        files.sort(Comparator.comparing(Path::toString));
        for (Path p : files) {
          try {
            add(
                parse(p.getFileName().toString(), Files.readString(p)),
                "user",
                p.toString(),
                byName,
                problems);
          } catch (IOException | RuntimeException e) {
            problems.add(p + ": " + e.getMessage());
          }
        }
      }
    }
    List<Scenario> sorted = new ArrayList<>(byName.values());
    sorted.sort(Comparator.comparingInt(Scenario::priority));
    return new Loaded(sorted, problems);
  }

  private static void add(
      Object parsed,
      String source,
      String file,
      Map<String, Scenario> byName,
      List<String> problems) {
    try {
      Scenario s = Scenario.of(parsed, source, file);
      s.actionProblems().forEach(p -> log.warn("scenario {}: {}; its runs fail there", file, p));
      byName.put(s.name(), s);
    } catch (IllegalArgumentException e) {
      problems.add(file + ": " + e.getMessage());
    }
  }

  /** Parses one file's text as JSON or YAML by its name. */
  public static Object parse(String fileName, String text) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : JSON;
    try {
      Object tree = mapper.readValue(text, Object.class);
      if (tree == null) {
        throw new IllegalArgumentException("the file is empty");
      }
      return tree;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "not valid " + (mapper == YAML ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
    }
  }

  private static List<String> builtinFiles() {
    try (InputStream in =
        ScenarioFiles.class.getClassLoader().getResourceAsStream("scenarios/index.txt")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
