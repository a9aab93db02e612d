package org.scalebridge.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Applies {@link FigureSettings} to a JFreeChart: fonts, line widths, white background with light grid, and the
 * Okabe–Ito colour-blind-safe palette (Okabe &amp; Ito, "Color Universal Design", 2008; Wong, Nat. Methods 8, 441, 2011).
 * AWT only, so the same styled chart is drawn on screen, to PNG, SVG and PDF.
 */
public final class FigureStyle {
    private FigureStyle() {}

    /** Okabe–Ito: black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple. */
    public static final Color[] OKABE_ITO = {
        new Color(0, 0, 0), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 158, 115),
        new Color(240, 228, 66), new Color(0, 114, 178), new Color(213, 94, 0), new Color(204, 121, 167)};
    /** Order used for series: skips yellow (poor contrast on white) until last. */
    private static final int[] ORDER = {5, 6, 3, 1, 7, 2, 0, 4};

    /** Colour of series i in the default (Okabe–Ito) palette; builders use it to pair a fit with its data. */
    public static Color color(int i) { return OKABE_ITO[ORDER[Math.floorMod(i, ORDER.length)]]; }

    /**
     * Series colours of each palette, in use order. "okabe-ito" (above); "tol-bright" (Paul Tol's colour-blind-safe
     * bright scheme, SRON/EPS/TN/09-002); "grayscale" (for monochrome print; separable by lightness only, so pair it
     * with markers or dashes).
     */
    public static final java.util.Map<String, Color[]> PALETTES = java.util.Map.of(
            "okabe-ito", ordered(),
            "tol-bright", new Color[] {new Color(0x4477AA), new Color(0xEE6677), new Color(0x228833), new Color(0xCCBB44),
                new Color(0x66CCEE), new Color(0xAA3377), new Color(0xBBBBBB), new Color(0x000000)},
            "grayscale", new Color[] {new Color(0x111111), new Color(0x555555), new Color(0x888888), new Color(0x333333),
                new Color(0xAAAAAA), new Color(0x222222), new Color(0x777777), new Color(0x999999)});

    private static Color[] ordered() {
        Color[] c = new Color[ORDER.length];
        for (int i = 0; i < c.length; i++) c[i] = OKABE_ITO[ORDER[i]];
        return c;
    }

    /** Colour of series i in the named palette (unknown names fall back to Okabe–Ito). */
    public static Color color(String palette, int i) {
        Color[] p = PALETTES.getOrDefault(palette, PALETTES.get("okabe-ito"));
        return p[Math.floorMod(i, p.length)];
    }

    /**
     * Which palette slot a colour occupies: searched in Okabe–Ito, then Tol bright, then grayscale (no colour is in two
     * palettes at different slots, so a palette switch keeps fit/data pairs and switching back restores the colours).
     */
    private static int slotOf(java.awt.Paint p) {
        if (!(p instanceof Color c)) return -1;
        for (String name : new String[] {"okabe-ito", "tol-bright", "grayscale"}) {
            Color[] pal = PALETTES.get(name);
            for (int i = 0; i < pal.length; i++)
                if (pal[i].getRed() == c.getRed() && pal[i].getGreen() == c.getGreen() && pal[i].getBlue() == c.getBlue()) return i;
        }
        return -1;
    }

    /** The colour in the named palette at the slot of {@code p} (alpha kept), or null for a colour of no palette. */
    private static Color recolour(java.awt.Paint p, String palette) {
        int i = slotOf(p);
        if (i < 0) return null;
        Color c = color(palette, i), o = (Color) p;
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), o.getAlpha());
    }

    /** Styles every plot of the chart; the primary dataset's series (and any series without
     * an explicit colour) get the palette in order; overlays (fits, bands, markers) keep their explicit colour (builders set explicit colours to pair a fit with its data). */
    public static void apply(JFreeChart chart, FigureSettings s) {
        Font title = new Font(s.fontFamily, Font.BOLD, Math.round(s.titleFontPt));
        Font label = new Font(s.fontFamily, Font.PLAIN, Math.round(s.labelFontPt));
        Font tick = new Font(s.fontFamily, Font.PLAIN, Math.round(s.tickFontPt));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (s.title == null || s.title.isBlank()) chart.setTitle((TextTitle) null);
        else { chart.setTitle(s.title); chart.getTitle().setFont(title); }
        LegendTitle legend = chart.getLegend();
        if (legend != null) { legend.setItemFont(tick); legend.setFrame(new org.jfree.chart.block.BlockBorder(Color.WHITE)); }
        if (!(chart.getPlot() instanceof XYPlot plot)) return;
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlinePaint(Color.BLACK);
        plot.setOutlineStroke(new BasicStroke(0.75f * s.lineWidthPt));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDomainAxis(axis(plot.getDomainAxis(), s.xLabel, s.logX, label, tick));
        plot.setRangeAxis(axis(plot.getRangeAxis(), s.yLabel, s.logY, label, tick));
        int colour = 0;
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYItemRenderer r = plot.getRenderer(d);
            if (r == null || plot.getDataset(d) == null) continue;
            for (int k = 0; k < plot.getDataset(d).getSeriesCount(); k++) {
                java.awt.Paint old = r.getSeriesPaint(k);
                if (old == null) r.setSeriesPaint(k, color(s.palette, colour));
                else {
                    Color c = recolour(old, s.palette);
                    if (c != null) r.setSeriesPaint(k, c);
                }
                if (r instanceof org.jfree.chart.renderer.xy.AbstractXYItemRenderer xr && xr.getSeriesFillPaint(k) != null) {
                    Color f = recolour(xr.getSeriesFillPaint(k), s.palette);
                    if (f != null) xr.setSeriesFillPaint(k, f);
                }
                colour++;
                if (!(r instanceof org.jfree.chart.renderer.xy.XYErrorRenderer))
                    r.setSeriesStroke(k, new BasicStroke(s.lineWidthPt, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                            10f, dashOf(r.getSeriesStroke(k), s.lineWidthPt), 0f));
            }
        }
        for (var m : plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND) == null ? java.util.List.of() : plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND))
            recolourMarker((org.jfree.chart.plot.Marker) m, s.palette);
        for (var m : plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND) == null ? java.util.List.of() : plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND))
            recolourMarker((org.jfree.chart.plot.Marker) m, s.palette);
    }

    private static void recolourMarker(org.jfree.chart.plot.Marker m, String palette) {
        Color c = recolour(m.getPaint(), palette);
        if (c != null) m.setPaint(c);
    }

    /** Keeps a dashed series dashed (dash lengths scale with the new width). */
    private static float[] dashOf(java.awt.Stroke old, float width) {
        if (old instanceof BasicStroke b && b.getDashArray() != null) {
            float[] d = b.getDashArray().clone();
            float w0 = Math.max(0.1f, b.getLineWidth());
            for (int i = 0; i < d.length; i++) d[i] = d[i] / w0 * width;
            return d;
        }
        return null;
    }

    private static ValueAxis axis(ValueAxis old, String text, boolean log, Font label, Font tick) {
        ValueAxis a = old;
        if (log && !(old instanceof LogAxis)) {
            LogAxis la = new LogAxis(text);
            la.setSmallestValue(1e-300);
            la.setBase(10);
            la.setAutoTickUnitSelection(false);
            // one tick per decade, labelled 10ⁿ (base with a superscript exponent; "1E0" looked unfinished)
            la.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0, new java.text.DecimalFormat("0")));
            a = la;
        } else if (!log && old instanceof LogAxis) {
            NumberAxis na = new NumberAxis(text);
            na.setAutoRangeIncludesZero(false);
            a = na;
        }
        a.setLabel(text);
        a.setLabelFont(label);
        a.setTickLabelFont(tick);
        a.setAxisLinePaint(Color.BLACK);
        a.setTickMarkPaint(Color.BLACK);
        a.setTickLabelPaint(Color.BLACK);
        a.setLabelPaint(Color.BLACK);
        return a;
    }
}
