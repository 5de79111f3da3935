package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS settings of HTTPS and TLS probes: which certificates to trust, which client certificate to show. */
final class TlsMaterial {

  private TlsMaterial() {}

  /**
   * A TLS context trusting the certificates in {@code trustedPem} (the JDK's authorities when null) and presenting
   * {@code client} when the server asks for a certificate.
   */
  static SSLContext context(String trustedPem, Catalog.ClientCertificate client)
      throws IOException, GeneralSecurityException {
    TrustManager[] trust = null;
    if (trustedPem != null) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      try (InputStream in = Files.newInputStream(Path.of(trustedPem))) {
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("trusted-" + i++, c);
        }
      }
      if (i == 0) {
        throw new GeneralSecurityException("no certificates in " + trustedPem);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      trust = tmf.getTrustManagers();
    }
    KeyManager[] keys = null;
    if (client != null) {
      char[] password = client.password() == null ? new char[0] : client.password().toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(Path.of(client.file()))) {
        store.load(in, password);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      keys = kmf.getKeyManagers();
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, trust, null);
    return context;
  }

  /** When the server's own certificate in this session stops being valid, or null if there is none. */
  static Instant expiry(SSLSession session) {
    if (session == null) {
      return null;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf.getNotAfter().toInstant() : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /**
   * Why a certificate expiring at {@code expiry} fails a threshold of {@code days} at {@code now}, or null when it
   * passes.
   */
  static String expiryProblem(Instant expiry, Instant now, int days) {
    if (expiry == null) {
      return null;
    }
    if (!expiry.isAfter(now)) {
      return "certificate expired at " + expiry;
    }
    if (expiry.isBefore(now.plus(java.time.Duration.ofDays(days)))) {
      long left = java.time.Duration.between(now, expiry).toDays();
      return "certificate expires in " + left + (left == 1 ? " day" : " days") + " (at " + expiry
          + "), within the " + days + "-day threshold";
    }
    return null;
  }

  /** The most useful line of a TLS failure: the JDK's messages carry their cause's text. */
  static String describe(Throwable e) {
    StringBuilder all = new StringBuilder();
    Throwable root = e;
    for (Throwable t = e; t != null && all.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
      all.append(t.getMessage()).append(' ');
      root = t;
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String chain = all.toString();
    if (chain.contains("No subject alternative") || chain.contains("No name matching")) {
      return "certificate is not valid for the server name: " + message;
    }
    if (chain.contains("PKIX path") || chain.contains("certification path")) {
      return "certificate is not trusted: " + message;
    }
    return message;
  }
}
