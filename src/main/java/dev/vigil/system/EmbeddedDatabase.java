package dev.vigil.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Vigil runs for itself when no external database is configured.
 *
 * <p>The first process to open a data directory owns the server: it holds {@code vigil.lock} and stops the
 * server when it stops. Any other process on the same directory (a second node, {@code vigil apply} while the
 * server runs) attaches to the running server through the port in {@code postmaster.pid}.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  static final String USER = "postgres";

  private final Path pgData;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final EmbeddedPostgres server;
  private final int port;

  private EmbeddedDatabase(Path pgData, FileChannel lockChannel, FileLock lock, EmbeddedPostgres server, int port) {
    this.pgData = pgData;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.server = server;
    this.port = port;
  }

  /** Starts the server in {@code dataDir/postgres}, or attaches to the one another Vigil process runs there. */
  static EmbeddedDatabase open(Path dataDir, int requestedPort) {
    try {
      Files.createDirectories(dataDir);
      Path pgData = dataDir.resolve("postgres").toAbsolutePath();
      FileChannel channel = FileChannel.open(dataDir.resolve("vigil.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        int port = runningPort(pgData).orElseThrow(() -> new IllegalStateException(
            "another Vigil process holds " + dataDir.resolve("vigil.lock") + " but its database is not running"));
        log.info("Attaching to the embedded PostgreSQL run by another Vigil process on port {}", port);
        return new EmbeddedDatabase(pgData, null, null, null, port);
      }
      stopOrphan(pgData);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(pgData.toFile())
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          // The library's own JVM shutdown hook would stop the server at SIGTERM, under requests still finishing
          // (graceful shutdown); Spring's context close stops it instead, after the pool that uses it.
          .setRegisterShutdownHook(false)
          // The library tunes for throw-away test databases; Vigil's data must survive a crash.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200");
      if (requestedPort > 0) {
        builder.setPort(requestedPort);
      }
      EmbeddedPostgres server = builder.start();
      log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", server.getPort(), pgData);
      return new EmbeddedDatabase(pgData, channel, lock, server, server.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very JVM (tests that start two contexts on one directory)
    }
  }

  /** The port recorded by a running postmaster (line 4 of {@code postmaster.pid}), if it is alive. */
  static Optional<Integer> runningPort(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4 || !ProcessHandle.of(Long.parseLong(lines.get(0).trim())).map(ProcessHandle::isAlive)
          .orElse(false)) {
        return Optional.empty();
      }
      return Optional.of(Integer.parseInt(lines.get(3).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A postmaster still running while nobody holds the lock was left by a Vigil process that was killed; stop it
   * so that this process can own the server again.
   */
  private static void stopOrphan(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (RuntimeException e) {
      return;
    }
    Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (orphan.isEmpty()) {
      return;
    }
    log.warn("Stopping PostgreSQL (pid {}) left running by a Vigil process that did not shut down", pid);
    orphan.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown, its clients are gone already
    try {
      orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("PostgreSQL (pid " + pid + ") in " + pgData + " did not stop", e);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.close();
      log.info("Embedded PostgreSQL in {} stopped", pgData);
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    } finally {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException e) {
        log.debug("lock release failed", e);
      }
    }
  }
}
