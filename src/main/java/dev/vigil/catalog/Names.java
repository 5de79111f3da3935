package dev.vigil.catalog;

import dev.vigil.catalog.YamlValue.Mark;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names each kind declares and every reference to them; references are resolved once the whole file
 * has been read, so an entry may refer to one declared further down.
 */
final class Names {

  /** A use of a name, where it was written. */
  record Reference(Kind kind, String name, Mark mark) {}

  private final Map<Kind, Map<String, Mark>> declared = new EnumMap<>(Kind.class);
  private final List<Reference> references = new ArrayList<>();

  Names() {
    for (Kind kind : Kind.values()) {
      declared.put(kind, new LinkedHashMap<>());
    }
  }

  /** Records a declaration; a second one of the same name is reported, pointing back at the first. */
  void declare(Kind kind, String name, Mark mark, Problems problems) {
    Mark first = declared.get(kind).putIfAbsent(name, mark);
    if (first != null) {
      problems.error(mark, "duplicate " + kind.label + " name '" + name + "' (first declared at line " + first.line() + ")");
    }
  }

  void refer(Kind kind, String name, Mark mark) {
    references.add(new Reference(kind, name, mark));
  }

  /** Where a name was first declared, if it was. */
  Mark markOf(Kind kind, String name) {
    return declared.get(kind).get(name);
  }

  boolean isDeclared(Kind kind, String name) {
    return declared.get(kind).containsKey(name);
  }

  /** Reports every reference to a name that is not declared, with the closest declared name as a hint. */
  void resolve(Problems problems) {
    for (Reference r : references) {
      Map<String, Mark> names = declared.get(r.kind());
      if (!names.containsKey(r.name())) {
        String suggestion = Suggestions.hint(r.name(), names.keySet());
        String hint = !suggestion.isEmpty() ? suggestion : "; declare it under " + r.kind().section;
        problems.error(r.mark(), "undefined " + r.kind().label + " '" + r.name() + "'" + hint);
      }
    }
  }
}
