package dev.vigil.ui;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.SignedIn;
import dev.vigil.web.Formats;
import dev.vigil.web.UiController;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the layout of every UI page needs: who is signed in, the section of the navigation, times in the
 * reader's zone, and the CSRF header that htmx sends with each of its requests.
 */
@ControllerAdvice(annotations = UiController.class)
class PageModel {

  private static final ZoneId UTC = ZoneId.of("UTC");

  private final CatalogQueries catalog;
  private final Clock clock;
  private final JsonMapper json;

  PageModel(CatalogQueries catalog, Clock clock, JsonMapper json) {
    this.catalog = catalog;
    this.clock = clock;
    this.json = json;
  }

  @ModelAttribute
  void layout(Model model, HttpServletRequest request, @AuthenticationPrincipal Object principal) {
    SignedIn me = principal instanceof SignedIn s ? s : null;
    model.addAttribute("me", me);
    model.addAttribute("fmt", new Formats(zone(me), clock));
    model.addAttribute("section", section(request.getRequestURI().substring(request.getContextPath().length())));
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
      model.addAttribute("csrfHeaders", json.writeValueAsString(Map.of(csrf.getHeaderName(), csrf.getToken())));
    }
  }

  /** The linked catalog user's time zone, else UTC. */
  private ZoneId zone(SignedIn me) {
    if (me == null || me.userName() == null) {
      return UTC;
    }
    return catalog.one(CatalogKind.USER, me.userName(), Catalog.User.class)
        .flatMap(u -> u.object().zone()).orElse(UTC);
  }

  static String section(String path) {
    if (path.startsWith("/incidents")) {
      return "incidents";
    }
    if (path.startsWith("/services")) {
      return "services";
    }
    if (path.startsWith("/schedules")) {
      return "schedules";
    }
    if (path.startsWith("/teams") || path.startsWith("/users")) {
      return "teams";
    }
    if (path.startsWith("/integrations")) {
      return "integrations";
    }
    if (path.startsWith("/admin")) {
      return "admin";
    }
    return path.equals("/") ? "home" : "";
  }
}
