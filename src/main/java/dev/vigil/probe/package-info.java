/**
 * Synthetic checks Vigil runs itself (HTTP, TCP, DNS, TLS, PostgreSQL, Redis, Elasticsearch), from this node and
 * remote agents, their agreed state, rollups and uptime. Owns the {@code probe*} tables, its jobs and
 * {@code vigil.probe.*}.
 */
@ApplicationModule(displayName = "Probe")
package dev.vigil.probe;

import org.springframework.modulith.ApplicationModule;
