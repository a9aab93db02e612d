package org.scalebridge.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/** Reading TOML configuration files with located errors (the file, and the line of the first syntax error). */
public final class TomlFiles {
    private TomlFiles() {}

    /** Parses a TOML file; an unreadable file or a syntax error is an {@link InputException} naming file and line. */
    public static TomlParseResult read(Path file) {
        TomlParseResult r;
        try {
            r = Toml.parse(Files.readString(file));
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read: " + e.getMessage());
        }
        if (r.hasErrors()) {
            var e = r.errors().get(0);
            throw InputException.at(file, e.position() == null ? 0 : e.position().line(), "TOML syntax: " + e.getMessage());
        }
        return r;
    }
}
