package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node started on a port another process holds says so in one line, with how to choose another, and exits
 * non-zero before it starts anything: no database, and no demo address pointing at the other process.
 */
class BusyPortIT {

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"server", "demo"})
  void aBusyPortIsOneClearLineAndAnExitStatus(String command) throws Exception {
    try (ServerSocket other = new ServerSocket()) {
      other.bind(new InetSocketAddress(0));
      int port = other.getLocalPort();
      try (VigilProcess node = VigilProcess.start(command, temp.resolve("data"), port, Map.of())) {
        assertThat(node.awaitExit()).as(node.outputTail()).isEqualTo(1);
        String output = node.output();
        assertThat(output.lines().filter(line -> line.contains(Integer.toString(port))).toList()).as(output)
            .containsExactly("vigil: port " + port + " is in use by another process; choose another with --port N"
                + " or VIGIL_PORT=N.");
        assertThat(output).as("no generic advice, no start").doesNotContain("APPLICATION FAILED TO START")
            .doesNotContain("Identify and stop").doesNotContain("/demo/mail").doesNotContain("Exception");
        assertThat(VigilProcess.postgresProcesses(temp.resolve("data"))).isEmpty();
      }
    }
  }
}
