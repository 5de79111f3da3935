package dev.vigil.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What applying a catalog would change, like {@code terraform plan}: the objects whose content changes, field by
 * field, and apart from them the objects that only come under another file (ADR 0031).
 */
public record Plan(List<Change> changes, List<Move> moves) {

  public Plan {
    changes = List.copyOf(changes);
    moves = List.copyOf(moves);
  }

  /**
   * One object created, updated or deleted; an update names the top-level fields that differ and, in
   * {@code differences}, each changed value by its path.
   */
  public record Change(CatalogKind kind, String name, Action action, List<String> fields,
      List<FieldChange> differences) {
    public Change {
      fields = List.copyOf(fields);
      differences = List.copyOf(differences);
    }
  }

  /**
   * One value that changes, by its path in the object ({@code layers[weekly].participants}), as it was and as it
   * will be, each on one line and {@code (none)} when unset; a credential is {@code hidden}, its values null.
   */
  public record FieldChange(String path, String before, String after, boolean hidden) {

    static FieldChange hidden(String path) {
      return new FieldChange(path, null, null, true);
    }

    /** The change as a plan prints it: {@code tier: 2 -> 1}, or {@code key: changed} for a credential. */
    public String render() {
      return path + ": " + (hidden ? "changed" : before + " -> " + after);
    }
  }

  /**
   * An object that comes under the file {@code to} from the file {@code from}, or from the API when {@code from} is
   * null; its content may also change, as a {@link Change} then says.
   */
  public record Move(CatalogKind kind, String name, String from, String to) {}

  /** What happens to an object. */
  public enum Action {
    CREATE("+"), UPDATE("~"), DELETE("-");

    private final String symbol;

    Action(String symbol) {
      this.symbol = symbol;
    }
  }

  /** Whether applying writes nothing: no content changes and no object comes under another file. */
  public boolean empty() {
    return changes.isEmpty() && moves.isEmpty();
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** The plan as a person reads it in a terminal. */
  public String render() {
    if (empty()) {
      return "No changes. The catalog matches the file.\n";
    }
    StringBuilder out = new StringBuilder();
    if (changes.isEmpty()) {
      out.append("No object's content changes.\n");
    }
    for (Change c : changes) {
      out.append("  ").append(c.action().symbol).append(' ').append(c.kind().label()).append(' ').append(c.name())
          .append('\n');
      c.differences().forEach(d -> out.append("      ").append(d.render()).append('\n'));
    }
    // Moving a file moves every object in it: one line per origin, so the plan's few real changes stay in sight.
    Map<String, List<Move>> byOrigin = new LinkedHashMap<>();
    moves.forEach(m -> byOrigin.computeIfAbsent(Objects.toString(m.from(), ""), k -> new java.util.ArrayList<>())
        .add(m));
    byOrigin.forEach((from, group) -> {
      String count = group.size() + (group.size() == 1 ? " object" : " objects");
      String to = group.getFirst().to();
      if (from.isEmpty()) {
        out.append("  ").append(count).append(" made through the API ").append(group.size() == 1 ? "comes" : "come")
            .append(" under ").append(to).append(": ")
            .append(String.join(", ", group.stream().map(m -> m.kind().label() + " " + m.name()).toList()))
            .append('\n');
      } else {
        out.append("  ").append(count).append(group.size() == 1 ? " moves" : " move").append(" from ").append(from)
            .append(" to ").append(to).append('\n');
      }
    });
    out.append("Plan: ").append(count(Action.CREATE)).append(" to create, ").append(count(Action.UPDATE))
        .append(" to update, ").append(count(Action.DELETE)).append(" to delete.\n");
    return out.toString();
  }
}
