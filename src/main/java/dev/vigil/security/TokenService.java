package dev.vigil.security;

import dev.vigil.system.SecretBox;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Issues, checks and revokes API tokens; a token is shown once, at creation, and stored only as a hash. */
@Service
public class TokenService {

  static final String PREFIX = "vgl_";

  private final TokenRepository tokens;

  TokenService(TokenRepository tokens) {
    this.tokens = tokens;
  }

  /** A new token and its id; the plaintext exists only in the return value. */
  public record Issued(long id, String token) {}

  public Issued issue(String name, Role role, String createdBy) {
    return issue(name, role, null, createdBy);
  }

  /** A new token; {@code location} is the one an agent token serves, null for the other roles. */
  public Issued issue(String name, Role role, String location, String createdBy) {
    return issue(name, role, location, null, createdBy);
  }

  /** A new token; {@code scope} is the services and teams a deployer token may record changes for, else null. */
  public Issued issue(String name, Role role, String location, ApiPrincipal.DeployScope scope, String createdBy) {
    String token = SecretBox.newSecret(PREFIX);
    long id = tokens.insert(name, SecretBox.hash(token), token.substring(0, PREFIX.length() + 6), role, location,
        scope, createdBy);
    return new Issued(id, token);
  }

  Optional<ApiPrincipal> authenticate(String token) {
    Optional<ApiPrincipal> principal = tokens.findActive(SecretBox.hash(token));
    principal.ifPresent(p -> tokens.touch(p.tokenId()));
    return principal;
  }

  List<TokenRepository.TokenRow> list() {
    return tokens.list();
  }

  boolean revoke(long id) {
    return tokens.revoke(id);
  }

  boolean exists(long id) {
    return tokens.exists(id);
  }

  /** Registers a token chosen by the operator ({@code VIGIL_ADMIN_TOKEN}) unless it is known already. */
  boolean registerAdminToken(String token) {
    byte[] hash = SecretBox.hash(token);
    if (tokens.existsByHash(hash)) {
      return false;
    }
    tokens.insert("bootstrap admin (VIGIL_ADMIN_TOKEN)", hash, token.substring(0, Math.min(10, token.length())),
        Role.ADMIN, "VIGIL_ADMIN_TOKEN");
    return true;
  }

  boolean anyActiveAdmin() {
    return tokens.anyActiveAdmin();
  }
}
