/**
 * Shared infrastructure at the bottom of the graph: clock, database, job runner, secrets, the public URL and the
 * domain's error model ({@link dev.vigil.system.DomainProblem}). Depends on no feature. Owns {@code scheduled_tasks},
 * {@code vigil.system.*} and {@code vigil.jobs.*}.
 */
@ApplicationModule(displayName = "System")
package dev.vigil.system;

import org.springframework.modulith.ApplicationModule;
