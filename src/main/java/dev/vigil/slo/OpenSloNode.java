package dev.vigil.slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A field of an OpenSLO document with its path ({@code spec.objectives[0].target}) and line, so that whatever is
 * refused or lost can be named where it is written: {@code object} is the document's kind and name
 * ({@code SLO checkout-availability}), {@code document} its place in the stream, counting from 1, and {@code node}
 * null for a field the document leaves out.
 */
record OpenSloNode(Node node, String path, String object, int document) {

  boolean present() {
    return node != null && !(node instanceof ScalarNode s && s.getValue().isEmpty() && "null".equals(tagName(s)));
  }

  /** The line the field is written on, counting from 1; 0 when it is not written. */
  int line() {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }

  OpenSloNode at(String key) {
    String child = path.isEmpty() ? key : path + "." + key;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return new OpenSloNode(tuple.getValueNode(), child, object, document);
        }
      }
    } else if (present()) {
      throw refused("expected a mapping");
    }
    return new OpenSloNode(null, child, object, document);
  }

  /** The fields of a mapping in the order written; none when the field is left out. */
  Map<String, OpenSloNode> fields() {
    Map<String, OpenSloNode> fields = new LinkedHashMap<>();
    if (!present()) {
      return fields;
    }
    if (!(node instanceof MappingNode mapping)) {
      throw refused("expected a mapping");
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k) {
        fields.put(k.getValue(), at(k.getValue()));
      }
    }
    return fields;
  }

  /** The items of a sequence; none when the field is left out. */
  List<OpenSloNode> items() {
    List<OpenSloNode> items = new ArrayList<>();
    if (!present()) {
      return items;
    }
    if (!(node instanceof SequenceNode sequence)) {
      throw refused("expected a list");
    }
    for (Node item : sequence.getValue()) {
      items.add(new OpenSloNode(item, path + "[" + items.size() + "]", object, document));
    }
    return items;
  }

  /** The text of a scalar, or null when the field is left out. */
  String text() {
    if (!present()) {
      return null;
    }
    if (!(node instanceof ScalarNode scalar)) {
      throw refused("expected a single value");
    }
    return scalar.getValue();
  }

  /** The text of a scalar that must be written. */
  String required() {
    String text = text();
    if (text == null || text.isBlank()) {
      throw refused("required");
    }
    return text;
  }

  /** This document and field refused: why, with the line when the field is written. */
  OpenSloException refused(String message) {
    return new OpenSloException("document " + document + " (" + object + ")" + (line() > 0 ? ", line " + line() : "")
        + ": " + path + ": " + message);
  }

  /** A line saying what of this field Vigil leaves out, and why. */
  String lost(String message) {
    return object + ": " + path + ": " + message;
  }

  /** The same document read as another object, once its kind and name are known. */
  OpenSloNode named(String object) {
    return new OpenSloNode(node, path, object, document);
  }

  private static String tagName(Node node) {
    return node.getTag().getValue().substring(node.getTag().getValue().lastIndexOf(':') + 1);
  }
}
