package dev.vigil.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Vigil keeps its data and which PostgreSQL it uses ({@code vigil.system.*}).
 *
 * @param dataDir directory for the embedded PostgreSQL and local secrets ({@code VIGIL_DATA_DIR})
 * @param database an external PostgreSQL; when its URL is blank Vigil runs the embedded one
 * @param embeddedPort TCP port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one
 */
@ConfigurationProperties("vigil.system")
public record SystemProperties(Path dataDir, Database database, int embeddedPort) {

  public SystemProperties {
    dataDir = dataDir == null ? Path.of("vigil-data") : dataDir;
    database = database == null ? new Database(null, null, null) : database;
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
