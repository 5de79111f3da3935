package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command line: the entry point of the jar, one subcommand per task. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Self-hosted reliability platform: probes, alerts, on-call paging, incidents, SLOs.",
    subcommands = {
      ServerCommand.class, DemoCommand.class, ValidateCommand.class, ApplyCommand.class, AgentCommand.class, SloCommand.class,
      CoverageCommand.class, DeployCommand.class, GenerateCommand.class,
      CommandLine.HelpCommand.class})
public class VigilCommand {

  public static void main(String[] args) {
    System.exit(new CommandLine(new VigilCommand()).execute(args));
  }
}
