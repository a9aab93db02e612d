package org.scalebridge.figures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;

/**
 * Everything needed to re-make a figure after a rerun: labels (with units), size, DPI, font sizes, line width and
 * palette. Stored as JSON (Jackson) next to the exported files / in the project.
 */
public final class FigureSettings {
    public String title = "";
    public String xLabel = "x";
    public String yLabel = "y";
    /** Figure size in inches (a single journal column is ≈ 3.5 in wide). */
    public double widthInches = 3.5, heightInches = 2.6;
    public int dpi = 300;
    public float titleFontPt = 9, labelFontPt = 8, tickFontPt = 7;
    public float lineWidthPt = 1.0f;
    public String fontFamily = "SansSerif";
    public String palette = "okabe-ito";
    public boolean logX, logY;
    /** Formats written by an export: any of png, svg, pdf, csv (the settings JSON is always written). */
    public java.util.List<String> formats = new java.util.ArrayList<>(java.util.List.of("png", "svg", "pdf", "csv"));
    /** Base path (no extension) of the last export, relative to the project folder when inside it; "" if never. */
    public String lastExport = "";

    /** The "paper" preset: 3.5 × 2.6 in single column, 300 dpi, 7–9 pt fonts, 1 pt lines, Okabe–Ito colours. */
    public static FigureSettings paper(String title, String xLabel, String yLabel) {
        FigureSettings s = new FigureSettings();
        s.title = title; s.xLabel = xLabel; s.yLabel = yLabel;
        return s;
    }

    /** Screen preset: same palette, larger fonts, for the on-screen viewer. */
    public FigureSettings screen() {
        FigureSettings s = copy();
        s.titleFontPt = 14; s.labelFontPt = 12; s.tickFontPt = 11; s.lineWidthPt = 1.6f;
        return s;
    }

    public FigureSettings copy() {
        try { return MAPPER.readValue(MAPPER.writeValueAsBytes(this), FigureSettings.class); }
        catch (IOException e) { throw new IllegalStateException(e); }
    }

    /** Pixel width at the chosen DPI. */
    public int widthPx() { return (int) Math.round(widthInches * dpi); }
    public int heightPx() { return (int) Math.round(heightInches * dpi); }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public void save(Path file) throws IOException {
        byte[] b = MAPPER.writeValueAsBytes(this);
        AtomicFiles.writeBytes(file, os -> os.write(b));
    }

    public static FigureSettings load(Path file) {
        try {
            FigureSettings s = MAPPER.readValue(file.toFile(), FigureSettings.class);
            if (!(s.dpi >= 30 && s.dpi <= 2400)) throw InputException.field(file.toString(), "dpi", "30..2400, got " + s.dpi);
            if (!(s.widthInches > 0) || !(s.heightInches > 0)) throw InputException.field(file.toString(), "widthInches/heightInches", "> 0");
            if (!FigureStyle.PALETTES.containsKey(s.palette))
                throw InputException.field(file.toString(), "palette", "one of " + FigureStyle.PALETTES.keySet() + ", got " + s.palette);
            if (!(s.lineWidthPt > 0) || !(s.labelFontPt > 0) || !(s.tickFontPt > 0) || !(s.titleFontPt > 0))
                throw InputException.field(file.toString(), "lineWidthPt/fonts", "> 0");
            if (s.formats == null) s.formats = new java.util.ArrayList<>();
            for (String f : s.formats)
                if (!java.util.Set.of("png", "svg", "pdf", "csv").contains(f))
                    throw InputException.field(file.toString(), "formats", "png, svg, pdf or csv, got " + f);
            if (s.lastExport == null) s.lastExport = "";
            return s;
        } catch (IOException e) {
            throw InputException.field(file.toString(), "figure settings", "valid JSON: " + e.getMessage());
        }
    }
}
