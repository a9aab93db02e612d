package org.scalebridge.core;

import java.nio.file.Path;

/**
 * Bad input: a malformed file, a unit mistake, an unphysical parameter. The message always names where the problem
 * is (file and line, byte offset, or configuration field) and what was expected there. Every reader and every
 * configuration validator reports through this one type.
 */
public class InputException extends ScaleBridgeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String field;

    private InputException(String message, String source, long line, String field, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    /** A problem at a line (1-based) of a file; line ≤ 0 means "the file as a whole". */
    public static InputException at(Path file, long line, String problem) {
        return at(file == null ? "<input>" : file.toString(), line, problem, null);
    }

    public static InputException at(String source, long line, String problem) {
        return at(source, line, problem, null);
    }

    public static InputException at(String source, long line, String problem, Throwable cause) {
        String where = line > 0 ? source + ":" + line : source;
        return new InputException(where + ": " + problem, source, line, null, cause);
    }

    /** A problem in a named field of a configuration or parameter set (e.g. "md.timestep"). */
    public static InputException field(String source, String field, String problem) {
        return new InputException((source == null ? "" : source + ": ") + field + ": " + problem, source, -1, field, null);
    }

    /** A parameter outside its physical range, named with its unit. */
    public static InputException unphysical(String field, double value, String expected) {
        return new InputException(field + " = " + value + " is not physical: expected " + expected, null, -1, field, null);
    }

    public String source() { return source; }

    /** 1-based line number, or ≤ 0 when not applicable. */
    public long line() { return line; }

    /** Configuration field, or null. */
    public String field() { return field; }
}
