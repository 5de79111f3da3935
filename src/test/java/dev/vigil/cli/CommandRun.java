package dev.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The {@code vigil} command run in the test's JVM, with what it prints to stdout and stderr kept apart. */
final class CommandRun {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Runs {@code vigil ARGS} and answers its exit status. */
  int run(String... args) {
    CommandLine cli = new CommandLine(new VigilCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }
}
