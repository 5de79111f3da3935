package dev.vigil.security;

import java.util.List;

/**
 * Who made an API request: the token used, its name and its role; for an agent token, the location it serves (else
 * null); for a deployer token, the services and teams it may record changes for (else null).
 */
public record ApiPrincipal(long tokenId, String name, Role role, String location, DeployScope scope) {

  /** The services, and the teams whose services, a deployer token may record deploys and changes for. */
  public record DeployScope(List<String> services, List<String> teams) {
    public DeployScope {
      services = List.copyOf(services);
      teams = List.copyOf(teams);
    }

    /** Whether a change on {@code service}, owned by {@code team} (null when it has none), is within the scope. */
    public boolean covers(String service, String team) {
      return services.contains(service) || (team != null && teams.contains(team));
    }
  }

  public ApiPrincipal(long tokenId, String name, Role role, String location) {
    this(tokenId, name, role, location, null);
  }

  public ApiPrincipal(long tokenId, String name, Role role) {
    this(tokenId, name, role, null, null);
  }

  /**
   * Whether this caller may record a change on {@code service} of {@code team}: a deployer within its scope, or an
   * admin, whose token is not scoped.
   */
  public boolean mayRecordChangesOn(String service, String team) {
    return role == Role.ADMIN || (role == Role.DEPLOYER && scope != null && scope.covers(service, team));
  }
}
