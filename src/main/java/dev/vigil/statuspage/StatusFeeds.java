package dev.vigil.statuspage;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * RSS 2.0 and Atom feeds of a status page: one entry per shown incident, its text the public status updates, oldest
 * last, as plain text, so nothing in an update can become markup in a feed reader.
 */
final class StatusFeeds {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private StatusFeeds() {}

  /** The feed as {@code rss_2.0} or {@code atom_1.0}; {@code pageUrl} is the page's absolute address. */
  static String write(StatusPages.PageView view, String type, String pageUrl, String selfUrl) {
    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType(type);
    feed.setTitle(view.page().title());
    feed.setDescription(view.page().description() == null ? view.page().title() + ": incidents and updates"
        : view.page().description());
    feed.setLink(pageUrl);
    feed.setUri(pageUrl);
    SyndLink self = new SyndLinkImpl();
    self.setRel("self");
    self.setHref(selfUrl);
    SyndLink alternate = new SyndLinkImpl();
    alternate.setRel("alternate");
    alternate.setType("text/html");
    alternate.setHref(pageUrl);
    feed.setLinks(List.of(alternate, self));
    feed.setLanguage("en");
    List<SyndEntry> entries = new ArrayList<>();
    for (StatusPages.IncidentView incident : view.incidents()) {
      SyndEntry entry = new SyndEntryImpl();
      String link = pageUrl + "#incident-" + incident.id();
      entry.setTitle(incident.title() + (incident.resolved() ? " (resolved)" : ""));
      entry.setLink(link);
      entry.setUri(link);
      entry.setPublishedDate(Date.from(incident.startedAt()));
      entry.setUpdatedDate(Date.from(incident.lastChange()));
      SyndContent text = new SyndContentImpl();
      text.setType("text/plain");
      text.setValue(text(incident));
      entry.setDescription(text);
      entries.add(entry);
    }
    feed.setEntries(entries);
    feed.setPublishedDate(Date.from(entries.isEmpty() ? view.at()
        : view.incidents().stream().map(StatusPages.IncidentView::lastChange).max(java.util.Comparator.naturalOrder())
            .orElse(view.at())));
    try {
      return new SyndFeedOutput().outputString(feed, true);
    } catch (FeedException e) {
      throw new IllegalStateException("the " + type + " feed could not be written", e);
    }
  }

  private static String text(StatusPages.IncidentView incident) {
    StringBuilder text = new StringBuilder("Affected: ").append(String.join(", ", incident.components()))
        .append(". Started ").append(TIME.format(incident.startedAt()));
    if (incident.resolvedAt() != null) {
      text.append(", resolved ").append(TIME.format(incident.resolvedAt()));
    }
    text.append('.');
    for (StatusPages.UpdateView u : incident.updates()) {
      text.append("\n\n").append(u.status()).append(" (").append(TIME.format(u.at())).append("): ").append(u.text());
    }
    return text.toString();
  }
}
