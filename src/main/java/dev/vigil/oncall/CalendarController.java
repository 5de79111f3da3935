package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.ApiPrincipal;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.PublicUrl;
import dev.vigil.system.SecretBox;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * iCalendar feeds of final shifts, one per schedule and one per user, and the revocable tokens that open them.
 * Calendar apps cannot send a bearer token, so a feed is reachable with its calendar token alone; an unknown,
 * revoked or mismatched token gets the same 404 as a schedule that does not exist, so a guess learns nothing.
 */
@RestController
@RequestMapping("/api/v1")
class CalendarController {

  static final String TOKEN_PREFIX = "vcal_";
  static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

  private final CatalogQueries catalog;
  private final OnCallService onCall;
  private final OnCallRepository repository;
  private final OnCallProperties properties;
  private final Clock clock;
  private final String baseUrl;

  CalendarController(CatalogQueries catalog, OnCallService onCall, OnCallRepository repository,
      OnCallProperties properties, PublicUrl publicUrl, Clock clock) {
    this.catalog = catalog;
    this.onCall = onCall;
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
    this.baseUrl = publicUrl.base();
  }

  /** The body of a new calendar token. */
  record NewCalendarToken(String label) {}

  /** A new token: the only time the token and its full feed URL are shown. */
  record CreatedCalendarToken(long id, String schedule, String user, String label, String token, String url) {}

  /** A token as listed, without the token. */
  record CalendarTokenView(long id, String prefix, String schedule, String user, String label, String createdBy,
      Instant createdAt, Instant revokedAt) {}

  /** Makes a token for the schedule's calendar feed; the answer is the only time the token and its URL are shown. */
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/schedules/{name}/calendar-tokens")
  ResponseEntity<CreatedCalendarToken> newScheduleToken(@PathVariable String name,
      @RequestBody(required = false) NewCalendarToken body, @AuthenticationPrincipal ApiPrincipal caller) {
    requireSchedule(name);
    return created(name, null, body, caller);
  }

  /** The schedule's calendar tokens, revoked ones too, without the tokens themselves. */
  @GetMapping("/schedules/{name}/calendar-tokens")
  List<CalendarTokenView> scheduleTokens(@PathVariable String name) {
    requireSchedule(name);
    return list(name, null);
  }

  /** Makes a token for the user's calendar feed; the answer is the only time the token and its URL are shown. */
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/users/{name}/calendar-tokens")
  ResponseEntity<CreatedCalendarToken> newUserToken(@PathVariable String name,
      @RequestBody(required = false) NewCalendarToken body, @AuthenticationPrincipal ApiPrincipal caller) {
    requireUser(name);
    return created(null, name, body, caller);
  }

  /** The user's calendar tokens, revoked ones too, without the tokens themselves. */
  @GetMapping("/users/{name}/calendar-tokens")
  List<CalendarTokenView> userTokens(@PathVariable String name) {
    requireUser(name);
    return list(null, name);
  }

  /** Revokes a calendar token: its feed stops answering at once. */
  @ApiResponse(responseCode = "204", description = "Revoked")
  @DeleteMapping("/calendar-tokens/{id}")
  ResponseEntity<Void> revoke(@PathVariable long id) {
    if (!repository.revokeCalendarToken(id, clock.instant()) && !repository.calendarTokenExists(id)) {
      throw new NotFoundException("no calendar token " + id);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * The schedule's final shifts as an iCalendar feed for calendar apps, from {@code vigil.oncall.calendar-past} ago
   * to {@code vigil.oncall.calendar-future} ahead. No bearer token: the calendar token is the credential, and any
   * other gets the 404 of a schedule that does not exist.
   *
   * @param token a calendar token of this schedule
   */
  @ApiResponse(responseCode = "200", description = "An iCalendar (RFC 5545) feed, one event per final shift",
      content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
  @GetMapping("/schedules/{name}/calendar.ics")
  ResponseEntity<String> scheduleFeed(@PathVariable String name, @RequestParam(required = false) String token) {
    authorize("schedule", name, token);
    Instant[] range = range();
    List<CalendarFeed.Entry> entries = new ArrayList<>();
    onCall.schedule(name, range[0], range[1]).ifPresent(s -> s.shifts(range[0], range[1]).stream()
        .filter(this::inFeed).forEach(shift -> entries.add(new CalendarFeed.Entry(name, shift))));
    return feed("On call: " + name, entries);
  }

  /**
   * The user's final shifts, across every schedule, as an iCalendar feed for calendar apps. No bearer token: the
   * calendar token is the credential, and any other gets the 404 of a user that does not exist.
   *
   * @param token a calendar token of this user
   */
  @ApiResponse(responseCode = "200", description = "An iCalendar (RFC 5545) feed, one event per final shift",
      content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
  @GetMapping("/users/{name}/calendar.ics")
  ResponseEntity<String> userFeed(@PathVariable String name, @RequestParam(required = false) String token) {
    authorize("user", name, token);
    Instant[] range = range();
    List<CalendarFeed.Entry> entries = new ArrayList<>();
    onCall.shiftsOf(name, range[0], range[1]).forEach((schedule, shifts) -> shifts.stream().filter(this::inFeed)
        .forEach(shift -> entries.add(new CalendarFeed.Entry(schedule, shift))));
    entries.sort(Comparator.comparing((CalendarFeed.Entry e) -> e.shift().start()).thenComparing(e -> e.schedule()));
    return feed("On call: " + name, entries);
  }

  private ResponseEntity<CreatedCalendarToken> created(String schedule, String user, NewCalendarToken body,
      ApiPrincipal caller) {
    String label = body == null ? null : body.label();
    if (label != null && label.length() > 200) {
      throw new InvalidException("label: at most 200 characters");
    }
    String token = SecretBox.newSecret(TOKEN_PREFIX);
    long id = repository.insertCalendarToken(SecretBox.hash(token), token.substring(0, TOKEN_PREFIX.length() + 6),
        schedule, user, label, caller == null ? null : caller.name(), clock.instant());
    String url = ScheduleController.calendarUrl(baseUrl, schedule != null ? "schedules" : "users",
        schedule != null ? schedule : user) + "?token=" + token;
    return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedCalendarToken(id, schedule, user, label, token,
        url));
  }

  private List<CalendarTokenView> list(String schedule, String user) {
    return repository.calendarTokens(schedule, user).stream().map(t -> new CalendarTokenView(t.id(), t.prefix(),
        t.schedule(), t.user(), t.label(), t.createdBy(), t.createdAt(), t.revokedAt())).toList();
  }

  private void authorize(String kind, String name, String token) {
    boolean ok = token != null && token.startsWith(TOKEN_PREFIX) && token.length() < 200
        && repository.calendarTokenOwner(SecretBox.hash(token)).filter(Map.entry(kind, name)::equals).isPresent();
    if (!ok) {
      throw new NotFoundException("not found");
    }
  }

  /**
   * The feed's window, with a margin on both sides for the computation: shifts that cross the window's edges keep
   * their real start and end, and so their UID, from one fetch to the next.
   */
  private Instant[] range() {
    Instant now = clock.instant();
    Duration margin = Duration.ofDays(35);
    return new Instant[] {now.minus(properties.calendarPast()).minus(margin),
        now.plus(properties.calendarFuture()).plus(margin)};
  }

  private boolean inFeed(Shift s) {
    Instant now = clock.instant();
    return s.end().isAfter(now.minus(properties.calendarPast())) && s.start().isBefore(now.plus(
        properties.calendarFuture()));
  }

  private ResponseEntity<String> feed(String title, List<CalendarFeed.Entry> entries) {
    return ResponseEntity.ok().contentType(TEXT_CALENDAR)
        .header("Cache-Control", "private, max-age=300")
        .body(CalendarFeed.render(title, entries, clock.instant()));
  }

  private void requireSchedule(String name) {
    catalog.one(CatalogKind.SCHEDULE, name, Catalog.Schedule.class)
        .orElseThrow(() -> new NotFoundException("no schedule named '" + name + "'"));
  }

  private void requireUser(String name) {
    catalog.one(CatalogKind.USER, name, Catalog.User.class)
        .orElseThrow(() -> new NotFoundException("no user named '" + name + "'"));
  }
}
