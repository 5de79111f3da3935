package dev.vigil.security;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/tokens}: create, list and revoke API tokens (admins only). */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

  /** Location names as probes' {@code locations} allow them. */
  static final java.util.regex.Pattern LOCATION = java.util.regex.Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");

  private final TokenService tokens;

  TokenController(TokenService tokens) {
    this.tokens = tokens;
  }

  /** A request for a new token. */
  record NewToken(String name, Role role, String location) {}

  /** A created token: the only response that ever contains the token itself. */
  record CreatedToken(long id, String name, Role role, String location, String token) {}

  /** A token as listed. */
  record TokenView(long id, String name, String prefix, Role role, String location, Instant createdAt,
      String createdBy, Instant lastUsedAt, Instant revokedAt) {}

  /** Makes a token of a role; the answer is the only time the token itself is shown. */
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping
  ResponseEntity<CreatedToken> create(@RequestBody NewToken request, @AuthenticationPrincipal ApiPrincipal caller) {
    if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'name' is required (1 to 200 characters)");
    }
    if (request.role() == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "'role' is required: admin, responder, viewer or agent");
    }
    String location = request.location() == null ? null : request.location().strip();
    if (request.role() == Role.AGENT && (location == null || !LOCATION.matcher(location).matches())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "an agent token needs 'location', the location its"
          + " agent serves as in a probe's 'locations': lowercase letters, digits and hyphens, such as eu-west");
    }
    if (request.role() != Role.AGENT && location != null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'location' is only for tokens of role agent");
    }
    TokenService.Issued issued = tokens.issue(request.name().trim(), request.role(), location, caller.name());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new CreatedToken(issued.id(), request.name().trim(), request.role(), location, issued.token()));
  }

  /** Every token, revoked ones too, without the tokens themselves. */
  @GetMapping
  List<TokenView> list() {
    return tokens.list().stream().map(t -> new TokenView(t.id(), t.name(), t.prefix(), t.role(), t.location(),
        t.createdAt(),
        t.createdBy(), t.lastUsedAt(), t.revokedAt())).toList();
  }

  /** Revokes a token: it stops working at once. */
  @ApiResponse(responseCode = "204", description = "Revoked")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable long id) {
    if (!tokens.exists(id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no token with id " + id);
    }
    tokens.revoke(id);
    return ResponseEntity.noContent().build();
  }
}
