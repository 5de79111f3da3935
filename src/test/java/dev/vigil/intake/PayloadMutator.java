package dev.vigil.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random mutations of a valid payload, from a seeded {@link Random} so that a failure replays: values of the wrong
 * type, removed and added fields, text PostgreSQL cannot store, oversized values, long arrays, and broken bytes.
 */
final class PayloadMutator {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Random random;

  PayloadMutator(long seed) {
    this.random = new Random(seed);
  }

  /** One to three mutations of {@code valid}. */
  byte[] mutate(String valid) {
    if (random.nextInt(10) == 0) {
      return bytes(valid.getBytes(StandardCharsets.UTF_8));
    }
    JsonNode tree = JSON.readTree(valid);
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      tree = mutateTree(tree);
    }
    return JSON.writeValueAsBytes(tree);
  }

  private byte[] bytes(byte[] valid) {
    byte[] out = valid.clone();
    switch (random.nextInt(3)) {
      case 0 -> {
        return java.util.Arrays.copyOf(out, random.nextInt(out.length));
      }
      case 1 -> {
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      default -> {
        int at = random.nextInt(out.length);
        byte[] noise = new byte[1 + random.nextInt(8)];
        random.nextBytes(noise);
        byte[] longer = new byte[out.length + noise.length];
        System.arraycopy(out, 0, longer, 0, at);
        System.arraycopy(noise, 0, longer, at, noise.length);
        System.arraycopy(out, at, longer, at + noise.length, out.length - at);
        return longer;
      }
    }
    return out;
  }

  private JsonNode mutateTree(JsonNode root) {
    if (random.nextInt(20) == 0) {
      return randomValue(0);
    }
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return randomValue(0);
    }
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode object) {
      List<String> names = new ArrayList<>(object.propertyNames());
      int choice = random.nextInt(4);
      if (names.isEmpty() || choice == 0) {
        object.set(randomName(), randomValue(0));
      } else if (choice == 1) {
        object.remove(names.get(random.nextInt(names.size())));
      } else {
        object.set(names.get(random.nextInt(names.size())), randomValue(0));
      }
    } else if (target instanceof ArrayNode array) {
      int choice = random.nextInt(4);
      if (array.isEmpty() || choice == 0) {
        array.add(randomValue(0));
      } else if (choice == 1) {
        JsonNode element = array.get(random.nextInt(array.size()));
        int copies = random.nextBoolean() ? 3 : 1001;
        for (int i = 0; i < copies; i++) {
          array.add(element.deepCopy());
        }
      } else {
        array.set(random.nextInt(array.size()), randomValue(0));
      }
    }
    return root;
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainer()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }

  private String randomName() {
    String[] names = {"status", "labels", "annotations", "alerts", "summary", "severity", "fingerprint", "payload",
        "dedup_key", "event_action", "routing_key", "events", "links", "startsAt", "starts_at", "x-new", ""};
    return names[random.nextInt(names.length)];
  }

  private JsonNode randomValue(int depth) {
    return switch (random.nextInt(depth > 3 ? 7 : 10)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(random.nextDouble() * 1e300);
      case 4, 5 -> NODES.stringNode(randomText());
      case 6 -> NODES.stringNode(new String[] {"firing", "resolved", "trigger", "acknowledge", "resolve",
          "critical", "2026-03-01T10:00:00Z", "0001-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
          "https://example.com", "javascript:alert(1)"}[random.nextInt(11)]);
      case 7 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < random.nextInt(4); i++) {
          array.add(randomValue(depth + 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < random.nextInt(4); i++) {
          object.set(random.nextBoolean() ? randomName() : randomText(), randomValue(depth + 1));
        }
        yield object;
      }
    };
  }

  private String randomText() {
    return switch (random.nextInt(8)) {
      case 0 -> "";
      case 1 -> "nul\u0000inside";
      case 2 -> "lone \ud800 surrogate";
      case 3 -> "x".repeat(10_241);
      case 4 -> "🚨 émoji ✓ \u202e rtl";
      case 5 -> "'; drop table alert; --";
      default -> Long.toString(random.nextLong(), 36);
    };
  }
}
