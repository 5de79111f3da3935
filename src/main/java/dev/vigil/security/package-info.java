/**
 * Who may do what: web accounts and sessions, API tokens, roles and the route rules. Owns {@code web_account},
 * {@code api_token}, {@code spring_session*}, the account pages and {@code vigil.security.*}.
 */
@ApplicationModule(displayName = "Security")
package dev.vigil.security;

import org.springframework.modulith.ApplicationModule;
