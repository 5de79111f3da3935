package dev.vigil.probe;

import com.sun.net.httpserver.HttpsConfigurator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates made at test time, with the validity and names a test needs. */
public final class TestCertificates {

  /** A key and its self-signed certificate. */
  public record Issued(KeyPair keys, X509Certificate certificate) {

    /** The certificate as a PEM file, for a probe's trusted_certificates. */
    Path writePem(Path dir) throws IOException {
      return Files.writeString(dir.resolve("trusted-" + certificate.getSerialNumber() + ".pem"), certificatePem());
    }

    /** The certificate in PEM. */
    public String certificatePem() {
      try {
        return pem("CERTIFICATE", certificate.getEncoded());
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The certificate and its private key (PKCS#8) as PEM files, as a server is given them. */
    public void writeServerPem(Path certificateFile, Path keyFile) throws IOException {
      Files.writeString(certificateFile, certificatePem());
      Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
      return "-----BEGIN " + type + "-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END " + type + "-----\n";
    }

    /** A PKCS#12 file with the key and certificate, as a probe's client_certificate. */
    Path writePkcs12(Path dir, String password) throws Exception {
      Path file = dir.resolve("client-" + certificate.getSerialNumber() + ".p12");
      try (OutputStream out = Files.newOutputStream(file)) {
        keyStore(password).store(out, password.toCharArray());
      }
      return file;
    }

    KeyStore keyStore(String password) throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", keys.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
      return store;
    }

    /** A server-side TLS context presenting this certificate. */
    SSLContext serverContext() throws Exception {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore("changeit"), "changeit".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    }

    /** A client-side TLS context that trusts this certificate, an authority or a server's own, and nothing else. */
    public SSLContext trustingContext() throws Exception {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("trusted", certificate);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    }

    HttpsConfigurator configurator() throws Exception {
      return new HttpsConfigurator(serverContext());
    }
  }

  private static long serial = System.currentTimeMillis();

  private TestCertificates() {}

  /** A certificate for {@code dnsName} and 127.0.0.1, valid from a day ago until {@code validFor} from now. */
  public static Issued selfSigned(String dnsName, Duration validFor) throws Exception {
    return issue(dnsName, validFor, null, false);
  }

  /**
   * A certificate authority of its own, for clients (such as OpenSSL's, under Node) that trust a self-signed
   * certificate only as an authority, never as the server's own certificate.
   */
  public static Issued authority(String name) throws Exception {
    return issue(name, Duration.ofDays(365), null, true);
  }

  /** A server certificate for {@code dnsName} and 127.0.0.1 that {@code authority} signed. */
  public static Issued issuedBy(Issued authority, String dnsName, Duration validFor) throws Exception {
    return issue(dnsName, validFor, authority, false);
  }

  private static synchronized Issued issue(String name, Duration validFor, Issued issuer, boolean authority)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    X500Name issuerName = issuer == null ? subject : new X500Name(issuer.certificate().getSubjectX500Principal()
        .getName());
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(serial++),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(validFor)), subject, keys.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, name), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    if (authority) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    }
    PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    return new Issued(keys, certificate);
  }
}
