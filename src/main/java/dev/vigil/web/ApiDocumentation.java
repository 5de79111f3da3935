package dev.vigil.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springdoc.core.converters.ModelConverterRegistrar;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document's frame (ADR 0021): Vigil's name and version, tags named after features, JSON trees as
 * objects, and on each operation the refusals that follow from what it takes (bad input, an unknown name or id, a
 * body too large or of the wrong type) and the 503 of a database outage.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // vigil apply runs without a web server, hence without springdoc
class ApiDocumentation {

  static final String DESCRIPTION = """
      Vigil's JSON API. Send `Authorization: Bearer <token>`: an admin makes tokens with `POST /api/v1/tokens`, and \
      the first admin token is `VIGIL_ADMIN_TOKEN` or the one printed at first start. Each operation says which role \
      it needs. Alert senders, heartbeat pings, action links, Slack and Twilio webhooks and calendar feeds need no \
      token: a key, token or signature of their own is the credential.

      Errors are RFC 9457 `application/problem+json` whose `detail` says what was wrong and where; while Vigil's \
      database is unavailable every route answers 503 with `Retry-After`.""";

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE) // last: sorts the responses that earlier customizers added
  OpenApiCustomizer apiFrame(ObjectProvider<BuildProperties> build, ModelConverterRegistrar springdocConverters,
      SpringDocConfigProperties springdoc) {
    // Declarations written as in vigil.yaml (probes, maintenance windows) travel as Jackson 3 trees, which
    // swagger-core (on Jackson 2) would introspect as beans: ObjectNode's overloaded setters make that fail with a
    // logged stack trace and no schema. Springdoc's replacement of Jackson 2's trees comes too late in the chain of
    // converters, so this one goes in front of it, once springdoc has registered its own (hence the registrar).
    ModelConverters.getInstance(springdoc.isOpenapi31()).addConverter(new JsonTrees());
    String version = build.stream().map(BuildProperties::getVersion).findFirst()
        .orElse("development build");
    return openApi -> {
      openApi.info(new Info().title("Vigil API").version(version).description(DESCRIPTION));
      ApiProblems.define(openApi);
      if (openApi.getPaths() != null) {
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
          refusals(operation);
          if (operation.getTags() != null) {
            operation.setTags(operation.getTags().stream().map(ApiDocumentation::tag).toList());
          }
        }));
      }
      if (openApi.getTags() != null) {
        openApi.getTags().forEach(t -> t.setName(tag(t.getName())));
      }
    };
  }

  /**
   * A response a handler states with {@code @ApiResponse} but no content has none, or is a problem when it is a
   * refusal, unless it says to use the return type: springdoc would describe it with the handler's return type.
   */
  @Bean
  OperationCustomizer statedResponses() {
    return (operation, handler) -> {
      List<io.swagger.v3.oas.annotations.responses.ApiResponse> stated = new ArrayList<>(
          AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
              io.swagger.v3.oas.annotations.responses.ApiResponse.class));
      io.swagger.v3.oas.annotations.Operation described = AnnotatedElementUtils.findMergedAnnotation(
          handler.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
      if (described != null) {
        stated.addAll(List.of(described.responses()));
      }
      for (var response : stated) {
        if (response.content().length > 0 || response.useReturnTypeSchema()) {
          continue;
        }
        int status = Integer.parseInt(response.responseCode());
        if (status >= 400) {
          ApiProblems.put(operation, status, response.description());
        } else if (operation.getResponses() != null && operation.getResponses().containsKey(response.responseCode())) {
          operation.getResponses().get(response.responseCode()).setContent(null);
        }
      }
      return operation;
    };
  }

  /** A controller's tag without the word: incident-operations for IncidentOperationsController. */
  static String tag(String name) {
    return name.endsWith("-controller") ? name.substring(0, name.length() - "-controller".length()) : name;
  }

  /** The refusals an operation can answer by what it takes, unless it documents them itself. */
  static void refusals(Operation operation) {
    List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
    boolean body = operation.getRequestBody() != null;
    if (body || !parameters.isEmpty()) {
      ApiProblems.add(operation, 400, "The request is invalid; the problem's detail names the field or parameter"
          + " and what is wrong with it");
    }
    if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
      ApiProblems.add(operation, 404, "Nothing by that name or id; the problem's detail says what was looked for");
    }
    if (body) {
      ApiProblems.add(operation, 413, "The body is larger than vigil.web.max-body-size (1 MiB by default)");
      ApiProblems.add(operation, 415, "The body's Content-Type is not one this route reads");
    }
    ApiProblems.add(operation, 503, "Vigil's database is unavailable and nothing was stored; retry after"
        + " Retry-After seconds");
    ApiResponse unavailable = operation.getResponses().get("503");
    if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
      unavailable.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
          .schema(new IntegerSchema()));
    }
    ApiResponses sorted = new ApiResponses();
    operation.getResponses().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .forEach(e -> sorted.addApiResponse(e.getKey(), e.getValue()));
    operation.setResponses(sorted);
  }

  /** Jackson 3's JSON trees as free-form objects. */
  static final class JsonTrees implements ModelConverter {
    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
      Class<?> raw = type.getType() instanceof JavaType javaType ? javaType.getRawClass()
          : type.getType() instanceof Class<?> c ? c : null;
      if (raw != null && JsonNode.class.isAssignableFrom(raw)) {
        return new ObjectSchema().description("A JSON object, as written in vigil.yaml");
      }
      return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
  }
}
