package dev.vigil.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds every query parameter and form field to {@link StorableText}'s rule as it is read, whoever reads it (a
 * controller's parameters, a form bound to a record, a list of filters, Spring Security's sign-in form): a value
 * that cannot be stored is refused ({@link Refused}, a 400 naming the parameter), and so is one Tomcat cannot
 * decode. Parameters no one reads are left alone, and so are bodies read as they came (alert payloads sent with a
 * form's Content-Type, heartbeat pings). Also says why a parameter could not be read, in the same words for the
 * API's problems and the UI's pages.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestParameters extends OncePerRequestFilter {

  /** The request attribute that carries a refusal's detail to {@link ContainerErrors}. */
  static final String REFUSAL = RequestParameters.class.getName() + ".refusal";

  /** The name Tomcat gives in its message about a parameter it could not decode. */
  private static final Pattern TOMCAT_PARAMETER = Pattern.compile("Parameter \\[([A-Za-z0-9_.\\-\\[\\]]{1,100})\\]");

  /** A parameter whose text cannot be stored; the message names it. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(new Checked(request), response);
    } catch (Refused | InvalidParameterException e) {
      // Read by a filter (a form's CSRF token, the sign-in form), before any controller's error handling.
      if (response.isCommitted()) {
        throw e;
      }
      request.setAttribute(REFUSAL, e instanceof InvalidParameterException i ? describe(i) : e.getMessage());
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }
  }

  /** Why a parameter could not be turned into what the route takes, naming it. */
  public static String describe(String name, TypeMismatchException e) {
    return name + ": '" + StorableText.printable(String.valueOf(e.getValue())) + "' is not a valid value";
  }

  /** A parameter Tomcat could not decode: bad percent-encoding, or bytes that are not UTF-8 once decoded. */
  public static String describe(InvalidParameterException e) {
    Matcher name = TOMCAT_PARAMETER.matcher(String.valueOf(e.getMessage()));
    return (name.find() ? name.group(1) : "a parameter") + ": not valid UTF-8 once percent-decoded, or not"
        + " percent-encoded correctly";
  }

  /** The request, its parameters checked as they are read. */
  private static final class Checked extends HttpServletRequestWrapper {
    Checked(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getParameter(String name) {
      String value = super.getParameter(name);
      check(name, value);
      return value;
    }

    @Override
    public String[] getParameterValues(String name) {
      String[] values = super.getParameterValues(name);
      if (values != null) {
        for (String value : values) {
          check(name, value);
        }
      }
      return values;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      Map<String, String[]> parameters = super.getParameterMap();
      for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
        checkName(parameter.getKey());
        for (String value : parameter.getValue()) {
          check(parameter.getKey(), value);
        }
      }
      return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
      super.getParameterMap().keySet().forEach(Checked::checkName);
      return super.getParameterNames();
    }

    private static void check(String name, String value) {
      String problem = value == null ? null : StorableText.problem(value);
      if (problem != null) {
        throw new Refused(StorableText.printable(name) + ": " + problem);
      }
    }

    private static void checkName(String name) {
      String problem = StorableText.problem(name);
      if (problem != null) {
        throw new Refused("a parameter's name " + problem);
      }
    }
  }
}
