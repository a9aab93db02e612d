package org.scalebridge.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.analysis.Einstein;
import org.scalebridge.analysis.MsdResult;

/** Chart builders (JFreeChart, AWT only) for MSD curves with their Einstein fit window and the Arrhenius plot. */
public final class AnalysisCharts {
    private AnalysisCharts() {}

    /**
     * MSD(t) of every run (lines), the fitted line 6Dt + b of the selected run over its window (dashed) and the window
     * as a shaded band. Lag 0 is omitted (it cannot be drawn on log axes).
     */
    public static JFreeChart msd(List<String> labels, List<MsdResult> msds, int selected, Einstein.Fit fit) {
        XYSeriesCollection curves = new XYSeriesCollection();
        for (int r = 0; r < msds.size(); r++) {
            XYSeries s = new XYSeries(labels.get(r), false, true);
            MsdResult m = msds.get(r);
            for (int k = 1; k < m.size(); k++) if (m.total()[k] > 0) s.add(m.time()[k], m.total()[k]);
            curves.addSeries(s);
        }
        XYLineAndShapeRenderer cr = new XYLineAndShapeRenderer(true, false);
        for (int r = 0; r < msds.size(); r++) cr.setSeriesPaint(r, FigureStyle.color(r));
        XYPlot plot = new XYPlot(curves, new NumberAxis("lag time t (ps)"), new NumberAxis("MSD (Å²)"), cr);
        if (fit != null) {
            XYSeriesCollection line = new XYSeriesCollection();
            XYSeries s = new XYSeries("fit " + labels.get(selected), false, true);
            int n = 40;
            for (int i = 0; i <= n; i++) {
                double t = fit.tStart() * Math.pow(fit.tEnd() / fit.tStart(), (double) i / n);
                double y = 2 * fit.dimensions() * fit.d() * t + fit.intercept(); // Einstein: MSD = 2dDt + b (paper Eq. 1)
                if (y > 0) s.add(t, y);
            }
            line.addSeries(s);
            XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
            lr.setSeriesPaint(0, new Color(25, 25, 25)); // near-black, outside every palette: the fit stays dark
            lr.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f));
            plot.setDataset(1, line);
            plot.setRenderer(1, lr);
            IntervalMarker w = new IntervalMarker(fit.tStart(), fit.tEnd(), new Color(0, 114, 178, 40));
            w.setOutlinePaint(new Color(0, 114, 178));
            w.setOutlineStroke(new BasicStroke(1f));
            plot.addDomainMarker(w);
        }
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** One composition's Arrhenius fit, as drawn. */
    public record Line(String composition, Arrhenius.Fit fit) {}

    /** Single-composition Arrhenius plot (see {@link #arrhenius(List, double, double)}). */
    public static JFreeChart arrhenius(Arrhenius.Fit fit, double tExtrap, double level) {
        return arrhenius(List.of(new Line("D (MSD)", fit)), tExtrap, level);
    }

    /**
     * Arrhenius plot, one colour per composition: log10 D ± σ against 1000/T (error bars), the weighted fit extended
     * to the extrapolation temperature with its confidence band (paper Eq. 2: D = D0 exp(−Ea/k_B T)), and the
     * extrapolated point (the paper's 300 K star).
     */
    public static JFreeChart arrhenius(List<Line> lines, double tExtrap, double level) {
        YIntervalSeriesCollection pts = new YIntervalSeriesCollection(), band = new YIntervalSeriesCollection();
        XYSeriesCollection star = new XYSeriesCollection();
        XYErrorRenderer er = new XYErrorRenderer();
        er.setDrawXError(false);
        er.setDefaultLinesVisible(false);
        DeviationRenderer dr = new DeviationRenderer(true, false);
        dr.setAlpha(0.2f);
        XYLineAndShapeRenderer sr = new XYLineAndShapeRenderer(false, true);
        double tMin = tExtrap, tMax = tExtrap;
        for (Line l : lines) for (double t : l.fit().temperatures()) { tMin = Math.min(tMin, t); tMax = Math.max(tMax, t); }
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            Arrhenius.Fit fit = l.fit();
            YIntervalSeries p = new YIntervalSeries(l.composition());
            for (int i = 0; i < fit.temperatures().length; i++) {
                double d = fit.d()[i], s = fit.sigmaD() == null ? 0 : fit.sigmaD()[i];
                p.add(1000 / fit.temperatures()[i], Math.log10(d), Math.log10(Math.max(d - s, d * 1e-3)), Math.log10(d + s));
            }
            pts.addSeries(p);
            er.setSeriesPaint(k, FigureStyle.color(k));
            er.setSeriesShape(k, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
            YIntervalSeries b = new YIntervalSeries(String.format(java.util.Locale.ROOT, "%s fit, %.0f%% band", l.composition(), 100 * level));
            int n = 60;
            for (int i = 0; i <= n; i++) {
                double inv = 1000 / tMax + (1000 / tMin - 1000 / tMax) * i / n, t = 1000 / inv;
                double[] ci = fit.band(t, level);
                b.add(inv, Math.log10(fit.predict(t)), Math.log10(ci[0]), Math.log10(ci[1]));
            }
            band.addSeries(b);
            dr.setSeriesPaint(k, FigureStyle.color(k));
            dr.setSeriesFillPaint(k, FigureStyle.color(k));
            XYSeries st = new XYSeries(String.format(java.util.Locale.ROOT, "%s at %.0f K", l.composition(), tExtrap));
            st.add(1000 / tExtrap, Math.log10(fit.predict(tExtrap)));
            star.addSeries(st);
            sr.setSeriesPaint(k, FigureStyle.color(k));
            sr.setSeriesShape(k, star(5.5));
            sr.setSeriesVisibleInLegend(k, false);
        }
        XYPlot plot = new XYPlot(pts, new NumberAxis("1000/T (1/K)"), new NumberAxis("log10 D (Å²/ps)"), er);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        dr.setDefaultSeriesVisibleInLegend(false);
        plot.setDataset(1, band);
        plot.setRenderer(1, dr);
        plot.setDataset(2, star);
        plot.setRenderer(2, sr);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** Five-pointed star outline of outer radius r (points), centred on the data point. */
    public static java.awt.Shape star(double r) {
        java.awt.geom.Path2D.Double s = new java.awt.geom.Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double rr = i % 2 == 0 ? r : r * 0.45, a = -Math.PI / 2 + i * Math.PI / 5;
            if (i == 0) s.moveTo(rr * Math.cos(a), rr * Math.sin(a)); else s.lineTo(rr * Math.cos(a), rr * Math.sin(a));
        }
        s.closePath();
        return s;
    }
}
