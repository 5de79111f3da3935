package dev.vigil.catalog;
import java.nio.file.*; import java.util.*; import java.util.function.Function;
import tools.jackson.databind.*;
public final class CatalogLoader {
  public static CatalogLoader withEnvironment(Function<String,String> env) { return new CatalogLoader(); }
  public LoadResult load(Path file) { try { return load(file.toString(), Files.readString(file)); } catch (Exception e) { throw new RuntimeException(e);} }
  public LoadResult load(String name, String yaml) {
    Object tree = new org.yaml.snakeyaml.Yaml().load(yaml);
    var m = tools.jackson.databind.json.JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();
    return new LoadResult(m.convertValue(tree, Catalog.class), List.of());
  }
}
