package dev.vigil.catalog;
import java.nio.file.*; import java.util.*; import java.util.function.Function;
import tools.jackson.databind.*;
public final class CatalogLoader {
  public static CatalogLoader withEnvironment(Function<String,String> env) { return new CatalogLoader(); }
  public LoadResult load(Path file) { try { return load(file.toString(), Files.readString(file)); } catch (Exception e) { throw new RuntimeException(e);} }
  public LoadResult load(String name, String yaml) {
    Object tree = fix(new org.yaml.snakeyaml.Yaml().load(yaml));
    var m = tools.jackson.databind.json.JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();
    return new LoadResult(m.convertValue(tree, Catalog.class), List.of());
  }

  static Object fix(Object o) {
    if (o instanceof Map<?,?> m) { var r = new LinkedHashMap<Object,Object>(); m.forEach((k,v) -> r.put(k, fix(v))); return r; }
    if (o instanceof List<?> l) { return l.stream().map(CatalogLoader::fix).toList(); }
    if (o instanceof String str && str.matches("\\d+[smhd]")) { char u = str.charAt(str.length()-1); return (u=='d' ? "P" : "PT") + str.substring(0, str.length()-1).toUpperCase() + Character.toUpperCase(u); }
    return o;
  }
}
