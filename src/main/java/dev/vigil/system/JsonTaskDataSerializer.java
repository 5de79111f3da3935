package dev.vigil.system;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import tools.jackson.databind.json.JsonMapper;

/** Stores job data as JSON rather than Java serialization, so it stays readable and survives class changes. */
final class JsonTaskDataSerializer implements Serializer {

  private final JsonMapper mapper;

  JsonTaskDataSerializer(JsonMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public byte[] serialize(Object data) {
    return data == null ? null : mapper.writeValueAsBytes(data);
  }

  @Override
  public <T> T deserialize(Class<T> type, byte[] bytes) {
    return bytes == null ? null : mapper.readValue(bytes, type);
  }
}
