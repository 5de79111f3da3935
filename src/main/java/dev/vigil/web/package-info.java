/**
 * HTTP plumbing every feature's controllers share: problem+json and the API document, body and parameter checks,
 * TLS, the database-outage answer and the {@link dev.vigil.web.UiController} marker with the common page layout
 * ({@code templates/web/layout.html}). Depends only on {@code system}; owns {@code vigil.web.*}.
 */
@ApplicationModule(displayName = "Web")
package dev.vigil.web;

import org.springframework.modulith.ApplicationModule;
