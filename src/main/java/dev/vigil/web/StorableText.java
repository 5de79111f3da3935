package dev.vigil.web;

import java.util.Locale;

/**
 * The one rule for text anyone sends Vigil, whatever the door (alert payloads, JSON bodies of the API, query and
 * form parameters): no NUL character, which PostgreSQL cannot store; no lone surrogate, which it would store as
 * {@code ?}; and bytes that are well-formed UTF-8, so that an overlong {@code /} (0xC0 0xAF) is refused rather than
 * read as {@code /}. Anything else is kept exactly as sent.
 */
public final class StorableText {

  private StorableText() {}

  /** Whether PostgreSQL can store {@code s} as text and JSON exactly as it is. */
  public static boolean storable(String s) {
    return problem(s) == null;
  }

  /** Why {@code s} cannot be stored, as the end of a sentence naming the field; null when it can. */
  public static String problem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "contains a NUL character (U+0000), which cannot be stored as text";
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return String.format(Locale.ROOT, "contains a lone surrogate (U+%04X, half of a UTF-16 pair without the"
              + " other), which cannot be stored as text", (int) c);
        }
      }
    }
    return null;
  }

  /**
   * {@code s} with control characters, lone surrogates and NUL replaced by {@code ?}, for logs and for messages
   * that quote what a client sent: quoted text must not forge log lines or carry what could not be stored.
   */
  public static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
      }
    }
    return out.toString();
  }

  /** Bytes that are not well-formed UTF-8, with where they start. */
  public static final class MalformedException extends RuntimeException {
    private final long line;
    private final long column;

    MalformedException(String what, long line, long column) {
      super("not valid UTF-8 at line " + line + ", column " + column + ": " + what);
      this.line = line;
      this.column = column;
    }

    public long line() {
      return line;
    }

    public long column() {
      return column;
    }
  }

  /**
   * Checks bytes as they arrive, across buffer boundaries, against the well-formed sequences of the Unicode
   * standard (table 3-7): no overlong forms, no encoded surrogates, nothing above U+10FFFF, no stray continuation
   * bytes, no sequence cut short. Lines and columns count characters from 1, as JSON parsers report them.
   */
  public static final class Utf8Check {
    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** The range the next continuation byte must be in: narrower than 0x80-0xBF right after some lead bytes. */
    private int low = 0x80;
    private int high = 0xBF;
    /** What a continuation byte outside that narrower range would make of the sequence. */
    private String outside;
    private long line = 1;
    private long column = 1;

    /** Checks {@code length} bytes of {@code bytes} from {@code offset}; throws at the first malformed one. */
    public void accept(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        int b = bytes[i] & 0xFF;
        if (pending > 0) {
          if (b < low || b > high) {
            throw malformed(b >= 0x80 && b <= 0xBF ? outside : "a sequence cut short");
          }
          low = 0x80;
          high = 0xBF;
          if (--pending == 0) {
            column++;
          }
        } else if (b < 0x80) {
          if (b == '\n') {
            line++;
            column = 1;
          } else {
            column++;
          }
        } else if (b >= 0xC2 && b <= 0xDF) {
          pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          pending = 2;
          low = b == 0xE0 ? 0xA0 : 0x80;
          high = b == 0xED ? 0x9F : 0xBF;
          outside = b == 0xE0 ? "an overlong form" : "an encoded surrogate";
        } else if (b >= 0xF0 && b <= 0xF4) {
          pending = 3;
          low = b == 0xF0 ? 0x90 : 0x80;
          high = b == 0xF4 ? 0x8F : 0xBF;
          outside = b == 0xF0 ? "an overlong form" : "a code point above U+10FFFF";
        } else {
          throw malformed(b == 0xC0 || b == 0xC1 ? "an overlong form"
              : b <= 0xBF ? "a continuation byte without a lead byte" : "a byte that never occurs in UTF-8");
        }
      }
    }

    /** At the end of the input: a sequence still open was cut short. */
    public void end() {
      if (pending > 0) {
        throw malformed("a sequence cut short at the end");
      }
    }

    private MalformedException malformed(String what) {
      return new MalformedException(what, line, column);
    }
  }

  /** Checks a whole byte array; see {@link Utf8Check}. */
  public static void checkUtf8(byte[] bytes) {
    Utf8Check check = new Utf8Check();
    check.accept(bytes, 0, bytes.length);
    check.end();
  }
}
