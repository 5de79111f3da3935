package dev.vigil.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads Vigil's version from the jar manifest, so {@code vigil --version} matches the build. */
class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VigilCommand.class.getPackage().getImplementationVersion();
    return new String[] {"Vigil " + (v == null ? "development build" : v)};
  }
}
