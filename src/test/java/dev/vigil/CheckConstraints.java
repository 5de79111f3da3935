package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.system.StoredValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The values a column's check constraint allows, read from the migrated database, so that a test can hold an enum
 * of stored states to what the database takes whatever migration last changed the constraint.
 */
public final class CheckConstraints {

  private static final Pattern LITERAL = Pattern.compile("'([^']*)'::text");

  private CheckConstraints() {}

  /**
   * Asserts that {@code type} has exactly the values the column's check constraint allows, in its order, that each
   * reads back as itself, and that a value outside them is refused.
   */
  public static <E extends Enum<E> & StoredValue> void assertMirrored(JdbcClient jdbc, String table, String column,
      Class<E> type) {
    assertThat(Arrays.stream(type.getEnumConstants()).map(StoredValue::value))
        .as("%s against the check constraint of %s.%s", type.getSimpleName(), table, column)
        .containsExactlyElementsOf(allowed(jdbc, table, column));
    for (E constant : type.getEnumConstants()) {
      assertThat(StoredValue.of(type, constant.value())).isSameAs(constant);
    }
    assertThatThrownBy(() -> StoredValue.of(type, "no such value")).isInstanceOf(IllegalArgumentException.class);
  }

  /** The text literals of the one check constraint on {@code table} that names {@code column}, in their order. */
  public static List<String> allowed(JdbcClient jdbc, String table, String column) {
    List<String> definitions = jdbc.sql("""
            select pg_get_constraintdef(c.oid)
              from pg_constraint c join pg_class t on t.oid = c.conrelid
             where t.relname = :table and c.contype = 'c'
               and exists (select 1 from pg_attribute a
                            where a.attrelid = t.oid and a.attnum = any (c.conkey) and a.attname = :column)
            """).param("table", table).param("column", column).query(String.class).list();
    if (definitions.size() != 1) {
      throw new IllegalStateException(table + "." + column + " has " + definitions.size()
          + " check constraints, expected one: " + definitions);
    }
    List<String> values = new ArrayList<>();
    Matcher m = LITERAL.matcher(definitions.get(0));
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }
}
