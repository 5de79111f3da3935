package dev.vigil.security;

import dev.vigil.catalog.CatalogQueries;
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
  private final CatalogQueries catalog;

  TokenController(TokenService tokens, CatalogQueries catalog) {
    this.tokens = tokens;
    this.catalog = catalog;
  }

  /** A request for a new token; {@code services} and {@code teams} scope a deployer token. */
  record NewToken(String name, Role role, String location, List<String> services, List<String> teams) {}

  /** A created token: the only response that ever contains the token itself. */
  record CreatedToken(long id, String name, Role role, String location, List<String> services, List<String> teams,
      String token) {}

  /** A token as listed. */
  record TokenView(long id, String name, String prefix, Role role, String location, List<String> services,
      List<String> teams, Instant createdAt, String createdBy, Instant lastUsedAt, Instant revokedAt) {}

  /** Makes a token of a role; the answer is the only time the token itself is shown. */
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping
  ResponseEntity<CreatedToken> create(@RequestBody NewToken request, @AuthenticationPrincipal ApiPrincipal caller) {
    if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'name' is required (1 to 200 characters)");
    }
    if (request.role() == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "'role' is required: admin, responder, viewer, agent or deployer");
    }
    String location = request.location() == null ? null : request.location().strip();
    if (request.role() == Role.AGENT && (location == null || !LOCATION.matcher(location).matches())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "an agent token needs 'location', the location its"
          + " agent serves as in a probe's 'locations': lowercase letters, digits and hyphens, such as eu-west");
    }
    if (request.role() != Role.AGENT && location != null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'location' is only for tokens of role agent");
    }
    ApiPrincipal.DeployScope scope = scope(request);
    TokenService.Issued issued = tokens.issue(request.name().trim(), request.role(), location, scope, caller.name());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new CreatedToken(issued.id(), request.name().trim(), request.role(), location,
            scope == null ? null : scope.services(), scope == null ? null : scope.teams(), issued.token()));
  }

  /** A deployer token's scope: at least one service or team, each one the catalog declares. */
  private ApiPrincipal.DeployScope scope(NewToken request) {
    List<String> services = request.services() == null ? List.of() : request.services();
    List<String> teams = request.teams() == null ? List.of() : request.teams();
    if (request.role() != Role.DEPLOYER) {
      if (!services.isEmpty() || !teams.isEmpty()) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'services' and 'teams' are only for tokens of"
            + " role deployer");
      }
      return null;
    }
    if (services.isEmpty() && teams.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a deployer token needs 'services' or 'teams': the"
          + " services, or the teams whose services, it may record deploys for");
    }
    var all = catalog.catalog();
    for (int i = 0; i < services.size(); i++) {
      if (services.get(i) == null || all.service(services.get(i)).isEmpty()) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "services[" + i + "]: no service '" + services.get(i) + "' in the catalog");
      }
    }
    for (int i = 0; i < teams.size(); i++) {
      if (teams.get(i) == null || all.team(teams.get(i)).isEmpty()) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "teams[" + i + "]: no team '" + teams.get(i) + "' in the catalog");
      }
    }
    return new ApiPrincipal.DeployScope(services, teams);
  }

  /** Every token, revoked ones too, without the tokens themselves. */
  @GetMapping
  List<TokenView> list() {
    return tokens.list().stream().map(t -> new TokenView(t.id(), t.name(), t.prefix(), t.role(), t.location(),
        t.scope() == null ? null : t.scope().services(), t.scope() == null ? null : t.scope().teams(), t.createdAt(),
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
