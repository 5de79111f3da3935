package dev.vigil.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reading JDBC rows the same way in every feature's repository. */
public final class Rows {

  private Rows() {}

  /** A timestamp column as an instant; null when the column is. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
