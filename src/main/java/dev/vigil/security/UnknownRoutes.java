package dev.vigil.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Matches a request that no route of Vigil serves: no controller or endpoint has its path, or none there takes its
 * method. The API's chain lets such requests through, so that Spring MVC answers 404 or 405 to every caller: nothing
 * is behind them to protect, and the routes are public in the OpenAPI document. A 401 there made clients report a
 * bad credential for what is a wrong address (PagerDuty's libraries call it an invalid routing key).
 *
 * <p>It asks the handler mappings the dispatcher asks, in the dispatcher's order, and stops where the dispatcher
 * stops, so a request it calls unknown can never reach a controller: the first mapping with a handler decides, and
 * so does a mapping that knows the path but not the method, whose 405 ends the dispatcher's search too.
 */
final class UnknownRoutes implements RequestMatcher {

  private final HandlerMappingIntrospector dispatcher;

  UnknownRoutes(HandlerMappingIntrospector dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public boolean matches(HttpServletRequest request) {
    List<HandlerMapping> mappings = dispatcher.getHandlerMappings();
    if (mappings.isEmpty()) {
      return false; // not set up yet: every route stays behind its rule
    }
    HttpServletRequest lookup = new SeparateAttributes(request);
    ServletRequestPathUtils.parseAndCache(lookup);
    for (HandlerMapping mapping : mappings) {
      HandlerExecutionChain chain;
      try {
        chain = mapping.getHandler(lookup);
      } catch (HttpRequestMethodNotSupportedException e) {
        return true;
      } catch (Exception e) {
        return false; // a route that refuses this request's parameters or media type is still a route
      }
      if (chain != null) {
        // The static files (the UI's stylesheets and icon) answer any other path with a 404.
        return chain.getHandler() instanceof ResourceHttpRequestHandler;
      }
    }
    return true;
  }

  /**
   * The request as the mappings see it: what they note in its attributes for the handler they find (the parsed
   * path, the matched pattern, path variables) stays here, off the real request the dispatcher handles later.
   */
  private static final class SeparateAttributes extends HttpServletRequestWrapper {

    private final Map<String, Object> attributes = new HashMap<>();
    private final Set<String> removed = new HashSet<>();

    SeparateAttributes(HttpServletRequest request) {
      super(request);
    }

    @Override
    public Object getAttribute(String name) {
      if (removed.contains(name)) {
        return null;
      }
      return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
      names.addAll(attributes.keySet());
      names.removeAll(removed);
      return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
      if (value == null) {
        removeAttribute(name);
        return;
      }
      removed.remove(name);
      attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      attributes.remove(name);
      removed.add(name);
    }
  }
}
