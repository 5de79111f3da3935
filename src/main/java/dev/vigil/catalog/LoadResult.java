package dev.vigil.catalog;
import java.util.List;
public record LoadResult(Catalog catalog, List<Problem> problems) {
  public boolean ok() { return catalog != null; }
}
