package org.scalebridge.structure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.scalebridge.core.InputException;

/** The element table for Z = 1–103, loaded from the shipped {@code resources/elements.csv}. */
public final class Elements {
    private static final String RESOURCE = "/org/scalebridge/data/elements.csv";
    private static final Element[] BY_Z = new Element[104];
    private static final Map<String, Element> BY_SYMBOL = new HashMap<>();

    static {
        try (InputStream in = Elements.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("element table " + RESOURCE + " missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = false;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (!header) { header = true; continue; }
                String[] t = line.split(",");
                Element e = new Element(Integer.parseInt(t[0]), t[1], t[2], Double.parseDouble(t[3]),
                        Double.parseDouble(t[4]), Integer.parseInt(t[5].substring(1), 16));
                BY_Z[e.z()] = e;
                BY_SYMBOL.put(e.symbol().toLowerCase(Locale.ROOT), e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read element table", e);
        }
    }

    private Elements() {}

    public static final int MAX_Z = 103;

    public static Element byZ(int z) {
        if (z < 1 || z > MAX_Z) throw new IllegalArgumentException("atomic number " + z + " outside 1–" + MAX_Z);
        return BY_Z[z];
    }

    /** Symbol lookup, case-insensitive ("Na", "NA", "na"); null when unknown. */
    public static Element bySymbolOrNull(String symbol) {
        return symbol == null ? null : BY_SYMBOL.get(symbol.trim().toLowerCase(Locale.ROOT));
    }

    /** Symbol lookup that reports an unknown symbol as bad input at the given place. */
    public static Element bySymbol(String symbol, String source, long line) {
        Element e = bySymbolOrNull(symbol);
        if (e == null) throw InputException.at(source, line, "unknown element symbol '" + symbol + "' (expected H…Lr)");
        return e;
    }

    public static Element bySymbol(String symbol) {
        return bySymbol(symbol, "<element>", -1);
    }

    public static String symbol(int z) { return byZ(z).symbol(); }

    public static double mass(int z) { return byZ(z).mass(); }

    public static double covalentRadius(int z) { return byZ(z).covalentRadius(); }
}
