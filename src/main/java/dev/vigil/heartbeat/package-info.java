/**
 * Pings from jobs that must run: periods and cron schedules, grace, late and down, and the alerts they raise. Owns
 * {@code heartbeat}, {@code heartbeat_ping}, its jobs and {@code vigil.heartbeat.*}.
 */
@ApplicationModule(displayName = "Heartbeat")
package dev.vigil.heartbeat;

import org.springframework.modulith.ApplicationModule;
