/**
 * The {@code vigil} command: server, demo, validate, apply and agent.
 */
@ApplicationModule(displayName = "CLI")
package dev.vigil.cli;

import org.springframework.modulith.ApplicationModule;
