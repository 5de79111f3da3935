package dev.vigil.notify;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.notify.ActionLinks.Action;
import dev.vigil.notify.IncidentActions.Outcome;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/actions/{token}}: the signed links in notifications. GET only shows what the link would do and a
 * button, because mail scanners and link previews fetch every link in a message; the button's POST takes the
 * action. No login: the token is the credential. Everything shown from the incident is HTML-escaped.
 */
@RestController
@RequestMapping("/api/v1/actions")
// Both routes refuse a link alike, with a page.
@ApiResponse(responseCode = "404", description = "The link is incomplete, was changed, or its incident no longer"
    + " exists", content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
@ApiResponse(responseCode = "409", description = "The link has been used already",
    content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
@ApiResponse(responseCode = "410", description = "The link has expired",
    content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
class ActionController {

  private final IncidentActions actions;

  ActionController(IncidentActions actions) {
    this.actions = actions;
  }

  /**
   * A page saying what the signed link in a notification would do, with a button that does it. No bearer token:
   * the link's token is the credential.
   */
  @ApiResponse(responseCode = "200", description = "What the link would do, and its button",
      content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
  @GetMapping("/{token}")
  ResponseEntity<String> show(@PathVariable String token) {
    Outcome outcome = actions.preview(token);
    if (outcome.status() != IncidentActions.Status.READY) {
      return refusal(outcome);
    }
    Action action = outcome.token().action();
    IncidentFacts incident = outcome.incident();
    String verb = action == Action.ACKNOWLEDGE ? "Acknowledge" : "Resolve";
    String body = describe(incident)
        + (incident.status() == IncidentStatus.RESOLVED
            ? "<p>This incident is already resolved.</p>"
            : "<form method=\"post\"><button type=\"submit\">" + verb + " as " + htmlEscape(outcome.token().user())
                + "</button></form><p class=\"note\">This link works once, until "
                + htmlEscape(outcome.token().expiresAt().toString()) + ".</p>");
    return page(HttpStatus.OK, verb + " incident #" + incident.id() + "?", body);
  }

  /**
   * Acknowledges or resolves the incident as the signed link says, once. No bearer token: the link's token is the
   * credential.
   */
  @ApiResponse(responseCode = "200", description = "Done, or nothing left to do",
      content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
  @PostMapping("/{token}")
  ResponseEntity<String> act(@PathVariable String token) {
    Outcome outcome = actions.perform(token, null);
    if (outcome.status() != IncidentActions.Status.DONE) {
      return refusal(outcome);
    }
    boolean acknowledge = outcome.token().action() == Action.ACKNOWLEDGE;
    if (acknowledge && outcome.incident().status() == IncidentStatus.RESOLVED) {
      return page(HttpStatus.OK, "Incident #" + outcome.incident().id() + " is already resolved",
          describe(outcome.incident()) + "<p>Nothing to acknowledge.</p>");
    }
    String done = acknowledge ? "acknowledged" : "resolved";
    return page(HttpStatus.OK, "Incident #" + outcome.incident().id() + " " + done,
        describe(outcome.incident()) + "<p>Done: " + done + " by " + htmlEscape(outcome.token().user()) + ".</p>");
  }

  private static ResponseEntity<String> refusal(Outcome outcome) {
    return switch (outcome.status()) {
      case EXPIRED -> page(HttpStatus.GONE, "This link has expired",
          describe(outcome.incident()) + "<p>Action links work for a limited time. Open the incident in Vigil to "
              + "act on it.</p>");
      case USED -> page(HttpStatus.CONFLICT, "This link has already been used",
          describe(outcome.incident()) + "<p>Each action link works once.</p>");
      default -> page(HttpStatus.NOT_FOUND, "This link is not valid",
          "<p>The link is incomplete, was changed, or its incident no longer exists.</p>");
    };
  }

  private static String describe(IncidentFacts incident) {
    return "<p class=\"incident\"><strong>#" + incident.id() + " " + htmlEscape(incident.title()) + "</strong><br>"
        + "Service " + htmlEscape(incident.service()) + " &middot; " + htmlEscape(incident.urgency())
        + " urgency &middot; " + htmlEscape(incident.status().value()) + "</p>";
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>" + htmlEscape(title) + " - Vigil</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
        + "line-height:1.5}button{font-size:1.1rem;padding:.6rem 1.4rem;cursor:pointer}.note{color:#555;"
        + "font-size:.9rem}</style></head><body><h1>" + htmlEscape(title) + "</h1>" + body + "</body></html>\n";
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        // The token is in the URL: keep it out of Referer headers, and allow nothing but this page's own form.
        .header("Referrer-Policy", "no-referrer")
        .header("X-Robots-Tag", "noindex")
        .header("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
        .body(html);
  }
}
