/**
 * Postmortems and their action items: policy (required by severity, due in business days), the editor, Markdown
 * export and reminders. Owns {@code postmortem} and {@code action_item}, their jobs, pages and API. Builds on
 * {@code incident}, which sees postmortems only through {@link dev.vigil.incident.PostmortemStatus}.
 */
@ApplicationModule(displayName = "Postmortem")
package dev.vigil.postmortem;

import org.springframework.modulith.ApplicationModule;
