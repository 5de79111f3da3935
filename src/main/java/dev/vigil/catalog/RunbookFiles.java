package dev.vigil.catalog;

import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Scalar;
import dev.vigil.web.MarkdownHtml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the runbooks a catalog file's services declare ({@code runbook: runbooks/payments.md}, relative to the
 * catalog file) and checks their links: a file that cannot be read is an error at the {@code runbook} field, a link
 * to a heading that is not there or to a file that is not another service's runbook an error at the link, in the
 * runbook.
 */
final class RunbookFiles {

  /** The Markdown of each service's runbook, by service name, and the problems found in the runbooks themselves. */
  record Read(Map<String, String> markdown, List<Problem> problems) {

    boolean hasErrors() {
      return !problems.isEmpty();
    }

    /** The catalog with each service's runbook text filled in. */
    Catalog attach(Catalog catalog) {
      return new Catalog(catalog.version(), catalog.teams(), catalog.users(), catalog.services().stream()
          .map(s -> s.runbook() == null ? s
              : s.withRunbook(new Catalog.Runbook(s.runbook().path(), markdown.get(s.name()))))
          .toList(), catalog.integrations(), catalog.schedules(), catalog.escalationPolicies(), catalog.customers(),
          catalog.incidentPolicy(), catalog.statusPages(), catalog.prometheus(), catalog.changeFreezes());
    }
  }

  /** One runbook file as read: where problems name it and its text. */
  private record Document(String shownAs, String markdown) {}

  private RunbookFiles() {}

  /**
   * Reads the runbooks of the services in {@code root}; {@code baseDirectory} is the catalog file's directory and
   * {@code catalogName} how problems name the catalog file, beside which the runbooks' names are given.
   */
  static Read read(YamlValue root, Path baseDirectory, String catalogName, Problems problems) {
    Map<Path, Document> documents = new LinkedHashMap<>();
    Map<String, String> markdown = new LinkedHashMap<>();
    if (!(root instanceof Mapping catalog)) {
      return new Read(markdown, List.of());
    }
    for (Mapping service : catalog.mappings("services")) {
      if (!(service.get("runbook") instanceof Scalar field) || field.isNull() || field.unresolved()
          || !field.text().endsWith(".md")) {
        continue; // absent, or refused by the schema already
      }
      Optional<Path> path = Runbooks.normalised(field.text()).filter(p -> !p.isAbsolute());
      if (path.isEmpty()) {
        continue;
      }
      Document document = documents.get(path.get());
      if (document == null) {
        String text = read(baseDirectory.resolve(path.get()), field, problems);
        if (text == null) {
          continue;
        }
        Path catalogFile = Path.of(catalogName);
        document = new Document((catalogFile.getParent() == null ? path.get()
            : catalogFile.getParent().resolve(path.get())).toString(), text);
        documents.put(path.get(), document);
      }
      if (service.text("name") != null) {
        markdown.put(service.text("name"), document.markdown());
      }
    }
    List<Problem> found = new ArrayList<>();
    documents.forEach((path, document) -> found.addAll(checkLinks(path, document, documents, baseDirectory)));
    return new Read(markdown, found);
  }

  private static List<Problem> checkLinks(Path path, Document document, Map<Path, Document> documents,
      Path baseDirectory) {
    Problems problems = new Problems(document.shownAs());
    Set<String> own = MarkdownHtml.anchors(document.markdown());
    for (MarkdownHtml.LinkAt at : MarkdownHtml.relativeLinks(document.markdown())) {
      YamlValue.Mark mark = new YamlValue.Mark(at.line(), at.column());
      Runbooks.Link link = Runbooks.Link.of(at.destination());
      Set<String> anchors = own;
      String in = "this runbook";
      if (!link.file().isEmpty()) {
        Optional<Path> target = link.target(path.toString());
        Document other = target.map(documents::get).orElse(null);
        if (other == null) {
          problems.error(mark, "link to '" + link.file() + "': " + (target.isPresent()
              && Files.exists(baseDirectory.resolve(target.get()))
              ? "not the runbook of a service in this catalog; runbooks link to each other and to web addresses"
              : "no such runbook (paths are relative to this runbook)"));
          continue;
        }
        anchors = MarkdownHtml.anchors(other.markdown());
        in = other.shownAs();
      }
      if (!link.anchor().isEmpty() && !anchors.contains(link.anchor())) {
        problems.error(mark, "link to '#" + link.anchor() + "': no heading in " + in + " has that anchor"
            + Suggestions.hint(link.anchor(), anchors));
      }
    }
    return problems.sorted();
  }

  /** The file's text, or null after reporting at the {@code runbook} field why it cannot be read. */
  private static String read(Path file, Scalar field, Problems problems) {
    String cannot = "runbook: cannot read " + field.text() + ": ";
    if (!Files.isRegularFile(file)) {
      problems.error(field.mark(), cannot + (Files.exists(file) ? "not a regular file"
          : "no such file (paths are relative to the catalog file)"));
      return null;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MarkdownHtml.MAX_LENGTH + 1);
      if (bytes.length > MarkdownHtml.MAX_LENGTH) {
        problems.error(field.mark(), cannot + "larger than " + MarkdownHtml.MAX_LENGTH + " bytes");
        return null;
      }
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      problems.error(field.mark(), cannot + "not UTF-8 text");
    } catch (AccessDeniedException e) {
      problems.error(field.mark(), cannot + "permission denied");
    } catch (IOException e) {
      problems.error(field.mark(), cannot + e.getClass().getSimpleName());
    }
    return null;
  }
}
