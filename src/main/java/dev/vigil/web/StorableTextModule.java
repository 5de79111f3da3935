package dev.vigil.web;

import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link StorableText}'s rule for every JSON body the application binds: a string, a map key or a string anywhere
 * in a tree read as {@link JsonNode} that cannot be stored is refused, naming the field, before any of the body is
 * used. Spring Boot adds every such module to the application's JSON mapper.
 */
@Component
class StorableTextModule extends SimpleModule {

  StorableTextModule() {
    super("vigil-storable-text");
    addDeserializer(String.class, new Strings());
    addKeyDeserializer(String.class, new Keys());
    addDeserializer(JsonNode.class, new Trees<>(JsonNode.class));
    addDeserializer(ObjectNode.class, new Trees<>(ObjectNode.class));
    addDeserializer(ArrayNode.class, new Trees<>(ArrayNode.class));
  }

  /** Text of a JSON body that cannot be stored; the message ends a sentence that starts with the field. */
  static final class Refused extends InvalidFormatException {
    Refused(JsonParser parser, String message, String value) {
      super(parser, message, value, String.class);
    }
  }

  /** Strings, checked once read. */
  private static final class Strings extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      String value = super.deserialize(p, ctxt);
      String problem = value == null ? null : StorableText.problem(value);
      if (problem != null) {
        throw new Refused(p, problem, value);
      }
      return value;
    }
  }

  /** Names of the fields of maps bound from JSON, such as tags and labels. */
  private static final class Keys extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
      String problem = StorableText.problem(key);
      if (problem != null) {
        throw new Refused(ctxt.getParser(), "has a name that " + problem, key);
      }
      return key;
    }
  }

  /** Trees, read as Jackson reads them and then walked, so that the path to the text is named. */
  private static final class Trees<T extends JsonNode> extends ValueDeserializer<T> {
    private final ValueDeserializer<?> reader;

    Trees(Class<T> type) {
      this.reader = JsonNodeDeserializer.getDeserializer(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      T tree = (T) reader.deserialize(p, ctxt);
      Refused refused = check(tree, p);
      if (refused != null) {
        throw refused;
      }
      return tree;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getNullValue(DeserializationContext ctxt) {
      return (T) reader.getNullValue(ctxt);
    }

    /** The refusal of the first text in {@code node} that cannot be stored, its path filled in; null if none. */
    private static Refused check(JsonNode node, JsonParser p) {
      if (node.isString()) {
        String problem = StorableText.problem(node.stringValue());
        return problem == null ? null : new Refused(p, problem, node.stringValue());
      }
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          Refused refused = check(node.get(i), p);
          if (refused != null) {
            refused.prependPath(node, i);
            return refused;
          }
        }
      } else if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          String problem = StorableText.problem(field.getKey());
          Refused refused = problem != null ? new Refused(p, "has a name that " + problem, field.getKey())
              : check(field.getValue(), p);
          if (refused != null) {
            if (problem == null) {
              refused.prependPath(node, field.getKey());
            }
            return refused;
          }
        }
      }
      return null;
    }
  }
}
