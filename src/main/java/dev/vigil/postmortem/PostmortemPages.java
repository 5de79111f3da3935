package dev.vigil.postmortem;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentDetailModel;
import dev.vigil.security.SignedIn;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import dev.vigil.web.FormTimes;
import dev.vigil.web.MarkdownHtml;
import dev.vigil.web.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The postmortem editor: each field written in Markdown with a preview rendered on the server as one types (htmx
 * posts the text to the preview route), the incident's timeline to edit, the computed impact, the action items (add,
 * change status, delete) and the Markdown export. Viewers read the rendered document. Changes go through
 * {@link Postmortems}, as the API's do, and land on the incident's timeline.
 */
@UiController
class PostmortemPages {

  private static final String CHANNEL = "web";

  /** The document's text fields as the form names them. */
  record Texts(String summary, String impact, String rootCause, String contributingFactors, String fiveWhys,
      String wentWell, String wentBadly, String timeline, String owner, String status) {

    static Texts of(Postmortems.View v, ZoneId zone) {
      Postmortems.Document d = v.document();
      return new Texts(nz(d.summary()), nz(d.impact()), nz(d.rootCause()),
          PostmortemForm.bullets(d.contributingFactors()), PostmortemForm.bullets(d.fiveWhys()),
          PostmortemForm.bullets(d.wentWell()), PostmortemForm.bullets(d.wentBadly()),
          PostmortemForm.timeline(d.timeline(), zone), nz(v.owner()), v.status().value());
    }

    Texts {
      summary = nz(summary);
      impact = nz(impact);
      rootCause = nz(rootCause);
      contributingFactors = nz(contributingFactors);
      fiveWhys = nz(fiveWhys);
      wentWell = nz(wentWell);
      wentBadly = nz(wentBadly);
      timeline = nz(timeline);
      owner = nz(owner);
      status = nz(status);
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }

  /** A rendered list of the document, such as its contributing factors. */
  record Section(String id, String title, List<String> entries) {}

  /** One line of the rendered timeline. */
  record Line(Instant at, String html) {}

  /** The document as HTML, field by field, and what saving it would refuse. */
  record Rendered(String summary, String impact, String rootCause, List<String> contributingFactors,
      List<String> fiveWhys, List<String> wentWell, List<String> wentBadly, List<Line> timeline,
      List<String> problems) {

    static Rendered of(Texts t, ZoneId zone) {
      List<String> problems = new ArrayList<>();
      List<Line> timeline = PostmortemForm.timeline(t.timeline(), zone, problems).stream()
          .map(e -> new Line(e.at(), MarkdownHtml.render(e.text()))).toList();
      return new Rendered(MarkdownHtml.render(t.summary()), MarkdownHtml.render(t.impact()),
          MarkdownHtml.render(t.rootCause()), html(t.contributingFactors()), html(t.fiveWhys()),
          html(t.wentWell()), html(t.wentBadly()), timeline, problems);
    }

    /** The non-empty lists, titled, in the document's order. */
    public List<Section> lists() {
      List<Section> out = new ArrayList<>();
      for (Section s : List.of(new Section("contributing-factors", "Contributing factors", contributingFactors),
          new Section("five-whys", "Five whys", fiveWhys), new Section("went-well", "What went well", wentWell),
          new Section("went-badly", "What went badly", wentBadly))) {
        if (!s.entries().isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }

    private static List<String> html(String bullets) {
      return PostmortemForm.entries(bullets).stream().map(MarkdownHtml::render).toList();
    }
  }

  private final Postmortems postmortems;
  private final PostmortemRepository rows;
  private final CatalogQueries catalog;
  private final IncidentDetailModel incidentPage;

  PostmortemPages(Postmortems postmortems, PostmortemRepository rows, CatalogQueries catalog,
      IncidentDetailModel incidentPage) {
    this.postmortems = postmortems;
    this.rows = rows;
    this.catalog = catalog;
    this.incidentPage = incidentPage;
  }

  /**
   * Opens the postmortem, creating it (not required by the severity, no due date) when there is none yet; a refusal
   * shows the incident's page again with the message at its postmortem form.
   */
  @PostMapping("/incidents/{id}/postmortem")
  String create(@PathVariable long id, @AuthenticationPrincipal SignedIn me, Model model, RedirectAttributes flash,
      HttpServletResponse response) {
    if (rows.find(id).isEmpty()) {
      try {
        postmortems.update(id, new Postmortems.Update(null, null, null, null, null, null, null, null, null, null),
            me.actor(), CHANNEL);
      } catch (InvalidException | RefusedException e) {
        response.setStatus(e instanceof RefusedException ? 409 : 400);
        model.addAttribute("errors", Map.of("postmortem", e.getMessage()));
        model.addAttribute("form", Map.of());
        incidentPage.page(id, me, model);
        return "incident/detail";
      }
      flash.addFlashAttribute("notice", "Postmortem started: a draft with the incident's timeline.");
    }
    return "redirect:/incidents/" + id + "/postmortem";
  }

  @GetMapping("/incidents/{id}/postmortem")
  String page(@PathVariable long id, Model model) {
    Postmortems.View view = postmortems.view(id);
    fill(view, Texts.of(view, FormTimes.readerZone(model)), model);
    return "postmortem/postmortem";
  }

  /** The Markdown export, for a wiki or a pull request; the same document as the API's. */
  @GetMapping("/incidents/{id}/postmortem.md")
  ResponseEntity<String> markdown(@PathVariable long id) {
    return PostmortemMarkdown.response(id, postmortems.markdown(id));
  }

  /** The fields as they would look once saved, for the editor's preview. */
  @PostMapping("/incidents/{id}/postmortem/preview")
  String preview(@PathVariable long id, Texts texts, Model model) {
    rows.find(id).orElseThrow(() -> new NotFoundException("incident " + id + " has no postmortem"));
    model.addAttribute("rendered", Rendered.of(texts, FormTimes.readerZone(model)));
    return "postmortem/postmortem :: preview";
  }

  @PostMapping("/incidents/{id}/postmortem/document")
  String save(@PathVariable long id, Texts texts, @AuthenticationPrincipal SignedIn me, Model model,
      RedirectAttributes flash, HttpServletResponse response) {
    try {
      List<String> problems = new ArrayList<>();
      List<Postmortems.TimelineEntry> timeline = PostmortemForm.timeline(texts.timeline(), FormTimes.readerZone(model), problems);
      if (!problems.isEmpty()) {
        throw new InvalidException(problems);
      }
      postmortems.update(id, new Postmortems.Update(texts.summary(), texts.impact(), texts.rootCause(),
          PostmortemForm.entries(texts.contributingFactors()), PostmortemForm.entries(texts.fiveWhys()),
          PostmortemForm.entries(texts.wentWell()), PostmortemForm.entries(texts.wentBadly()), timeline,
          blankToNull(texts.owner()), blankToNull(texts.status())), me.actor(), CHANNEL);
    } catch (InvalidException e) {
      return refused(id, "document", e, texts, Map.of(), model, response);
    }
    flash.addFlashAttribute("notice", "Postmortem saved.");
    return "redirect:/incidents/" + id + "/postmortem";
  }

  @PostMapping("/incidents/{id}/postmortem/action-items")
  String addItem(@PathVariable long id, @RequestParam(required = false) String title,
      @RequestParam(required = false) String owner, @RequestParam(required = false) String dueDate,
      @RequestParam(required = false) String trackerUrl, @AuthenticationPrincipal SignedIn me, Model model,
      RedirectAttributes flash, HttpServletResponse response) {
    try {
      postmortems.addItem(id, new Postmortems.ItemInput(title, blankToNull(owner), blankToNull(dueDate), null,
          blankToNull(trackerUrl)), me.actor(), CHANNEL);
    } catch (InvalidException e) {
      Map<String, String> submitted = new LinkedHashMap<>();
      submitted.put("title", title == null ? "" : title);
      submitted.put("owner", owner == null ? "" : owner);
      submitted.put("dueDate", dueDate == null ? "" : dueDate);
      submitted.put("trackerUrl", trackerUrl == null ? "" : trackerUrl);
      return refused(id, "item", e, null, submitted, model, response);
    }
    flash.addFlashAttribute("notice", "Action item added.");
    return "redirect:/incidents/" + id + "/postmortem#action-items";
  }

  @PostMapping("/incidents/{id}/postmortem/action-items/{item}")
  String updateItem(@PathVariable long id, @PathVariable long item, @RequestParam(required = false) String status,
      @AuthenticationPrincipal SignedIn me, Model model, RedirectAttributes flash, HttpServletResponse response) {
    try {
      if (status == null || status.isBlank()) {
        throw new InvalidException("status: one of " + ActionItemState.listed());
      }
      postmortems.updateItem(id, item, new Postmortems.ItemInput(null, null, null, status, null), me.actor(),
          CHANNEL);
    } catch (InvalidException e) {
      return refused(id, "item-" + item, e, null, Map.of(), model, response);
    }
    flash.addFlashAttribute("notice", "Action item " + item + " is " + ActionItemState.of(status).words() + ".");
    return "redirect:/incidents/" + id + "/postmortem#action-items";
  }

  @PostMapping("/incidents/{id}/postmortem/action-items/{item}/delete")
  String deleteItem(@PathVariable long id, @PathVariable long item, @AuthenticationPrincipal SignedIn me,
      RedirectAttributes flash) {
    postmortems.deleteItem(id, item, me.actor(), CHANNEL);
    flash.addFlashAttribute("notice", "Action item " + item + " deleted.");
    return "redirect:/incidents/" + id + "/postmortem#action-items";
  }

  /** The page again with the message at {@code form}; {@code texts} are the submitted fields, when those failed. */
  private String refused(long id, String form, InvalidException e, Texts texts, Map<String, String> submitted,
      Model model, HttpServletResponse response) {
    Postmortems.View view = postmortems.view(id);
    response.setStatus(400);
    model.addAttribute("errors", Map.of(form, e.getMessage()));
    model.addAttribute("form", submitted);
    fill(view, texts == null ? Texts.of(view, FormTimes.readerZone(model)) : texts, model);
    return "postmortem/postmortem";
  }

  private void fill(Postmortems.View view, Texts texts, Model model) {
    model.addAttribute("pm", view);
    model.addAttribute("texts", texts);
    model.addAttribute("rendered", Rendered.of(texts, FormTimes.readerZone(model)));
    model.addAttribute("users", catalog.catalog().users().stream().map(Catalog.User::name).sorted().toList());
    model.addAttribute("statuses", PostmortemState.values());
    model.addAttribute("itemStatuses", ActionItemState.values());
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
      model.addAttribute("form", Map.of());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
