package dev.vigil.catalog;

import dev.vigil.web.MarkdownHtml;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runbooks kept beside the catalog file as pages show them: the stored Markdown as safe HTML, its headings' ids and
 * links to them prefixed with {@code runbook-}, and links to another service's runbook sent to that service's page.
 */
public final class Runbooks {

  /** What the ids of a runbook's headings start with, so that they cannot clash with the page's own. */
  public static final String ID_PREFIX = "runbook-";

  private Runbooks() {}

  /** The service's runbook as HTML; empty when it has none. */
  public static String html(Catalog catalog, Catalog.Service service) {
    if (service.runbook() == null) {
      return "";
    }
    String from = service.runbook().path();
    return MarkdownHtml.renderDocument(service.runbook().markdown(), ID_PREFIX, destination -> {
      Link link = Link.of(destination);
      Optional<Path> target = link.target(from);
      return catalog.services().stream()
          .filter(s -> s.runbook() != null && target.isPresent() && target.equals(normalised(s.runbook().path())))
          .findFirst()
          .map(s -> "/services/" + s.name() + "#" + (link.anchor().isEmpty() ? "runbook" : ID_PREFIX + link.anchor()))
          .orElse(null);
    });
  }

  /** A relative link of a runbook: the file it names (empty: the runbook itself) and the anchor after {@code #}. */
  record Link(String file, String anchor) {

    static Link of(String destination) {
      int hash = destination.indexOf('#');
      return hash < 0 ? new Link(destination, "") : new Link(destination.substring(0, hash),
          destination.substring(hash + 1));
    }

    /** The file the link names, relative to the catalog file, as seen from the runbook at {@code from}. */
    Optional<Path> target(String from) {
      try {
        return Optional.of(Path.of(from).resolveSibling(file).normalize());
      } catch (InvalidPathException e) {
        return Optional.empty();
      }
    }
  }

  static Optional<Path> normalised(String path) {
    try {
      return Optional.of(Path.of(path).normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
