package dev.vigil.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/** Refusals in the OpenAPI document: an RFC 9457 problem, described once and referred to by each operation. */
public final class ApiProblems {

  static final String SCHEMA = "Problem";

  private ApiProblems() {}

  /** Adds the problem's schema to the document's components. */
  static void define(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.components(new Components());
    }
    openApi.getComponents().addSchemas(SCHEMA, new ObjectSchema()
        .description("An RFC 9457 problem: what was refused and why, in words meant for the person who sent it")
        .addProperty("type", new StringSchema().description("about:blank"))
        .addProperty("title", new StringSchema().description("The status code's phrase, such as Bad Request"))
        .addProperty("status", new IntegerSchema().description("The HTTP status code"))
        .addProperty("detail", new StringSchema().description("What was wrong and where"))
        .addProperty("instance", new StringSchema().description("The request's path"))
        .addProperty("errors", new ArraySchema().items(new StringSchema())
            .description("Alert intake only: each problem of the payload, with its path in the payload")));
  }

  /** Adds a problem+json response with this status to the operation, unless it documents the status itself. */
  public static void add(Operation operation, int status, String description) {
    if (operation.getResponses() == null || !operation.getResponses().containsKey(Integer.toString(status))) {
      put(operation, status, description);
    }
  }

  /** Documents the status as a problem+json response of the operation, in place of what it said. */
  static void put(Operation operation, int status, String description) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    operation.getResponses().addApiResponse(Integer.toString(status), new ApiResponse().description(description)
        .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)))));
  }
}
