package dev.baton.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * W2's other process: a JVM of its own that makes the library's client on the run's database and
 * submits when told. The run's JVM writes {@code w K} (a warm-up) or {@code j ID} on its stdin; it
 * answers each with {@code @@ok MICROS NANOS}: the wall-clock start of its submit call and the
 * call's duration. Its other output (library logs) goes to the run's log.
 */
final class RemoteSubmitter implements Submitter {
  private static final String PREFIX = "@@";
  private final Process process;
  private final Writer in;
  private final BufferedReader out;

  private RemoteSubmitter(Process process) {
    this.process = process;
    in = process.outputWriter(StandardCharsets.UTF_8);
    out = process.inputReader(StandardCharsets.UTF_8);
  }

  /** Starts the other process and waits until its client is ready. */
  static RemoteSubmitter start(String peer, Db db, boolean tuned) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx256m",
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    RemoteSubmitter.class.getName(),
                    peer,
                    db.url(),
                    db.user(),
                    db.password(),
                    Boolean.toString(tuned)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    RemoteSubmitter r = new RemoteSubmitter(p);
    r.answer(); // "@@ready"
    return r;
  }

  private String answer() throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(PREFIX)) {
        return line.substring(PREFIX.length());
      }
      System.out.println("[remote] " + line);
    }
    throw new IOException("the submitting process ended (exit " + exitCode() + ")");
  }

  private String exitCode() {
    return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
  }

  private String send(String command) throws IOException {
    in.write(command + "\n");
    in.flush();
    return answer();
  }

  /** Submits job {@code id}; returns [start of the submit call in epoch µs, its duration in ns]. */
  long[] submitStamped(int id) throws IOException {
    String[] a = send("j " + id).split(" ", -1);
    return new long[] {Long.parseLong(a[1]), Long.parseLong(a[2])};
  }

  @Override
  public void submit(int id) throws IOException {
    submitStamped(id);
  }

  @Override
  public void submitWarmup(int k) throws IOException {
    send("w " + k);
  }

  @Override
  public void close() throws Exception {
    try {
      in.write("q\n");
      in.flush();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** The other process: {@code peer url user password tuned}. */
  public static void main(String[] args) throws Exception {
    PrintStream reply = System.out;
    Db db = new Db(args[1], args[2], args[3]);
    try (Submitter client = PeerRun.client(args[0], db, Boolean.parseBoolean(args[4]));
        BufferedReader commands =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      reply.println(PREFIX + "ready");
      reply.flush();
      for (String line = commands.readLine(); line != null; line = commands.readLine()) {
        if (line.equals("q")) {
          break;
        }
        int n = Integer.parseInt(line.substring(2));
        long micros = Recorder.nowMicros();
        long t0 = System.nanoTime();
        if (line.charAt(0) == 'w') {
          client.submitWarmup(n);
        } else {
          client.submit(n);
        }
        reply.println(PREFIX + "ok " + micros + " " + (System.nanoTime() - t0));
        reply.flush();
      }
    }
    Runtime.getRuntime().halt(0); // libraries' lingering threads must not keep it alive
  }
}
