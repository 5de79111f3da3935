package dev.vigil.postmortem;

import java.util.List;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown written by people (postmortems) as HTML for the pages: raw HTML in the text is escaped, so it shows as
 * text and cannot run, and links and images keep only http, https and mailto addresses (a javascript: link becomes
 * an empty one).
 */
final class MarkdownHtml {

  /** Longest text rendered; the postmortem's fields are shorter. */
  static final int MAX_LENGTH = 100_000;

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
      .escapeHtml(true)
      .sanitizeUrls(true)
      .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
      .attributeProviderFactory(context -> (node, tag, attributes) -> {
        if (node instanceof Link) {
          attributes.put("rel", "nofollow noopener noreferrer");
        } else if (node instanceof Image) {
          attributes.put("loading", "lazy");
        }
      })
      .build();

  private MarkdownHtml() {}

  /** The text as HTML; empty for null or blank text. */
  static String render(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    String text = markdown.length() > MAX_LENGTH ? markdown.substring(0, MAX_LENGTH) : markdown;
    return RENDERER.render(PARSER.parse(text));
  }
}
