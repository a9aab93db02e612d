package org.scalebridge.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalebridge.core.InputException;

/**
 * Line-by-line text input that knows where it is: every problem becomes an {@link InputException} naming the source
 * and the 1-based line. Bytes that are not UTF-8 are replaced (U+FFFD), so they fail later with a location instead of
 * an undecodable-charset exception. I/O failures are reported as bad input of the named file.
 */
public final class LineReader implements AutoCloseable {
    private final String source;
    private final BufferedReader in;
    private long line;
    private String pushed;

    public LineReader(String source, Reader reader) {
        this.source = source;
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    }

    /** Opens a file (UTF-8, malformed bytes replaced). */
    public static LineReader open(Path file) {
        try {
            InputStream is = Files.newInputStream(file);
            var dec = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return new LineReader(file.toString(), new BufferedReader(new InputStreamReader(is, dec), 1 << 16));
        } catch (IOException e) {
            throw InputException.at(file.toString(), -1, "cannot open: " + e.getMessage(), e);
        }
    }

    public static LineReader ofString(String source, String text) {
        return new LineReader(source, new StringReader(text));
    }

    public String source() { return source; }

    /** Number of the line last returned (1-based; 0 before the first). */
    public long line() { return line; }

    /** Next line without its terminator, or null at the end of the input. */
    public String next() {
        if (pushed != null) {
            String s = pushed;
            pushed = null;
            line++;
            return s;
        }
        try {
            String s = in.readLine();
            if (s != null) line++;
            return s;
        } catch (IOException e) {
            throw InputException.at(source, line + 1, "read error: " + e.getMessage(), e);
        }
    }

    /** Gives back the line just read, so the next {@link #next()} returns it again. */
    public void pushBack(String s) {
        if (pushed != null) throw new IllegalStateException("only one line of push-back");
        pushed = s;
        line--;
    }

    /** Next line; the end of the input is reported as an error that says what was expected. */
    public String require(String expected) {
        String s = next();
        if (s == null) throw InputException.at(source, line + 1, "file ended, expected " + expected);
        return s;
    }

    /** Next line that is not blank (or null at the end). */
    public String nextNonBlank() {
        String s;
        while ((s = next()) != null) if (!s.isBlank()) return s;
        return null;
    }

    /** Next non-blank line; the end of the input is an error that says what was expected. */
    public String requireNonBlank(String expected) {
        String s = nextNonBlank();
        if (s == null) throw InputException.at(source, line + 1, "file ended, expected " + expected);
        return s;
    }

    /** An error at the line last read. */
    public InputException error(String problem) {
        return InputException.at(source, Math.max(line, 1), problem);
    }

    public InputException error(long atLine, String problem) {
        return InputException.at(source, Math.max(atLine, 1), problem);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a reader we only read from cannot lose data
        }
    }
}
