package dev.vigil.postmortem;

import dev.vigil.security.ApiPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An incident's postmortem through the API: read it, as JSON or Markdown, change it, and keep its action items;
 * every change is recorded with the caller's token name and the channel {@code api}.
 */
@RestController
class PostmortemController {

  private static final String CHANNEL = "api";

  private final Postmortems postmortems;

  PostmortemController(Postmortems postmortems) {
    this.postmortems = postmortems;
  }

  /** The incident's postmortem, with its impact worked out from the incident and the catalog. */
  @GetMapping("/api/v1/incidents/{id}/postmortem")
  Postmortems.View postmortem(@PathVariable long id) {
    return postmortems.view(id);
  }

  /** The incident's postmortem as a Markdown document. */
  @GetMapping(value = "/api/v1/incidents/{id}/postmortem.md", produces = "text/markdown;charset=UTF-8")
  ResponseEntity<String> postmortemMarkdown(@PathVariable long id) {
    return PostmortemMarkdown.response(id, postmortems.markdown(id));
  }

  /** Starts or changes the incident's postmortem: the fields sent replace theirs, the others stay. */
  @PutMapping("/api/v1/incidents/{id}/postmortem")
  Postmortems.View updatePostmortem(@PathVariable long id, @RequestBody(required = false) Postmortems.Update body,
      @AuthenticationPrincipal ApiPrincipal caller) {
    return postmortems.update(id, body, caller.name(), CHANNEL);
  }

  /** Adds an action item to the incident's postmortem. */
  @PostMapping("/api/v1/incidents/{id}/postmortem/action-items")
  @ResponseStatus(HttpStatus.CREATED)
  PostmortemRepository.ActionItem addActionItem(@PathVariable long id,
      @RequestBody(required = false) Postmortems.ItemInput body, @AuthenticationPrincipal ApiPrincipal caller) {
    return postmortems.addItem(id, body, caller.name(), CHANNEL);
  }

  /** Changes an action item: the fields sent replace theirs, the others stay. */
  @PatchMapping("/api/v1/incidents/{id}/postmortem/action-items/{item}")
  PostmortemRepository.ActionItem updateActionItem(@PathVariable long id, @PathVariable long item,
      @RequestBody(required = false) Postmortems.ItemInput body, @AuthenticationPrincipal ApiPrincipal caller) {
    return postmortems.updateItem(id, item, body, caller.name(), CHANNEL);
  }

  /** Deletes an action item; the timeline keeps that it existed. */
  @DeleteMapping("/api/v1/incidents/{id}/postmortem/action-items/{item}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteActionItem(@PathVariable long id, @PathVariable long item,
      @AuthenticationPrincipal ApiPrincipal caller) {
    postmortems.deleteItem(id, item, caller.name(), CHANNEL);
  }

  /**
   * Postmortems across incidents.
   *
   * @param status draft, in_review or published
   * @param overdue only those past their due date and not published
   */
  @GetMapping("/api/v1/postmortems")
  Map<String, List<Postmortems.View>> list(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "false") boolean overdue) {
    return Map.of("postmortems", postmortems.list(status, overdue));
  }
}
