package dev.vigil.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from Debian's {@code postgresql} package, run as the {@code postgres} OS user on
 * 127.0.0.1, standing in for the external database an operator points Vigil at, or for a database a probe watches
 * (with a streaming standby made by {@code pg_basebackup}).
 */
public final class DebianPostgres implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;

  private DebianPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
  }

  /** Initialises a cluster in {@code dir} (which must not exist yet) and starts it on a free port. */
  public static DebianPostgres start(Path dir) throws IOException, InterruptedException {
    Path bin = serverBinaries();
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("starting PostgreSQL as the postgres user (runuser) needs root; CI runs as root");
    }
    checkTraversable(dir.toAbsolutePath().getParent());
    Files.createDirectory(dir);
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
    DebianPostgres postgres = new DebianPostgres(bin, dir.toAbsolutePath(), VigilProcess.freePort());
    postgres.asPostgres(bin.resolve("initdb").toString(), "-D", postgres.data.toString(), "-U", "postgres",
        "-E", "UTF8", "--no-locale", "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256");
    postgres.startServer();
    return postgres;
  }

  private void startServer() throws IOException, InterruptedException {
    try {
      asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
          "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
          "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "\nserver log:\n" + readOrEmpty(dir.resolve("server.log")), e);
    }
  }

  /**
   * Makes a streaming standby of this server in {@code dir} (which must not exist yet) with {@code pg_basebackup -R}
   * and starts it on a free port; it replicates over this server's Unix socket.
   */
  public DebianPostgres standby(Path dir) throws IOException, InterruptedException {
    Files.createDirectory(dir);
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
    DebianPostgres standby = new DebianPostgres(bin, dir.toAbsolutePath(), VigilProcess.freePort());
    asPostgres(bin.resolve("pg_basebackup").toString(), "-h", this.dir.toString(), "-p", Integer.toString(port),
        "-U", "postgres", "-D", standby.data.toString(), "-R", "-X", "stream", "--no-sync", "-c", "fast");
    standby.startServer();
    return standby;
  }

  /** Runs SQL with psql as the superuser and returns what it printed (unaligned, tuples only). */
  public String sql(String database, String sql) throws IOException, InterruptedException {
    return asPostgres(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port),
        "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql).strip();
  }

  /** The newest {@code /usr/lib/postgresql/N/bin} with the server programs. */
  private static Path serverBinaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        versions.map(v -> v.resolve("bin"))
            .filter(b -> Stream.of("initdb", "pg_ctl", "postgres", "psql").allMatch(p -> Files.isExecutable(b.resolve(p))))
            .forEach(candidates::add);
      }
    }
    if (candidates.isEmpty()) {
      fail("PostgreSQL's server programs (initdb, pg_ctl, postgres, psql) were not found under "
          + "/usr/lib/postgresql/*/bin: install the Debian package postgresql (apt-get install postgresql); "
          + ".ci/run does");
    }
    return candidates.stream()
        .max(Comparator.comparingInt(DebianPostgres::majorVersion))
        .orElseThrow();
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The postgres user must be able to reach its data directory; a private temp dir is opened for traversal only. */
  private static void checkTraversable(Path parent) throws IOException {
    var permissions = Files.getPosixFilePermissions(parent);
    if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(parent, permissions);
    }
    for (Path p = parent.getParent(); p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        fail(p + " is not traversable by other users, so the postgres user cannot reach " + parent
            + "; point java.io.tmpdir elsewhere");
      }
    }
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates a login role with a password and a database it owns. */
  public void createDatabase(String database, String user, String password) throws IOException, InterruptedException {
    asPostgres(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port), "-U", "postgres",
        "-d", "postgres", "-v", "ON_ERROR_STOP=1",
        "-c", "create role " + user + " login password '" + password + "'",
        "-c", "create database " + database + " owner " + user);
  }

  /** Runs a program as the postgres user (PostgreSQL refuses to run as root) and fails with its output. */
  private String asPostgres(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(List.of(command));
    // Output to a file, not a pipe: the server that pg_ctl leaves running must not hold our end open.
    Path log = Files.createTempFile("vigil-it-pg-", ".log");
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
          .directory(dir.toFile()).start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", full) + " did not finish in 90 s:\n" + readOrEmpty(log));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", full) + " exited with " + process.exitValue() + ":\n"
            + readOrEmpty(log));
      }
      return readOrEmpty(log);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops the server (fast shutdown); kills it if pg_ctl cannot. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
    } catch (IllegalStateException e) {
      Path pidFile = data.resolve("postmaster.pid");
      if (Files.exists(pidFile)) {
        String pid = Files.readAllLines(pidFile).getFirst().trim();
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
      throw e;
    }
  }
}
