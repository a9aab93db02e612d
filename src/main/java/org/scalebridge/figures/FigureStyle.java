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

    /** Colour of series i in the palette. */
    public static Color color(int i) { return OKABE_ITO[ORDER[Math.floorMod(i, ORDER.length)]]; }

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
                if (d == 0 || r.getSeriesPaint(k) == null) r.setSeriesPaint(k, color(colour));
                colour++;
                r.setSeriesStroke(k, new BasicStroke(s.lineWidthPt, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
        }
    }

    private static ValueAxis axis(ValueAxis old, String text, boolean log, Font label, Font tick) {
        ValueAxis a = old;
        if (log && !(old instanceof LogAxis)) {
            LogAxis la = new LogAxis(text);
            la.setSmallestValue(1e-300);
            la.setBase(10);
            la.setAutoTickUnitSelection(false);
            la.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // one tick per decade
            la.setNumberFormatOverride(new java.text.DecimalFormat("0E0"));
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
