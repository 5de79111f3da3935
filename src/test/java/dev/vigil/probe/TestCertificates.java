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
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates made at test time, with the validity and names a test needs. */
final class TestCertificates {

  /** A key and its self-signed certificate. */
  record Issued(KeyPair keys, X509Certificate certificate) {

    /** The certificate as a PEM file, for a probe's trusted_certificates. */
    Path writePem(Path dir) throws IOException {
      Path file = dir.resolve("trusted-" + certificate.getSerialNumber() + ".pem");
      try {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IOException(e);
      }
      return file;
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

    HttpsConfigurator configurator() throws Exception {
      return new HttpsConfigurator(serverContext());
    }
  }

  private static long serial = System.currentTimeMillis();

  private TestCertificates() {}

  /** A certificate for {@code dnsName} and 127.0.0.1, valid from a day ago until {@code validFor} from now. */
  static synchronized Issued selfSigned(String dnsName, Duration validFor) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=" + dnsName);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(serial++),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(validFor)), subject, keys.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, dnsName), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    return new Issued(keys, certificate);
  }
}
