/**
 * Who is on call: schedules, layers, overrides, temporary schedules, gaps, shift notices and calendar feeds. Owns
 * {@code schedule_override}, {@code temporary_schedule}, {@code calendar_token}, the schedule pages and
 * {@code vigil.oncall.*}.
 */
@ApplicationModule(displayName = "On-call")
package dev.vigil.oncall;

import org.springframework.modulith.ApplicationModule;
