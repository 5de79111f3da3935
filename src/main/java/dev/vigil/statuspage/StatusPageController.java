package dev.vigil.statuspage;

import dev.vigil.system.InvalidException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public routes of status pages, without sign-in: the page, its feeds and badges, and subscribing and leaving.
 * Forms that change something (subscribe, confirm, leave) are on pages of their own, so that only people using them
 * get a session for the CSRF token, not every visitor of the page.
 */
@Controller
@RequestMapping("/status/{slug}")
class StatusPageController {

  /** Badges and feeds are fetched by other sites and readers: a minute of caching spares Vigil the repeats. */
  private static final CacheControl SHORT = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

  private final StatusPages pages;
  private final Subscriptions subscriptions;
  private final SubscribeThrottle throttle;
  private final SubscriberMessages messages;

  StatusPageController(StatusPages pages, Subscriptions subscriptions, SubscribeThrottle throttle,
      SubscriberMessages messages) {
    this.pages = pages;
    this.subscriptions = subscriptions;
    this.throttle = throttle;
    this.messages = messages;
  }

  @GetMapping
  String page(@PathVariable String slug, Model model) {
    StatusPages.PageView view = pages.view(slug);
    model.addAttribute("view", view);
    model.addAttribute("page", view.page());
    model.addAttribute("fmt", new StatusFormats(view.page().timeZoneOrDefault()));
    return "statuspage/page";
  }

  @GetMapping("/feed.rss")
  ResponseEntity<String> rss(@PathVariable String slug) {
    return feed(slug, "rss_2.0", "feed.rss", "application/rss+xml;charset=UTF-8");
  }

  @GetMapping("/feed.atom")
  ResponseEntity<String> atom(@PathVariable String slug) {
    return feed(slug, "atom_1.0", "feed.atom", "application/atom+xml;charset=UTF-8");
  }

  private ResponseEntity<String> feed(String slug, String type, String file, String contentType) {
    StatusPages.PageView view = pages.view(slug);
    String url = messages.pageUrl(slug);
    return ResponseEntity.ok().cacheControl(SHORT).contentType(MediaType.parseMediaType(contentType))
        .body(StatusFeeds.write(view, type, url, url + "/" + file));
  }

  /** The page's overall state, or one component's with {@code ?component=NAME}. */
  @GetMapping("/badge.svg")
  ResponseEntity<String> badge(@PathVariable String slug, @RequestParam(required = false) String component) {
    StatusPages.PageView view = pages.view(slug);
    String svg;
    if (component == null) {
      svg = StatusBadges.svg(view.page().title(), view.overall());
    } else {
      String name = checkedName(component);
      StatusPages.ComponentView c = view.component(name).orElseThrow(() -> new dev.vigil.system.NotFoundException(
          "The status page '" + slug + "' has no component '" + name + "'."));
      svg = StatusBadges.svg(c.name(), c.state());
    }
    return ResponseEntity.ok().cacheControl(SHORT).contentType(MediaType.parseMediaType("image/svg+xml"))
        .header("X-Content-Type-Options", "nosniff").body(svg);
  }

  @GetMapping("/subscribe")
  String subscribeForm(@PathVariable String slug, Model model) {
    model.addAttribute("page", pages.definition(slug));
    return "statuspage/subscribe";
  }

  @PostMapping("/subscribe")
  String subscribe(@PathVariable String slug, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String email, @RequestParam(required = false) String url,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    model.addAttribute("page", pages.definition(slug));
    long wait = throttle.take(request.getRemoteAddr());
    if (wait > 0) {
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(wait));
      model.addAttribute("error", "Too many subscription requests from your address; try again in "
          + (wait < 120 ? wait + " seconds." : (wait + 59) / 60 + " minutes."));
      return "statuspage/subscribe";
    }
    String address = "webhook".equals(kind == null ? null : kind.strip().toLowerCase(Locale.ROOT)) ? url : email;
    model.addAttribute("subscribed", subscriptions.subscribe(slug, kind, address));
    return "statuspage/subscribed";
  }

  @GetMapping("/confirm/{token}")
  String confirmForm(@PathVariable String slug, @PathVariable String token, Model model) {
    return manage(slug, token, "confirm", subscriptions.byToken(slug, token, true), model);
  }

  @PostMapping("/confirm/{token}")
  String confirm(@PathVariable String slug, @PathVariable String token, Model model) {
    subscriptions.confirm(slug, token);
    return managed(slug, "confirmed", model);
  }

  @GetMapping("/unsubscribe/{token}")
  String unsubscribeForm(@PathVariable String slug, @PathVariable String token, Model model) {
    return manage(slug, token, "unsubscribe", subscriptions.byToken(slug, token, false), model);
  }

  @PostMapping("/unsubscribe/{token}")
  String unsubscribe(@PathVariable String slug, @PathVariable String token, Model model) {
    subscriptions.unsubscribe(slug, token);
    return managed(slug, "unsubscribed", model);
  }

  /** The page that asks to confirm an action on a subscription: opening a link from a mail changes nothing. */
  private String manage(String slug, String token, String action, SubscriberRepository.Subscriber subscriber,
      Model model) {
    model.addAttribute("page", pages.definition(slug));
    model.addAttribute("subscriber", subscriber);
    model.addAttribute("token", token);
    model.addAttribute("action", action);
    return "statuspage/manage";
  }

  /** The same page once the action is done. */
  private String managed(String slug, String done, Model model) {
    model.addAttribute("page", pages.definition(slug));
    model.addAttribute("done", done);
    return "statuspage/manage";
  }

  /** A component name as asked for, refused when longer than any sensible display name. */
  static String checkedName(String text) {
    if (text.length() > 80) {
      throw new InvalidException("component: at most 80 characters");
    }
    return text;
  }
}
