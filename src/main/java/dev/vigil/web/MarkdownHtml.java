package dev.vigil.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown written by people (postmortems, runbooks) as HTML for the pages: raw HTML in the text is escaped, so it
 * shows as text and cannot run, and links and images keep only http, https and mailto addresses or relative ones (a
 * javascript: link becomes an empty one).
 */
public final class MarkdownHtml {

  /** Longest text rendered; the postmortem's fields and runbooks are shorter. */
  public static final int MAX_LENGTH = 100_000;

  /** A link in a document, where it starts (1-based line and column, as editors show them) and where it points. */
  public record LinkAt(int line, int column, String destination) {}

  /** A URL with a scheme ({@code https:}, {@code mailto:}) or a network path ({@code //host}): not the document's. */
  private static final Pattern ABSOLUTE = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|//).*", Pattern.DOTALL);

  private static final Parser PARSER = Parser.builder().build();
  private static final Parser POSITIONED = Parser.builder()
      .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
  private static final HtmlRenderer RENDERER = renderer(null);

  private MarkdownHtml() {}

  /** The text as HTML; empty for null or blank text. */
  public static String render(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    return RENDERER.render(PARSER.parse(limited(markdown)));
  }

  /**
   * A whole document as HTML on a page that shows other things too: each heading gets the id {@code idPrefix} +
   * its {@link #anchors anchor}, links to {@code #anchor} point at those ids, and other relative links go where
   * {@code relative} says (null: the link's text stays, without a link).
   */
  public static String renderDocument(String markdown, String idPrefix, UnaryOperator<String> relative) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    Node document = PARSER.parse(limited(markdown));
    Map<Heading, String> ids = new HashMap<>();
    Set<String> taken = new LinkedHashSet<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        ids.put(heading, idPrefix + anchor(heading, taken));
        visitChildren(heading);
      }

      @Override
      public void visit(Link link) {
        String destination = link.getDestination();
        if (destination.startsWith("#")) {
          link.setDestination("#" + idPrefix + destination.substring(1));
        } else if (!ABSOLUTE.matcher(destination).matches()) {
          String target = relative.apply(destination);
          if (target == null) {
            unlink(link);
            return;
          }
          link.setDestination(target);
        }
        visitChildren(link);
      }
    });
    return renderer(ids).render(document);
  }

  /**
   * The anchors of a document's headings, as {@link #renderDocument} gives them: GitHub's rule, the heading's text
   * in lower case without punctuation and with hyphens for spaces, and {@code -1}, {@code -2} after a repeated one.
   */
  public static Set<String> anchors(String markdown) {
    Set<String> taken = new LinkedHashSet<>();
    PARSER.parse(limited(markdown)).accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        anchor(heading, taken);
      }
    });
    return taken;
  }

  /** The links of a document that point into it or at a file beside it: no scheme, no host; in document order. */
  public static List<LinkAt> relativeLinks(String markdown) {
    List<LinkAt> links = new ArrayList<>();
    POSITIONED.parse(limited(markdown)).accept(new AbstractVisitor() {
      @Override
      public void visit(Link link) {
        if (!ABSOLUTE.matcher(link.getDestination()).matches()) {
          List<SourceSpan> spans = link.getSourceSpans();
          SourceSpan span = spans.isEmpty() ? null : spans.getFirst();
          links.add(new LinkAt(span == null ? 0 : span.getLineIndex() + 1, span == null ? 0 : span.getColumnIndex() + 1,
              link.getDestination()));
        }
        visitChildren(link);
      }
    });
    return links;
  }

  private static String anchor(Heading heading, Set<String> taken) {
    StringBuilder text = new StringBuilder();
    heading.accept(new AbstractVisitor() {
      @Override
      public void visit(Text t) {
        text.append(t.getLiteral());
      }

      @Override
      public void visit(Code code) {
        text.append(code.getLiteral());
      }
    });
    String base = text.toString().strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
        .replaceAll("\\s", "-");
    String anchor = base;
    for (int n = 1; taken.contains(anchor); n++) {
      anchor = base + "-" + n;
    }
    taken.add(anchor);
    return anchor;
  }

  /** Puts the link's text where the link was. */
  private static void unlink(Link link) {
    Node child = link.getFirstChild();
    while (child != null) {
      Node next = child.getNext();
      link.insertBefore(child);
      child = next;
    }
    link.unlink();
  }

  private static String limited(String markdown) {
    return markdown.length() > MAX_LENGTH ? markdown.substring(0, MAX_LENGTH) : markdown;
  }

  private static HtmlRenderer renderer(Map<Heading, String> headingIds) {
    return HtmlRenderer.builder()
        .escapeHtml(true)
        .sanitizeUrls(true)
        .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
        .attributeProviderFactory(context -> (node, tag, attributes) -> {
          if (node instanceof Link) {
            attributes.put("rel", "nofollow noopener noreferrer");
          } else if (node instanceof Image) {
            attributes.put("loading", "lazy");
          } else if (node instanceof Heading heading && headingIds != null && headingIds.containsKey(heading)) {
            attributes.put("id", headingIds.get(heading));
          }
        })
        .build();
  }
}
