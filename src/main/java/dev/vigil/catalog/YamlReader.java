package dev.vigil.catalog;

import dev.vigil.catalog.YamlValue.Entry;
import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Mark;
import dev.vigil.catalog.YamlValue.Scalar;
import dev.vigil.catalog.YamlValue.Sequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns YAML text into a {@link YamlValue} tree with SnakeYAML's composer, refusing what could exhaust the
 * server: huge documents, deep nesting, alias bombs, and tags that name classes.
 */
final class YamlReader {

  /** Far above any real catalog; SnakeYAML needs seconds per megabyte of a single scalar. */
  static final int MAX_CODE_POINTS = 10 * 1024 * 1024;

  /** The catalog itself nests about eight levels deep. */
  static final int MAX_DEPTH = 50;

  /** Anchors to share defaults are fine; a billion-laughs bomb needs many aliases to lists or mappings. */
  static final int MAX_COLLECTION_ALIASES = 50;

  /** Fifty aliases can still double a list fifty times; this caps the nodes that aliases add in total. */
  static final int MAX_ALIAS_EXPANSION = 100_000;

  /** The standard tags a catalog may spell out explicitly; anything else would name a type or class. */
  private static final Set<Tag> ALLOWED_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.MERGE, Tag.TIMESTAMP);

  private YamlReader() {}

  /** Parses {@code text}; returns null, with the reason in {@code problems}, when there is no usable tree. */
  static YamlValue read(String text, Problems problems) {
    if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      problems.error(new Mark(1, 1), "the file has more than " + MAX_CODE_POINTS + " characters; refusing to read it");
      return null;
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(true); // reported by the checks, with both lines
    options.setProcessComments(false);
    GuardedParser parser = new GuardedParser(new ParserImpl(new StreamReader(text), options));
    Node root;
    try {
      root = new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (Refused e) {
      problems.error(e.mark, e.getMessage());
      return null;
    } catch (MarkedYAMLException e) {
      problems.error(markOf(e), syntaxMessage(e));
      return null;
    } catch (YAMLException e) {
      // SnakeYAML's own limits carry no position; the last event read is where it stopped.
      problems.error(parser.lastMark, "refusing the file: " + e.getMessage());
      return null;
    }
    if (root == null) {
      problems.error(new Mark(1, 1), "the file is empty; a catalog starts with 'version: 1'");
      return null;
    }
    try {
      return new Converter(problems).convert(root);
    } catch (Refused e) {
      problems.error(e.mark, e.getMessage());
      return null;
    }
  }

  private static Mark markOf(MarkedYAMLException e) {
    org.yaml.snakeyaml.error.Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return m == null ? new Mark(1, 1) : mark(m);
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "unreadable YAML" : e.getProblem().strip();
    String context = e.getContext();
    if (context != null && e.getContextMark() != null && e.getProblemMark() != null
        && e.getContextMark().getLine() != e.getProblemMark().getLine()) {
      context += " at line " + (e.getContextMark().getLine() + 1);
    }
    return "invalid YAML: " + problem + (context == null ? "" : " (" + context.strip() + ")");
  }

  static Mark mark(org.yaml.snakeyaml.error.Mark m) {
    return new Mark(m.getLine() + 1, m.getColumn() + 1);
  }

  /** Stops reading with a message at a position; no stack trace is needed, the message says it all. */
  private static final class Refused extends RuntimeException {
    final Mark mark;

    Refused(Mark mark, String message) {
      super(message, null, false, false);
      this.mark = mark;
    }
  }

  /**
   * Watches the parser's events so limits are enforced while parsing, with a position and a clear
   * message, before the composer builds anything large.
   */
  private static final class GuardedParser implements Parser {
    private final Parser delegate;
    private final Set<String> collectionAnchors = new HashSet<>();
    private int depth;
    private int collectionAliases;
    Mark lastMark = new Mark(1, 1);

    GuardedParser(Parser delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return delegate.peekEvent();
    }

    @Override
    public Event getEvent() {
      Event event = delegate.getEvent();
      lastMark = mark(event.getStartMark());
      switch (event.getEventId()) {
        case SequenceStart, MappingStart -> {
          if (++depth > MAX_DEPTH) {
            throw new Refused(lastMark, "lists and mappings are nested more than " + MAX_DEPTH
                + " levels deep; refusing the file");
          }
          String anchor = ((NodeEvent) event).getAnchor();
          if (anchor != null) {
            collectionAnchors.add(anchor);
          }
        }
        case SequenceEnd, MappingEnd -> depth--;
        case Scalar -> {
          String anchor = ((NodeEvent) event).getAnchor();
          if (anchor != null) {
            collectionAnchors.remove(anchor);
          }
        }
        case Alias -> {
          if (collectionAnchors.contains(((NodeEvent) event).getAnchor())
              && ++collectionAliases > MAX_COLLECTION_ALIASES) {
            throw new Refused(lastMark, "more than " + MAX_COLLECTION_ALIASES
                + " aliases to lists or mappings (a YAML alias bomb?); refusing the file");
          }
        }
        default -> {}
      }
      return event;
    }
  }

  /**
   * Copies SnakeYAML's node graph into YamlValues, expanding aliases and merge keys ({@code <<}) within a
   * budget, since the composer shares aliased nodes and even allows a list to contain itself.
   */
  private static final class Converter {
    private final Problems problems;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private int aliasDepth;
    private int expanded;

    Converter(Problems problems) {
      this.problems = problems;
    }

    YamlValue convert(Node node) {
      Mark mark = mark(node.getStartMark());
      if (inProgress.contains(node)) {
        throw new Refused(mark, "the anchor '&" + node.getAnchor() + "' contains an alias to itself; refusing a"
            + " recursive structure");
      }
      boolean viaAlias = !seen.add(node);
      if (viaAlias) {
        aliasDepth++;
      }
      if (aliasDepth > 0 && ++expanded > MAX_ALIAS_EXPANSION) {
        throw new Refused(mark, "aliases expand the file to more than " + MAX_ALIAS_EXPANSION
            + " extra nodes (a YAML alias bomb?); refusing the file");
      }
      inProgress.add(node);
      try {
        checkTag(node, mark);
        return switch (node) {
          case ScalarNode s -> Scalar.of(mark, s.getValue(), s.getTag().equals(Tag.NULL));
          case SequenceNode s -> {
            List<YamlValue> items = new ArrayList<>();
            for (Node item : s.getValue()) {
              items.add(convert(item));
            }
            yield new Sequence(mark, items);
          }
          case MappingNode m -> convertMapping(m, mark);
          default -> throw new IllegalStateException("unexpected node " + node.getNodeId());
        };
      } finally {
        inProgress.remove(node);
        if (viaAlias) {
          aliasDepth--;
        }
      }
    }

    private void checkTag(Node node, Mark mark) {
      Tag tag = node.getTag();
      if (!ALLOWED_TAGS.contains(tag)) {
        throw new Refused(mark, "the tag '" + shortTag(tag) + "' is not allowed; a catalog uses plain YAML values");
      }
    }

    private static String shortTag(Tag tag) {
      String v = tag.getValue();
      return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
    }

    private Mapping convertMapping(MappingNode node, Mark mark) {
      List<Entry> entries = new ArrayList<>();
      List<Mapping> merged = new ArrayList<>();
      for (NodeTuple tuple : node.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (keyNode.getTag().equals(Tag.MERGE)) {
          collectMerge(convert(tuple.getValueNode()), merged);
          continue;
        }
        YamlValue key = convert(keyNode);
        YamlValue value = convert(tuple.getValueNode());
        if (key instanceof Scalar k) {
          entries.add(new Entry(k, value));
        } else {
          problems.error(key.mark(), "a key must be a plain name, not " + YamlValue.describe(key));
        }
      }
      if (!merged.isEmpty()) {
        // Keys written in the mapping win over merged ones; among merged mappings the first wins, as in YAML.
        Map<String, Entry> extra = new LinkedHashMap<>();
        Set<String> own = new HashSet<>();
        entries.forEach(e -> own.add(e.key().text()));
        for (Mapping source : merged) {
          for (Entry e : source.entries()) {
            if (!own.contains(e.key().text())) {
              extra.putIfAbsent(e.key().text(), e);
            }
          }
        }
        entries.addAll(extra.values());
      }
      return new Mapping(mark, entries);
    }

    private void collectMerge(YamlValue value, List<Mapping> into) {
      if (value instanceof Mapping m) {
        into.add(m);
      } else if (value instanceof Sequence s && s.items().stream().allMatch(i -> i instanceof Mapping)) {
        s.items().forEach(i -> into.add((Mapping) i));
      } else {
        problems.error(value.mark(), "'<<' merges a mapping or a list of mappings, not " + YamlValue.describe(value));
      }
    }
  }
}
