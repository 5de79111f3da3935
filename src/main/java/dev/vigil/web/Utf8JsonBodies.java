package dev.vigil.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Holds every JSON body the API binds to {@link StorableText}'s rule that its bytes be well-formed UTF-8, as they
 * are read: Jackson decodes an overlong {@code /} (0xC0 0xAF) as {@code /}, so the check cannot wait for the text.
 * A body whose Content-Type names another charset is left to that charset. Alert payloads, which the intake reads
 * itself, are checked there; heartbeat pings keep whatever bytes a job's log holds.
 */
@ControllerAdvice
class Utf8JsonBodies extends RequestBodyAdviceAdapter {

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType);
  }

  @Override
  public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
    MediaType type = message.getHeaders().getContentType();
    Charset charset = type == null ? null : type.getCharset();
    if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
      return message;
    }
    InputStream body = new Checked(message.getBody());
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return body;
      }

      @Override
      public HttpHeaders getHeaders() {
        return message.getHeaders();
      }
    };
  }

  /** Passes bytes on as they are read, after checking them. */
  private static final class Checked extends FilterInputStream {
    private final StorableText.Utf8Check check = new StorableText.Utf8Check();
    private final byte[] single = new byte[1];

    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int n = read(single, 0, 1);
      return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        check.accept(buffer, offset, n);
      } else if (n < 0) {
        check.end();
      }
      return n;
    }
  }
}
