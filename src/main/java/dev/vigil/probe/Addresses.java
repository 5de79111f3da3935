package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** Name resolution for probes that insist on one address family. */
final class Addresses {

  private Addresses() {}

  /** The addresses of {@code host} of the family asked for (all of them when null), in the resolver's order. */
  static List<InetAddress> of(String host, Catalog.IpVersion version) throws UnknownHostException {
    List<InetAddress> all = Arrays.asList(InetAddress.getAllByName(host));
    if (version == null) {
      return all;
    }
    List<InetAddress> fitting = all.stream()
        .filter(a -> version == Catalog.IpVersion.IPV4 ? a instanceof Inet4Address : a instanceof Inet6Address)
        .toList();
    if (fitting.isEmpty()) {
      throw new UnknownHostException(host + " has no " + (version == Catalog.IpVersion.IPV4 ? "IPv4" : "IPv6")
          + " address");
    }
    return fitting;
  }
}
