package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS probes: one query of the record type asked for, to the server named or the system's resolvers, answered with
 * NOERROR and records of that type including every expected value.
 */
@Component
class DnsChecker implements ProbeChecker<Catalog.DnsProbe> {

  @Override
  public Outcome check(String probe, Catalog.DnsProbe dns, Duration timeout) throws IOException {
    int type = Type.value(dns.recordTypeOrDefault());
    long started = System.nanoTime();
    Name name;
    try {
      name = Name.fromString(dns.name(), Name.root);
    } catch (TextParseException e) {
      return Outcome.failed(Duration.ZERO, "'" + dns.name() + "' is not a DNS name: " + e.getMessage(), null);
    }
    Resolver resolver = dns.server() == null ? new ExtendedResolver() : new SimpleResolver(server(dns.server()));
    resolver.setTimeout(timeout);
    Message response;
    try {
      response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    } catch (IOException e) {
      return Outcome.failed(TcpChecker.since(started), "no answer from " + (dns.server() == null ? "the resolver"
          : dns.server()) + ": " + e.getMessage(), null);
    }
    Duration took = TcpChecker.since(started);
    if (response.getRcode() != Rcode.NOERROR) {
      return Outcome.failed(took, dns.name() + " " + dns.recordTypeOrDefault() + ": " + Rcode.string(response.getRcode()),
          null);
    }
    List<String> values = new ArrayList<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() == type) {
        values.add(r.rdataToString());
      }
    }
    if (values.isEmpty()) {
      return Outcome.failed(took, "no " + dns.recordTypeOrDefault() + " record for " + dns.name(), null);
    }
    List<String> normalised = values.stream().map(DnsChecker::normalise).toList();
    for (String expected : dns.expect()) {
      if (!normalised.contains(normalise(expected))) {
        return Outcome.failed(took, dns.name() + " " + dns.recordTypeOrDefault() + " is " + values + ", without "
            + expected, null);
      }
    }
    return Outcome.ok(took, String.join(", ", values), null);
  }

  /** DNS compares names without regard to case, and people leave off the final dot. */
  private static String normalise(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
  }

  /** host, host:port, [v6]:port or a bare IPv6 address; port 53 when not given. */
  static InetSocketAddress server(String server) {
    String host = server;
    int port = 53;
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      host = server.substring(1, close);
      if (server.length() > close + 2 && server.charAt(close + 1) == ':') {
        port = Integer.parseInt(server.substring(close + 2));
      }
    } else if (server.indexOf(':') == server.lastIndexOf(':') && server.indexOf(':') > 0) {
      host = server.substring(0, server.indexOf(':'));
      port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
    }
    return new InetSocketAddress(host, port);
  }
}
