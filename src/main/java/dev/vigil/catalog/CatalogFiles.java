package dev.vigil.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/** Validates a {@code vigil.yaml} file and plans or applies it; what {@code vigil apply} and start-up share. */
@Component
public class CatalogFiles {

  private final CatalogService catalog;

  CatalogFiles(CatalogService catalog) {
    this.catalog = catalog;
  }

  /** The problems found, and the plan when the file was valid. */
  public record Outcome(List<Problem> problems, Plan plan) {
    public boolean valid() {
      return plan != null;
    }
  }

  public Outcome apply(Path file, boolean dryRun) {
    LoadResult loaded = CatalogLoader.withEnvironment(System::getenv).load(file);
    if (!loaded.ok()) {
      return new Outcome(loaded.problems(), null);
    }
    String source = file.toAbsolutePath().normalize().toString();
    Plan plan = dryRun ? catalog.plan(loaded.catalog(), source)
        : catalog.apply(loaded.catalog(), source, sha256(file));
    return new Outcome(loaded.problems(), plan);
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
