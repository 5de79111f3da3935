/**
 * Reaching people: the outbox of messages, their delivery over six channels with retries and limits, signed action
 * links and the Slack and Twilio callbacks. Owns {@code notification}, {@code action_link_use}, its jobs and
 * {@code vigil.notify.*}.
 */
@ApplicationModule(displayName = "Notify")
package dev.vigil.notify;

import org.springframework.modulith.ApplicationModule;
