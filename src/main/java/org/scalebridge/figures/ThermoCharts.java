package org.scalebridge.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.scalebridge.thermo.FreeEnergy;

/** Chart builders for μ(x) data and fits, their residuals, and G(x) with common tangent, binodal and spinodal. */
public final class ThermoCharts {
    private ThermoCharts() {}

    /** One temperature's data set: x, μ (eV), σ_μ (eV) and the engine's analysis. */
    public record Series(double temperature, double[] x, double[] mu, double[] sigma, FreeEnergy.Result result) {}

    private static String label(Series s) { return String.format(java.util.Locale.ROOT, "%.0f K", s.temperature()); }

    /** μ(x) points ± σ per temperature with the fitted μ(x) in the same colour. */
    public static JFreeChart mu(List<Series> all) {
        YIntervalSeriesCollection pts = new YIntervalSeriesCollection();
        XYSeriesCollection fits = new XYSeriesCollection();
        for (Series s : all) {
            YIntervalSeries p = new YIntervalSeries(label(s) + " GCMC");
            for (int i = 0; i < s.x().length; i++) {
                double e = s.sigma() == null ? 0 : s.sigma()[i];
                p.add(s.x()[i], s.mu()[i], s.mu()[i] - e, s.mu()[i] + e);
            }
            pts.addSeries(p);
            XYSeries f = new XYSeries(label(s) + " fit", false, true);
            double lo = Math.max(0.005, s.result().model().lo()), hi = Math.min(0.995, s.result().model().hi());
            for (int i = 0; i <= 200; i++) { double x = lo + (hi - lo) * i / 200; f.add(x, s.result().model().mu(x)); }
            fits.addSeries(f);
        }
        XYErrorRenderer er = new XYErrorRenderer();
        er.setDrawXError(false);
        er.setDefaultLinesVisible(false);
        XYPlot plot = new XYPlot(pts, new NumberAxis("x (Na per formula unit site fraction)"), new NumberAxis("μ (eV)"), er);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < all.size(); k++) lr.setSeriesPaint(k, FigureStyle.color(k));
        plot.setDataset(1, fits);
        plot.setRenderer(1, lr);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** Residuals μ_i − μ_fit(x_i) (meV) ± σ. */
    public static JFreeChart residuals(List<Series> all) {
        YIntervalSeriesCollection pts = new YIntervalSeriesCollection();
        for (Series s : all) {
            YIntervalSeries p = new YIntervalSeries(label(s));
            for (int i = 0; i < s.x().length; i++) {
                double r = 1000 * (s.mu()[i] - s.result().model().mu(s.x()[i])), e = s.sigma() == null ? 0 : 1000 * s.sigma()[i];
                p.add(s.x()[i], r, r - e, r + e);
            }
            pts.addSeries(p);
        }
        XYErrorRenderer er = new XYErrorRenderer();
        er.setDrawXError(false);
        er.setDefaultLinesVisible(false);
        XYPlot plot = new XYPlot(pts, new NumberAxis("x"), new NumberAxis("residual (meV)"), er);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(0.75f)));
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /**
     * Mixing free energy ΔG(x) = G(x) − [(1−x) G(x0) + x G(x1)] over the fitted range (meV per site), the common
     * tangent across each gap (paper Eq. 18–19: G'(a) = G'(b) = (G(b) − G(a))/(b − a)), binodal points (filled) and
     * spinodal points G''(x) = 0 (open), per temperature. Binodal compositions are also domain markers.
     */
    public static JFreeChart freeEnergy(List<Series> all) {
        XYSeriesCollection g = new XYSeriesCollection(), tang = new XYSeriesCollection(), bin = new XYSeriesCollection(),
                spin = new XYSeriesCollection();
        XYPlot plot = new XYPlot(g, new NumberAxis("x"), new NumberAxis("ΔG_mix (meV per site)"), new XYLineAndShapeRenderer(true, false));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer tr = new XYLineAndShapeRenderer(true, false), br = new XYLineAndShapeRenderer(false, true),
                sr = new XYLineAndShapeRenderer(false, true);
        for (int k = 0; k < all.size(); k++) {
            Series s = all.get(k);
            var m = s.result().model();
            double x0 = Math.max(0.005, m.lo()), x1 = Math.min(0.995, m.hi()), g0 = m.g(x0), g1 = m.g(x1);
            java.util.function.DoubleUnaryOperator base = x -> g0 + (g1 - g0) * (x - x0) / (x1 - x0);
            XYSeries gs = new XYSeries(label(s) + " ΔG", false, true);
            for (int i = 0; i <= 300; i++) { double x = x0 + (x1 - x0) * i / 300; gs.add(x, 1000 * (m.g(x) - base.applyAsDouble(x))); }
            g.addSeries(gs);
            XYSeries ts = new XYSeries(label(s) + " common tangent", false, true), bs = new XYSeries(label(s) + " binodal", false, true),
                    ss = new XYSeries(label(s) + " spinodal", false, true);
            for (FreeEnergy.Gap gap : s.result().binodal()) {
                double ga = m.g(gap.a()), gb = m.g(gap.b());
                double pad = 0.08 * (gap.b() - gap.a());
                for (double x : new double[] {Math.max(x0, gap.a() - pad), Math.min(x1, gap.b() + pad)})
                    ts.add(x, 1000 * (ga + gap.muCoexistence() * (x - gap.a()) - base.applyAsDouble(x)));
                bs.add(gap.a(), 1000 * (ga - base.applyAsDouble(gap.a())));
                bs.add(gap.b(), 1000 * (gb - base.applyAsDouble(gap.b())));
                for (double x : new double[] {gap.a(), gap.b()}) {
                    ValueMarker vm = new ValueMarker(x, FigureStyle.color(k), new BasicStroke(0.75f, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f));
                    plot.addDomainMarker(vm);
                }
            }
            for (double x : s.result().spinodal()) ss.add(x, 1000 * (m.g(x) - base.applyAsDouble(x)));
            tang.addSeries(ts); bin.addSeries(bs); spin.addSeries(ss);
            tr.setSeriesPaint(k, FigureStyle.color(k));
            br.setSeriesPaint(k, FigureStyle.color(k));
            br.setSeriesShape(k, new java.awt.geom.Ellipse2D.Double(-3.5, -3.5, 7, 7));
            sr.setSeriesPaint(k, FigureStyle.color(k));
            sr.setSeriesShape(k, new java.awt.geom.Rectangle2D.Double(-3, -3, 6, 6));
            sr.setSeriesShapesFilled(k, false);
        }
        plot.setDataset(1, tang); plot.setRenderer(1, tr);
        plot.setDataset(2, bin); plot.setRenderer(2, br);
        plot.setDataset(3, spin); plot.setRenderer(3, sr);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }
}
