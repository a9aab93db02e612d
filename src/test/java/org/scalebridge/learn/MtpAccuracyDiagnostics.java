package org.scalebridge.learn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.scalebridge.core.Progress;
import org.scalebridge.io.Formats;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.potential.mtp.MtpBasisGenerator;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpModel;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.potential.mtp.MtpTrainer;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

/**
 * What limits the accuracy of an MTP learned on the MnFePBA surrogate (diagnostic, not a test). Trains one MTP on a
 * dataset (e.g. an active-learning run's {@code dataset.extxyz}) relabelled by a variant of the surrogate and reports
 * training and held-out ({@link SurrogateHeldOut}) errors. Variants switch off the surrogate's non-local parts one at a
 * time: {@code q=fixed} freezes the framework charges at their x = 1 values (the surrogate sets them from the cell's
 * global Na content), {@code r0=fixed} freezes the Mn–N rest length (also global x), {@code rc=6} cuts Coulomb and
 * Buckingham at 6 Å (the MTP's cutoff). With all three, the reference is local within 6 Å, so what remains is the
 * MTP's own error.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.scalebridge.learn.MtpAccuracyDiagnostics \
 *     dataset=al/dataset.extxyz heldout=/tmp/heldout.extxyz q=x r0=x rc=10 level=6 rb=8 cut=6 it=300
 * </pre>
 * {@code eval=file.mtp} evaluates a potential instead of training one.
 */
public final class MtpAccuracyDiagnostics {
    public static void main(String[] args) throws IOException {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (String s : args) { int e = s.indexOf('='); a.put(s.substring(0, e), s.substring(e + 1)); }
        boolean fixQ = a.getOrDefault("q", "x").equals("fixed"), fixR0 = a.getOrDefault("r0", "x").equals("fixed");
        double rc = Double.parseDouble(a.getOrDefault("rc", "10"));
        Function<Structure, Potential> ref = variant(fixQ, fixR0, rc);
        Path ho = Path.of(a.getOrDefault("heldout", "target/heldout.extxyz"));
        SurrogateHeldOut h;
        long c0 = cpu();
        if (Files.exists(ho)) h = SurrogateHeldOut.read(ho);
        else {
            h = SurrogateHeldOut.build(Integer.parseInt(a.getOrDefault("steps", "600")), Integer.parseInt(a.getOrDefault("per", "4")), 20261207);
            h.label(SurrogateHeldOut.surrogate());
            h.write(ho);
            System.out.printf(Locale.ROOT, "held-out set built: %d snapshots, %d pairs (%.1f s CPU)%n", h.snapshots.size(), h.pairs.size(), (cpu() - c0) * 1e-9);
        }
        if (a.containsKey("pairs")) { // ΔE(N→N+1) of each held-out pair under the reference variants
            String[] names = {"full", "q=fixed", "q,r0=fixed", "q,r0=fixed rc=6"};
            List<Function<Structure, Potential>> vs = List.of(variant(false, false, 10), variant(true, false, 10), variant(true, true, 10), variant(true, true, 6));
            double[][] de = new double[vs.size()][h.pairs.size()];
            for (int v = 0; v < vs.size(); v++) {
                h.label(vs.get(v));
                for (int k = 0; k < h.pairs.size(); k++) de[v][k] = h.pairs.get(k)[1].energy() - h.pairs.get(k)[0].energy();
            }
            System.out.println("pair,N,info," + String.join(",", names));
            for (int k = 0; k < h.pairs.size(); k++) {
                StringBuilder sb = new StringBuilder(k + "," + h.pairs.get(k)[0].count(11) + ",\"" + h.pairs.get(k)[1].info().get("heldout") + "\"");
                for (double[] d : de) sb.append(String.format(Locale.ROOT, ",%.4f", d[k]));
                System.out.println(sb);
            }
            return;
        }
        h.label(ref);
        String tag = String.format(Locale.ROOT, "[q=%s r0=%s rc=%.0f]", fixQ ? "fixed" : "x", fixR0 ? "fixed" : "x", rc);
        int[] typeToZ = {11, 25, 26, 6, 7};
        if (a.containsKey("eval")) {
            MtpModel m = MtpFormat.read(Path.of(a.get("eval")));
            MtpPotential p = new MtpPotential(m, typeToZ);
            System.out.println(tag + " " + a.get("eval") + ": " + h.evaluate(p));
            if (a.containsKey("dataset")) {
                List<Structure> d = Formats.read(Path.of(a.get("dataset")));
                SurrogateHeldOut.label(d, ref);
                double[] e = MtpTrainer.errors(p, d);
                System.out.printf(Locale.ROOT, "%s training set (%d): E RMSE %.2f meV/atom, F RMSE %.3f eV/Å%n", tag, d.size(), 1e3 * e[0], e[1]);
            }
            return;
        }
        List<Structure> data = new ArrayList<>(Formats.read(Path.of(a.get("dataset"))));
        if (a.containsKey("extra")) data.addAll(Formats.read(Path.of(a.get("extra"))));
        if (a.containsKey("addpairs")) { // each configuration's N±1 partner (cage insertion, or removal when full)
            org.scalebridge.core.Rng rng = new org.scalebridge.core.Rng(5);
            int n0 = data.size();
            for (int k = 0; k < n0; k++) {
                Structure s = data.get(k);
                boolean add = s.count(11) < 8 * s.count(26) / 4 && rng.nextDouble() < 0.5 || s.count(11) == 0;
                Structure[] p = SurrogateHeldOut.pair(s, add, rng);
                data.add(add ? p[1] : p[0]);
            }
        }
        SurrogateHeldOut.label(data, ref);
        MtpModel m = MtpBasisGenerator.generate(Integer.parseInt(a.getOrDefault("level", "6")), 5, Integer.parseInt(a.getOrDefault("rb", "8")), 1.0,
                Double.parseDouble(a.getOrDefault("cut", "6")));
        MtpTrainer t = new MtpTrainer(m, typeToZ, data, null, 11);
        t.threads = Integer.parseInt(a.getOrDefault("threads", "1"));
        t.forceWeight = Double.parseDouble(a.getOrDefault("wf", "0.01"));
        t.stressWeight = Double.parseDouble(a.getOrDefault("ws", "0.001"));
        t.weightScaling = Double.parseDouble(a.getOrDefault("scaling", "1"));
        int it = Integer.parseInt(a.getOrDefault("it", "300"));
        double tol = Double.parseDouble(a.getOrDefault("tol", "1e-3"));
        long c1 = cpu();
        MtpTrainer.Result r = t.train(it, tol, new Progress() {
            @Override public void update(long d, long tot, String msg) { if (d % 50 == 0) System.out.println("  " + msg); }
        });
        double sec = (cpu() - c1) * 1e-9;
        MtpPotential p = new MtpPotential(m, typeToZ);
        double[] e = MtpTrainer.errors(p, data);
        System.out.printf(Locale.ROOT, "%s level %s rb %s cut %s wf %s ws %s s %s: %d params, %d it (%s), %.0f s CPU; train (%d): E %.2f meV/atom, F %.3f eV/Å%n",
                tag, a.getOrDefault("level", "6"), a.getOrDefault("rb", "8"), a.getOrDefault("cut", "6"), t.forceWeight, t.stressWeight, t.weightScaling,
                m.parameterCount(), r.iterations, r.converged ? "converged" : "limit", sec, data.size(), 1e3 * e[0], e[1]);
        System.out.println(tag + "   " + h.evaluate(p));
        if (a.containsKey("save")) MtpFormat.write(Path.of(a.get("save")), m);
    }

    /** The surrogate with its global-x dependences optionally frozen and its cutoffs optionally shortened. */
    static Function<Structure, Potential> variant(boolean fixQ, boolean fixR0, double rc) throws IOException {
        String toml = new String(MnFePbaSurrogate.class.getResourceAsStream(MnFePbaSurrogate.RESOURCE).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (fixR0) toml = toml.replaceFirst("r0_x0 = 2.00", "r0_x0 = 2.095").replaceFirst("r0_x2 = 2.19", "r0_x2 = 2.095");
        if (rc < 10) {
            toml = toml.replaceFirst("(?m)^cutoff = 10.0", "cutoff = " + rc).replaceFirst("(?m)^cutoff = 8.0", "cutoff = " + Math.min(8.0, rc));
        }
        Path f = Files.createTempFile("surrogate-variant", ".toml");
        Files.writeString(f, toml);
        MnFePbaSurrogate ff = MnFePbaSurrogate.load(f);
        return s -> {
            Potential p = ff.build(s).potential();
            if (fixQ) {
                double[] q = s.charges();
                for (int i = 0; i < s.size(); i++) q[i] = ff.charge(Elements.symbol(s.atomicNumber(i)), 1.0);
            }
            return p;
        };
    }

    private static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
}
