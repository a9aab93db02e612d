package org.scalebridge.learn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.figures.FigureExport;
import org.scalebridge.figures.FigureSettings;
import org.scalebridge.io.Formats;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.structure.Structure;

/**
 * Reports of an active-learning run (paper Fig. 3): training-set histograms over the Na content x (Na per Fe, i.e.
 * per formula unit of Na_xMn[Fe(CN)6]) and the energy per atom (Fig. 3a,b); parity data of MTP vs reference
 * energies and force components with RMSE, MAE and R² (Fig. 3c,d); γ over cycles per sampler and iteration; the
 * selections per iteration. Files in {@code output/report/}: CSV and {@code report.json}, plus PNG figures.
 */
public final class LearnReport {
    private LearnReport() {}

    /** Statistics of a parity set. */
    public record Parity(int points, double rmse, double mae, double r2) {
        static Parity of(double[] ref, double[] model, int n) {
            double se = 0, ae = 0, mean = 0;
            for (int i = 0; i < n; i++) mean += ref[i];
            mean /= Math.max(n, 1);
            double st = 0;
            for (int i = 0; i < n; i++) {
                double d = model[i] - ref[i];
                se += d * d;
                ae += Math.abs(d);
                st += (ref[i] - mean) * (ref[i] - mean);
            }
            return new Parity(n, Math.sqrt(se / Math.max(n, 1)), ae / Math.max(n, 1), st > 0 ? 1 - se / st : Double.NaN);
        }
    }

    /** The numbers of a report. */
    public record Summary(int configurations, int iterations, boolean converged, Parity energyPerAtom, Parity forces) {}

    /** Writes the report of the run in {@code output} (after {@link ActiveLearning#run}). */
    public static Summary write(Path output, boolean figures) {
        Path dir = output.resolve("report");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Structure> data = Formats.read(output.resolve("dataset.extxyz"));
        var model = MtpFormat.read(output.resolve("final.mtp"));
        int[] typeToZ = typeToZ(data, model.speciesCount, output);
        MtpPotential pot = new MtpPotential(model, typeToZ);
        int nc = data.size();
        double[] eRef = new double[nc], eMod = new double[nc], xs = new double[nc];
        int nf = 0;
        for (Structure s : data) nf += 3 * s.size();
        double[] fRef = new double[nf], fMod = new double[nf];
        int q = 0;
        ForceResult r = new ForceResult();
        StringBuilder ep = new StringBuilder("config,atoms,x_na_per_fe,iteration,e_ref_eV_per_atom,e_mtp_eV_per_atom\n");
        StringBuilder fp = new StringBuilder("config,atom,component,f_ref_eV_per_A,f_mtp_eV_per_A\n");
        for (int c = 0; c < nc; c++) {
            Structure s = data.get(c), w = s.copy();
            pot.compute(w, r);
            eRef[c] = s.energy() / s.size();
            eMod[c] = r.energy() / s.size();
            xs[c] = naPerFe(s);
            Object it = s.info().get("al_iteration");
            ep.append(String.format(Locale.ROOT, "%d,%d,%.6g,%s,%.10g,%.10g%n", c, s.size(), xs[c], it == null ? "" : it.toString(), eRef[c], eMod[c]));
            for (int k = 0; k < 3 * s.size(); k++, q++) {
                fRef[q] = s.forces()[k];
                fMod[q] = r.forces()[k];
                fp.append(c).append(',').append(k / 3).append(',').append("xyz".charAt(k % 3)).append(',')
                        .append(fRef[q]).append(',').append(fMod[q]).append('\n');
            }
        }
        pot.close();
        AtomicFiles.writeString(dir.resolve("parity_energy.csv"), ep.toString());
        AtomicFiles.writeString(dir.resolve("parity_forces.csv"), fp.toString());
        Parity pe = Parity.of(eRef, eMod, nc), pf = Parity.of(fRef, fMod, q);
        // histograms (Fig. 3a,b)
        double[] xEdges = new double[17];
        for (int i = 0; i <= 16; i++) xEdges[i] = 0.125 * i;
        int[] hx = histogram(xs, xEdges);
        double emin = Double.MAX_VALUE, emax = -Double.MAX_VALUE;
        for (double e : eRef) { emin = Math.min(emin, e); emax = Math.max(emax, e); }
        int nb = 20;
        double[] eEdges = new double[nb + 1];
        double width = Math.max(emax - emin, 1e-6) / nb;
        for (int i = 0; i <= nb; i++) eEdges[i] = emin + width * i;
        int[] he = histogram(eRef, eEdges);
        writeHistogram(dir.resolve("histogram_x.csv"), "x_low,x_high,configurations", xEdges, hx);
        writeHistogram(dir.resolve("histogram_energy.csv"), "e_low_eV_per_atom,e_high_eV_per_atom,configurations", eEdges, he);
        // γ traces and selections
        List<ActiveLearning.IterationSummary> its = new ArrayList<>();
        StringBuilder g = new StringBuilder("iteration,sampler,temperature_K,mu_eV,cycle,atoms,exchanged,energy_eV,gamma\n");
        for (int k = 0; ; k++) {
            Path d = output.resolve(String.format(Locale.ROOT, "iter-%03d", k));
            if (!Files.exists(d.resolve("summary.json"))) break;
            its.add(ActiveLearning.readSummary(d.resolve("summary.json")));
            Path gc = d.resolve("gamma.csv");
            if (Files.exists(gc)) {
                try {
                    List<String> lines = Files.readAllLines(gc);
                    for (int i = 1; i < lines.size(); i++) g.append(k).append(',').append(lines.get(i)).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        AtomicFiles.writeString(dir.resolve("gamma.csv"), g.toString());
        boolean conv = !its.isEmpty() && its.get(its.size() - 1).converged();
        Summary sum = new Summary(nc, its.size(), conv, pe, pf);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("configurations", nc).put("iterations", its.size()).put("converged", conv);
        o.set("energy_per_atom_eV", parityJson(pe));
        o.set("force_components_eV_per_A", parityJson(pf));
        var sel = o.putArray("selections");
        for (var s : its) sel.addObject().put("iteration", s.iteration()).put("candidates", s.candidates()).put("distinct", s.distinct())
                .put("selected", s.selected()).put("failed", s.failed()).put("screened_out", s.screenedOut()).put("dataset", s.datasetSize());
        ActiveLearning.writeJson(dir.resolve("report.json"), o);
        if (figures) {
            scatter(dir.resolve("parity_energy.png"), "Energy parity", "E_ref (eV/atom)", "E_MTP (eV/atom)", eRef, eMod, nc);
            scatter(dir.resolve("parity_forces.png"), "Force parity", "F_ref (eV/Å)", "F_MTP (eV/Å)", fRef, fMod, q);
            bars(dir.resolve("histogram_x.png"), "Training set: Na content", "x (Na per formula unit)", xEdges, hx);
            bars(dir.resolve("histogram_energy.png"), "Training set: energy", "E (eV/atom)", eEdges, he);
        }
        return sum;
    }

    private static ObjectNode parityJson(Parity p) {
        return JsonNodeFactory.instance.objectNode().put("points", p.points()).put("rmse", p.rmse()).put("mae", p.mae()).put("r2", p.r2());
    }

    /** Na atoms per Fe atom (x of Na_xMn[Fe(CN)6]); Na per atom when there is no Fe. */
    static double naPerFe(Structure s) {
        int fe = s.count(26);
        return fe > 0 ? (double) s.count(11) / fe : (double) s.count(11) / s.size();
    }

    private static int[] typeToZ(List<Structure> data, int species, Path output) {
        // the species order is recorded in the run's configuration; reconstruct it from the summary's config path
        Path sum = output.resolve("iter-000").resolve("summary.json");
        String src = ActiveLearning.readJson(sum).get("config").asText();
        LearnConfig c = LearnConfig.read(Path.of(src));
        if (c.typeToZ.length != species) throw new IllegalStateException("species count of final.mtp differs from " + src);
        return c.typeToZ;
    }

    static int[] histogram(double[] v, double[] edges) {
        int[] h = new int[edges.length - 1];
        for (double x : v) {
            for (int i = 0; i < h.length; i++) {
                boolean last = i == h.length - 1;
                if (x >= edges[i] && (x < edges[i + 1] || last && x <= edges[i + 1] + 1e-12)) { h[i]++; break; }
            }
        }
        return h;
    }

    private static void writeHistogram(Path f, String header, double[] edges, int[] h) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 0; i < h.length; i++) b.append(String.format(Locale.ROOT, "%.6g,%.6g,%d%n", edges[i], edges[i + 1], h[i]));
        AtomicFiles.writeString(f, b.toString());
    }

    private static void scatter(Path f, String title, String xl, String yl, double[] x, double[] y, int n) {
        XYSeries s = new XYSeries("data", false, true), d = new XYSeries("y = x", false, true);
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        int stride = Math.max(1, n / 20000);
        for (int i = 0; i < n; i += stride) { s.add(x[i], y[i]); lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]); }
        d.add(lo, lo);
        d.add(hi, hi);
        XYSeriesCollection c = new XYSeriesCollection(s);
        c.addSeries(d);
        JFreeChart ch = ChartFactory.createScatterPlot(title, xl, yl, c, PlotOrientation.VERTICAL, false, false, false);
        FigureExport.png(ch, FigureSettings.paper(title, xl, yl), f);
    }

    private static void bars(Path f, String title, String xl, double[] edges, int[] h) {
        XYSeries s = new XYSeries("configurations", false, true);
        for (int i = 0; i < h.length; i++) { s.add(edges[i], h[i]); s.add(edges[i + 1], h[i]); }
        JFreeChart ch = ChartFactory.createXYAreaChart(title, xl, "configurations", new XYSeriesCollection(s), PlotOrientation.VERTICAL, false, false, false);
        FigureExport.png(ch, FigureSettings.paper(title, xl, "configurations"), f);
    }
}
