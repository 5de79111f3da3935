package dev.vigil.statuspage;

import dev.vigil.catalog.Catalog;
import dev.vigil.security.SignedIn;
import dev.vigil.web.UiController;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The status pages in the console: every page of the catalog with its public link, state and subscriber counts, and
 * one page with its components' state now, the incidents and updates it shows, and its subscribers; their addresses,
 * what they were sent and the button that removes one only for admins, since they are other people's addresses.
 */
@UiController
class StatusPageConsole {

  /** How many of a page's latest messages to subscribers are listed. */
  static final int RECENT_DELIVERIES = 20;

  /** A page in the list. */
  record PageRow(Catalog.StatusPage page, ComponentState state, int components, int active,
      SubscriberRepository.Counts subscribers) {}

  private static final SubscriberRepository.Counts NONE = new SubscriberRepository.Counts(0, 0);

  private final StatusPages pages;
  private final SubscriberRepository subscribers;
  private final Subscriptions subscriptions;

  StatusPageConsole(StatusPages pages, SubscriberRepository subscribers, Subscriptions subscriptions) {
    this.pages = pages;
    this.subscribers = subscribers;
    this.subscriptions = subscriptions;
  }

  @GetMapping("/status-pages")
  String list(Model model) {
    Map<String, SubscriberRepository.Counts> counts = subscribers.counts();
    List<PageRow> rows = pages.all().stream().map(p -> {
      StatusPages.PageView view = pages.view(p.slug());
      return new PageRow(p, view.overall(), p.components().size(), view.active().size(),
          counts.getOrDefault(p.slug(), NONE));
    }).toList();
    model.addAttribute("section", "status-pages");
    model.addAttribute("pages", rows);
    return "statuspage/console-list";
  }

  @GetMapping("/status-pages/{slug}")
  String detail(@PathVariable String slug, @AuthenticationPrincipal SignedIn me, Model model) {
    StatusPages.PageView view = pages.view(slug);
    model.addAttribute("section", "status-pages");
    model.addAttribute("view", view);
    model.addAttribute("counts", subscribers.counts().getOrDefault(slug, NONE));
    // Subscribers' addresses are personal data of people outside the company: admins only.
    if (me.admin()) {
      model.addAttribute("subscribers", subscribers.of(slug));
      model.addAttribute("deliveries", subscribers.recent(slug, RECENT_DELIVERIES));
    }
    return "statuspage/console-page";
  }

  @PostMapping("/status-pages/{slug}/subscribers/{id}/remove")
  String remove(@PathVariable String slug, @PathVariable long id, RedirectAttributes flash) {
    subscriptions.remove(slug, id);
    flash.addFlashAttribute("notice", "The subscriber was removed; it will be sent nothing more.");
    return "redirect:/status-pages/" + slug + "#subscribers";
  }
}
