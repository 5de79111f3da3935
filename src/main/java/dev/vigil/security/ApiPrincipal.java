package dev.vigil.security;

/**
 * Who made an API request: the token used, its name and its role; for an agent token, the location it serves (else
 * null).
 */
public record ApiPrincipal(long tokenId, String name, Role role, String location) {

  public ApiPrincipal(long tokenId, String name, Role role) {
    this(tokenId, name, role, null);
  }
}
