package dev.baton.app;

import dev.baton.job.Job;
import dev.baton.job.JobTransition;
import dev.baton.ledger.LedgerEntry;
import dev.baton.retention.Export;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What retention removes, as JSON lines in {@code <folder>/baton-retention-<UTC date>.jsonl}: one
 * {@code {"type":"job","job":{…},"history":[…]}} or {@code {"type":"ledger","entry":{…}}} per line,
 * appended, and forced to disk before retention deletes anything.
 */
final class JsonLinesExport implements Export {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path folder;
  private final Clock clock;

  JsonLinesExport(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  @Override
  public void jobs(List<Job> jobs, Map<String, List<JobTransition>> history) {
    StringBuilder out = new StringBuilder();
    for (Job j : jobs) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "job");
      line.put("job", j);
      line.put("history", history.getOrDefault(j.id(), List.of()));
      out.append(JSON.writeValueAsString(line)).append('\n');
    }
    append(out);
  }

  @Override
  public void ledger(List<LedgerEntry> entries) {
    StringBuilder out = new StringBuilder();
    for (LedgerEntry e : entries) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "ledger");
      line.put("entry", e);
      out.append(JSON.writeValueAsString(line)).append('\n');
    }
    append(out);
  }

  @Override
  public String describe() {
    return file().toAbsolutePath().toString();
  }

  private Path file() {
    return folder.resolve(
        "baton-retention-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".jsonl");
  }

  private void append(StringBuilder lines) {
    try {
      Files.createDirectories(folder);
      try (FileChannel ch =
          FileChannel.open(
              file(),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true); // on disk before the rows are deleted
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the retention export to " + folder, e);
    }
  }
}
