package dev.vigil.system;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Vigil keeps its data and which PostgreSQL it uses ({@code vigil.system.*}).
 *
 * @param dataDir directory for the embedded PostgreSQL and local secrets ({@code VIGIL_DATA_DIR})
 * @param database an external PostgreSQL; when its URL is blank Vigil runs the embedded one
 * @param embeddedPort TCP port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one
 * @param databaseTimeout how long a statement waits without a word from PostgreSQL before it fails (a request then
 *     answers 503), so that a database that stops answering does not hold requests for as long as it lasts; whole
 *     seconds, at least 1s; migrations are exempt
 */
@ConfigurationProperties("vigil.system")
public record SystemProperties(Path dataDir, Database database, int embeddedPort, Duration databaseTimeout) {

  public SystemProperties {
    dataDir = dataDir == null ? Path.of("vigil-data") : dataDir;
    database = database == null ? new Database(null, null, null) : database;
    databaseTimeout = databaseTimeout == null ? Duration.ofSeconds(10) : databaseTimeout;
    if (databaseTimeout.toMillis() < 1000 || databaseTimeout.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("vigil.system.database-timeout must be whole seconds, at least 1s, got "
          + databaseTimeout);
    }
  }

  /**
   * Connection to an external PostgreSQL.
   *
   * @param url JDBC URL ({@code VIGIL_DATABASE_URL}), blank for the embedded database
   * @param user user name ({@code VIGIL_DATABASE_USER})
   * @param password password ({@code VIGIL_DATABASE_PASSWORD})
   */
  public record Database(String url, String user, String password) {
    public boolean external() {
      return url != null && !url.isBlank();
    }
  }
}
