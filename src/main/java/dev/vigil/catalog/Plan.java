package dev.vigil.catalog;

import java.util.List;

/** What applying a catalog would change, object by object, like {@code terraform plan}. */
public record Plan(List<Change> changes) {

  public Plan {
    changes = List.copyOf(changes);
  }

  /** One object created, updated (with the top-level fields that differ) or deleted. */
  public record Change(CatalogKind kind, String name, Action action, List<String> fields) {
    public Change {
      fields = List.copyOf(fields);
    }
  }

  /** What happens to an object. */
  public enum Action {
    CREATE("+"), UPDATE("~"), DELETE("-");

    private final String symbol;

    Action(String symbol) {
      this.symbol = symbol;
    }
  }

  public boolean empty() {
    return changes.isEmpty();
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** The plan as a person reads it in a terminal. */
  public String render() {
    if (changes.isEmpty()) {
      return "No changes. The catalog matches the file.\n";
    }
    StringBuilder out = new StringBuilder();
    for (Change c : changes) {
      out.append("  ").append(c.action().symbol).append(' ').append(c.kind().label()).append(' ').append(c.name());
      if (!c.fields().isEmpty()) {
        out.append("  (").append(String.join(", ", c.fields())).append(')');
      }
      out.append('\n');
    }
    out.append("Plan: ").append(count(Action.CREATE)).append(" to create, ").append(count(Action.UPDATE))
        .append(" to update, ").append(count(Action.DELETE)).append(" to delete.\n");
    return out.toString();
  }
}
