/**
 * Public status pages: components, uptime bars, incidents and maintenance as the public sees them, feeds, badges and
 * subscribers. Owns the {@code status_page*} tables, its jobs, pages and {@code vigil.statuspage.*}.
 */
@ApplicationModule(displayName = "Status page")
package dev.vigil.statuspage;

import org.springframework.modulith.ApplicationModule;
