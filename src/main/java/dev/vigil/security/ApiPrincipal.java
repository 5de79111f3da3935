package dev.vigil.security;

/** Who made an API request: the token used, its name and its role. */
public record ApiPrincipal(long tokenId, String name, Role role) {}
