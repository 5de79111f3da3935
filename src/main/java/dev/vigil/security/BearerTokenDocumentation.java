package dev.vigil.security;

import dev.vigil.web.ApiProblems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document's bearer-token scheme, and on each operation the token it needs: none, or the lowest role
 * allowed. Both are read from the route rules themselves (by asking the security filter chain whether an anonymous
 * caller, then a token of each role, may call the route), so the document cannot drift from what is enforced.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE)
class BearerTokenDocumentation implements OpenApiCustomizer {

  static final String SCHEME = "bearer";

  /** The roles in the order tried: the first one allowed is the one documented. */
  private static final List<Role> LADDER = List.of(Role.VIEWER, Role.RESPONDER, Role.DEPLOYER, Role.ADMIN, Role.AGENT);

  private static final Map<Role, String> WHO = Map.of(
      Role.VIEWER, "Needs a bearer token of any role but agent and deployer (viewer, responder or admin).",
      Role.DEPLOYER, "Needs a deployer's bearer token scoped to the change's service or its team, or an admin's.",
      Role.RESPONDER, "Needs a bearer token of role responder or admin.",
      Role.ADMIN, "Needs an admin's bearer token.",
      Role.AGENT, "Needs an agent's bearer token, bound to the location whose probes it runs.");

  private final WebInvocationPrivilegeEvaluator routes;

  BearerTokenDocumentation(WebInvocationPrivilegeEvaluator routes) {
    this.routes = routes;
  }

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.components(new Components());
    }
    openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
        .scheme("bearer").description("An API token (vgl_...): made by an admin with POST /api/v1/tokens; the"
            + " first one is VIGIL_ADMIN_TOKEN or printed at first start"));
    if (openApi.getPaths() == null) {
      return;
    }
    openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
        document(sample(path), method, operation)));
  }

  private void document(String path, PathItem.HttpMethod method, Operation operation) {
    if (allowed(path, method, anonymous())) {
      operation.setSecurity(List.of()); // explicitly none: the route's own key, token or signature is checked
      return;
    }
    Optional<Role> lowest = LADDER.stream().filter(role -> allowed(path, method, holder(role))).findFirst();
    if (lowest.isEmpty()) {
      return;
    }
    Role role = lowest.get();
    operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME, role.json())));
    String description = operation.getDescription();
    operation.setDescription((description == null || description.isBlank() ? "" : description + "\n\n")
        + WHO.get(role));
    ApiProblems.add(operation, 401, "No bearer token, or one that is unknown or revoked");
    ApiProblems.add(operation, 403, "The token's role may not do this");
  }

  private boolean allowed(String path, PathItem.HttpMethod method, Authentication who) {
    return routes.isAllowed("", path, method.name(), who);
  }

  /** The path with a value in each {parameter}: the rules match paths by their shape only. */
  static String sample(String template) {
    return template.replaceAll("\\{[^}/]+}", "x");
  }

  private static Authentication anonymous() {
    return new AnonymousAuthenticationToken("openapi", "anonymous",
        AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
  }

  private static Authentication holder(Role role) {
    return UsernamePasswordAuthenticationToken.authenticated("openapi", null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }
}
