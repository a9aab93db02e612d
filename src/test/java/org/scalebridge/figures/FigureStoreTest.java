package org.scalebridge.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.core.InputException;

/** Figure settings kept in a project: round trip, validation, formats, palettes, and re-making a figure after a rerun. */
class FigureStoreTest {
    @TempDir Path dir;

    private static Arrhenius.Fit fit(double scale) {
        return Arrhenius.fit(new double[] {500, 600, 700, 800}, new double[] {1e-3 * scale, 4e-3 * scale, 1e-2 * scale, 2.1e-2 * scale},
                new double[] {1e-4, 3e-4, 6e-4, 1e-3}, 0.05);
    }

    @Test
    void settingsRoundTripInTheProjectFolder() {
        FigureStore store = FigureStore.inProject(dir);
        FigureSettings s = FigureSettings.paper("Na diffusion", "1000/T (1/K)", "log10 D (Å²/ps)");
        s.palette = "tol-bright"; s.dpi = 600; s.widthInches = 7; s.lineWidthPt = 1.5f; s.labelFontPt = 10;
        s.formats = List.of("png", "pdf");
        s.lastExport = "figures/arrhenius";
        store.save("arrhenius", s);
        assertTrue(Files.isRegularFile(dir.resolve("figures/arrhenius.figure.json")));
        FigureSettings back = FigureStore.inProject(dir).load("arrhenius", FigureSettings.paper("", "x", "y"));
        assertEquals("Na diffusion", back.title);
        assertEquals("tol-bright", back.palette);
        assertEquals(600, back.dpi);
        assertEquals(7, back.widthInches, 0);
        assertEquals(1.5f, back.lineWidthPt, 0);
        assertEquals(List.of("png", "pdf"), back.formats);
        assertEquals(dir.resolve("figures/arrhenius"), store.resolve(back.lastExport));
        // nothing saved → defaults; no project → nothing written
        assertEquals("x", store.load("other", FigureSettings.paper("", "x", "y")).xLabel);
        FigureStore.none().save("arrhenius", s);
        assertFalse(FigureStore.none().persistent());
    }

    @Test
    void badSettingsFileNamesTheField() throws Exception {
        Path f = dir.resolve("bad.figure.json");
        Files.writeString(f, "{\"dpi\": 300, \"palette\": \"rainbow\"}");
        InputException e = assertThrows(InputException.class, () -> FigureSettings.load(f));
        assertTrue(e.getMessage().contains("palette"), e.getMessage());
        Files.writeString(f, "{\"dpi\": 5}");
        assertTrue(assertThrows(InputException.class, () -> FigureSettings.load(f)).getMessage().contains("dpi"));
        Files.writeString(f, "{\"formats\": [\"gif\"]}");
        assertTrue(assertThrows(InputException.class, () -> FigureSettings.load(f)).getMessage().contains("formats"));
        // an unreadable stored file falls back to the defaults instead of breaking the pane
        Files.createDirectories(dir.resolve("figures"));
        Files.writeString(dir.resolve("figures/x.figure.json"), "{not json");
        assertEquals("y", FigureStore.inProject(dir).load("x", FigureSettings.paper("", "x", "y")).yLabel);
    }

    @Test
    void exportHonoursFormatsAndRemakesAfterRerun() throws Exception {
        FigureSettings s = FigureSettings.paper("Arrhenius", "1000/T (1/K)", "log10 D (Å²/ps)");
        s.formats = List.of("svg", "csv");
        JFreeChart c1 = AnalysisCharts.arrhenius(fit(1), 300, 0.95);
        FigureStyle.apply(c1, s);
        Path base = dir.resolve("figures/arr");
        Files.createDirectories(base.getParent());
        List<Path> files = FigureExport.all(c1, s, base);
        assertEquals(List.of(Path.of(base + ".svg"), Path.of(base + ".csv"), Path.of(base + ".figure.json")), files);
        assertFalse(Files.exists(Path.of(base + ".png")));
        String csv1 = Files.readString(Path.of(base + ".csv"));
        // "rerun": new data, same stored settings → same files re-made with the new numbers
        FigureSettings stored = FigureSettings.load(Path.of(base + ".figure.json"));
        JFreeChart c2 = AnalysisCharts.arrhenius(fit(2), 300, 0.95);
        FigureStyle.apply(c2, stored);
        FigureExport.all(c2, stored, base);
        String csv2 = Files.readString(Path.of(base + ".csv"));
        assertNotEquals(csv1, csv2);
        assertTrue(Files.readString(Path.of(base + ".svg")).contains("<svg"));
    }

    @Test
    void paletteSwitchKeepsPairsAndIsReversible() {
        JFreeChart c = AnalysisCharts.arrhenius(List.of(new AnalysisCharts.Line("A", fit(1)), new AnalysisCharts.Line("B", fit(2))), 300, 0.95);
        FigureSettings s = FigureSettings.paper("", "x", "y");
        FigureStyle.apply(c, s);
        var plot = c.getXYPlot();
        Color a0 = (Color) plot.getRenderer(0).getSeriesPaint(1), band0 = (Color) plot.getRenderer(1).getSeriesPaint(1);
        assertEquals(a0, band0, "fit band paired with its points");
        s.palette = "tol-bright";
        FigureStyle.apply(c, s);
        Color a1 = (Color) plot.getRenderer(0).getSeriesPaint(1), band1 = (Color) plot.getRenderer(1).getSeriesPaint(1);
        assertEquals(FigureStyle.color("tol-bright", 1), a1);
        assertEquals(a1, band1, "pairing kept after a palette change");
        s.palette = "okabe-ito";
        FigureStyle.apply(c, s);
        assertEquals(a0, plot.getRenderer(0).getSeriesPaint(1), "switching back restores the colours");
    }
}
