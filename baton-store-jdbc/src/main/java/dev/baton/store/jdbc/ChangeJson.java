package dev.baton.store.jdbc;

import dev.baton.ledger.LedgerEntry;
import dev.baton.store.Change;
import dev.baton.store.Change.AppendLedger;
import dev.baton.store.Change.AppendTransition;
import dev.baton.store.Change.EnqueueNotice;
import dev.baton.store.Change.InsertJob;
import dev.baton.store.Change.InsertSchedule;
import dev.baton.store.Change.InsertTask;
import dev.baton.store.Change.Op;
import dev.baton.store.Change.UpdateJob;
import dev.baton.store.Change.UpdateSchedule;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON texts that a change's ops bind (job bodies and attributes, task specs, ledger details,
 * notice payloads, schedule bodies), written by the thread that submits the change, not by the
 * store's single writer: a thousand schedule fires serialized on the writer held every other write
 * up behind them, and in a drain the writer's time is the limit (issue 16). The writer only binds
 * the texts. An op that has none here (it was not rendered, or it has no JSON) is rendered where it
 * is bound, as before.
 */
final class ChangeJson {
  static final ChangeJson NONE = new ChangeJson(new IdentityHashMap<>());

  /** One op's texts; {@code entry} is a transition's ledger entry, built once. */
  record Texts(String json, @Nullable String more, @Nullable LedgerEntry entry) {}

  private final IdentityHashMap<Op, Texts> texts;

  private ChangeJson(IdentityHashMap<Op, Texts> texts) {
    this.texts = texts;
  }

  static ChangeJson of(Change change) {
    IdentityHashMap<Op, Texts> texts = new IdentityHashMap<>();
    for (Op op : change.ops()) {
      Texts t = render(op);
      if (t != null) {
        texts.put(op, t);
      }
    }
    return new ChangeJson(texts);
  }

  /** The texts of every op of {@code parts}, for a group of changes bound together. */
  static ChangeJson union(Iterable<ChangeJson> parts) {
    IdentityHashMap<Op, Texts> all = new IdentityHashMap<>();
    for (ChangeJson p : parts) {
      all.putAll(p.texts);
    }
    return new ChangeJson(all);
  }

  /** The op's texts, rendered now if they were not before; null for an op without JSON. */
  @Nullable Texts of(Op op) {
    Texts t = texts.get(op);
    return t != null ? t : render(op);
  }

  Texts required(Op op) {
    Texts t = of(op);
    if (t == null) {
      throw new IllegalArgumentException("no JSON to bind for " + op.getClass().getSimpleName());
    }
    return t;
  }

  private static @Nullable Texts render(Op op) {
    return switch (op) {
      case InsertJob i -> {
        Map<String, Object> attributes = i.job().attributes().toMap();
        yield new Texts(
            JobSql.bodyJson(i.job()), attributes.isEmpty() ? null : Json.write(attributes), null);
      }
      case UpdateJob u -> new Texts(JobSql.bodyJson(u.job()), null, null);
      case InsertTask i -> new Texts(Json.write(TaskSpecJson.toMap(i.task().spec())), null, null);
      case AppendTransition a -> {
        LedgerEntry entry = a.entry();
        yield new Texts(Json.write(entry.details()), null, entry);
      }
      case AppendLedger l -> new Texts(Json.write(l.entry().details()), null, l.entry());
      case EnqueueNotice n -> new Texts(Json.write(n.notice().payload()), null, null);
      case InsertSchedule i -> new Texts(ScheduleSql.bodyJson(i.schedule()), null, null);
      case UpdateSchedule u -> new Texts(ScheduleSql.bodyJson(u.schedule()), null, null);
      default -> null;
    };
  }
}
