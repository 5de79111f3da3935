package dev.vigil.heartbeat;

import dev.vigil.system.PublicUrl;
import dev.vigil.system.SecretBox;
import org.springframework.stereotype.Component;

/**
 * A heartbeat's ping URL, its token in clear on the public address. The token is the only credential a ping needs,
 * the same kind as an integration key: whoever reads it can report the job failed, or keep a dead man's switch up
 * forever. So callers show it to admins only, as integration keys (ADR 0016).
 */
@Component
class PingUrls {

  private final SecretBox secrets;
  private final PublicUrl publicUrl;

  PingUrls(SecretBox secrets, PublicUrl publicUrl) {
    this.secrets = secrets;
    this.publicUrl = publicUrl;
  }

  String of(HeartbeatRepository.Row heartbeat) {
    return publicUrl.base() + HeartbeatPingController.PATH + secrets.decrypt(heartbeat.tokenCiphertext());
  }
}
