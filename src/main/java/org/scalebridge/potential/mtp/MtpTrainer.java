package org.scalebridge.potential.mtp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * Fits all MTP parameters to energies, forces and stresses (Novikov et al. 2021, sec. 2.3): loss
 * L = Σ_k [w_E/N_k^s (E_k − E_k*)² + w_F Σ_i |F_i − F_i*|² + w_S/N_k^s ‖W_k − W_k*‖²] + λ‖c_radial‖², with MLIP's
 * defaults w_E = 1, w_F = 0.01, w_S = 0.001, s = weight_scaling = 1, optional per-configuration weights.
 *
 * <p>The gradient is exact up to O(t²): ∂E/∂θ by the adjoint pass, and the force/stress part
 * Σ δ·∂F/∂θ + σ:∂W/∂θ = −d/dt ∂E/∂θ(P_t) along the perturbation P_t: x → (I + tσ)x + tδ built from the residuals,
 * evaluated by a central difference (two extra adjoint passes per configuration). BFGS (dense, as MLIP, up to 1500 parameters) or L-BFGS runs over all parameters;
 * every {@code resolveEvery} iterations the linear parameters (species and moment coefficients) are re-solved exactly
 * by weighted linear least squares at fixed radial coefficients. Parallel over configurations, deterministic sums.
 */
public final class MtpTrainer {
    public double energyWeight = 1, forceWeight = 0.01, stressWeight = 0.001, weightScaling = 1;
    /** Ridge on the radial coefficients (keeps the radial functions well conditioned). */
    public double radialRegularization = 1e-8;
    public int resolveEvery = 25;
    public int threads = 1;
    public int lbfgsMemory = 12;
    /** Dense BFGS (as MLIP) up to this many parameters; L-BFGS beyond. */
    public int denseBfgsLimit = 1500;
    /** Wall-clock budget in seconds (≤ 0: none); the run stops cleanly (and checkpoints) when it is used up. */
    public double maxSeconds = 0;
    /** Stop when the loss decreased by less than tolerance (relative) over this many iterations (MLIP-3: 50). */
    public int toleranceWindow = 50;
    /** Optional checkpoint: the current potential is written here (atomically) every checkpointEvery iterations. */
    public Path checkpoint;
    public int checkpointEvery = 10;

    private final MtpModel model;
    private final MtpKernel kernel;
    private final List<Cfg> data = new ArrayList<>();
    private final double[] cfgWeights;
    private final int nParam, nRadial;

    /** One training configuration with its neighbourhoods frozen (pairs within cutoff + 0.3 Å). */
    static final class Cfg {
        int n;
        int[] type;
        int[] off;
        int[] nbr;
        double[] rij; // 3 per pair
        Double energy;
        double[] forces, virial;
    }

    /**
     * @param model   trained (warm start) or untrained model; untrained ones are initialised from {@code seed}
     * @param typeToZ atomic number of each MTP type
     */
    public MtpTrainer(MtpModel model, int[] typeToZ, List<Structure> training, double[] perConfigWeights, long seed) {
        this.model = model;
        if (!model.isTrained()) initialise(model, training, typeToZ, seed);
        this.kernel = new MtpKernel(model);
        this.nParam = model.parameterCount();
        this.nRadial = model.radialParameterCount();
        int[] zToType = new int[256];
        Arrays.fill(zToType, -1);
        for (int t = 0; t < typeToZ.length; t++) zToType[typeToZ[t]] = t;
        for (Structure s0 : training) data.add(freeze(s0, zToType, model.maxDist + 0.3));
        cfgWeights = perConfigWeights != null ? perConfigWeights.clone() : filled(training.size(), 1.0);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    public MtpModel model() { return model; }

    /** MLIP-like defaults for an untrained template: min_dist from the data, scaling so M_{0,0} ~ 1, seeded radial init. */
    static void initialise(MtpModel m, List<Structure> training, int[] typeToZ, long seed) {
        double minD = Double.MAX_VALUE, sum = 0;
        long cnt = 0;
        for (Structure s : training) {
            NeighborList nl = new NeighborList(m.maxDist, 0, false);
            Structure c = s.copy();
            nl.build(c);
            double[] p = c.positions(), sv = nl.shiftVectors();
            for (int i = 0; i < c.size(); i++) {
                double site = 0;
                for (int q = nl.offsets()[i]; q < nl.offsets()[i + 1]; q++) {
                    int j = nl.neighbors()[q], si = nl.shiftIndex()[q];
                    double dx = p[3 * j] + sv[3 * si] - p[3 * i], dy = p[3 * j + 1] + sv[3 * si + 1] - p[3 * i + 1],
                            dz = p[3 * j + 2] + sv[3 * si + 2] - p[3 * i + 2];
                    double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (d >= m.maxDist) continue;
                    minD = Math.min(minD, d);
                    site += (m.maxDist - d) * (m.maxDist - d);
                }
                sum += site;
                cnt++;
            }
        }
        if (minD < m.maxDist) m.minDist = 0.99 * minD; // MLIP: 0.99 × the training set's smallest distance
        m.scaling = cnt > 0 && sum > 0 ? cnt / sum : 1.0;
        Rng rng = new Rng(seed);
        int c = m.speciesCount, k = m.radialFuncsCount, r = m.radialBasisSize;
        m.radialCoeffs = new double[c * c * k * r];
        for (int blk = 0; blk < c * c; blk++) {
            for (int mu = 0; mu < k; mu++) {
                for (int b = 0; b < r; b++) {
                    double g = gaussian(rng);
                    m.radialCoeffs[(blk * k + mu) * r + b] = (b == 0 ? (mu == 0 ? 1.0 : 0.0) : 0.0) + 0.1 * g / (1 + b);
                }
            }
        }
        m.speciesCoeffs = new double[c];
        m.momentCoeffs = new double[m.alphaScalarMoments()];
    }

    private static double gaussian(Rng rng) {
        double u = Math.max(rng.nextDouble(), 1e-300), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static Cfg freeze(Structure s0, int[] zToType, double range) {
        Structure s = s0.copy();
        NeighborList nl = new NeighborList(range, 0, false);
        nl.build(s);
        Cfg c = new Cfg();
        c.n = s.size();
        c.type = new int[c.n];
        for (int i = 0; i < c.n; i++) {
            c.type[i] = zToType[s.atomicNumber(i)];
            if (c.type[i] < 0) throw new IllegalArgumentException("atomic number " + s.atomicNumber(i) + " not in the potential");
        }
        c.off = Arrays.copyOf(nl.offsets(), c.n + 1);
        int np = c.off[c.n];
        c.nbr = Arrays.copyOf(nl.neighbors(), np);
        c.rij = new double[3 * np];
        double[] p = s.positions(), sv = nl.shiftVectors();
        for (int i = 0; i < c.n; i++) {
            for (int q = c.off[i]; q < c.off[i + 1]; q++) {
                int j = c.nbr[q], si = nl.shiftIndex()[q];
                for (int d = 0; d < 3; d++) c.rij[3 * q + d] = p[3 * j + d] + sv[3 * si + d] - p[3 * i + d];
            }
        }
        c.energy = s0.energy();
        c.forces = s0.forces() == null ? null : Arrays.copyOf(s0.forces(), 3 * c.n);
        c.virial = s0.virial() == null ? null : s0.virial().clone();
        return c;
    }

    /** Per-thread scratch. */
    private final class Scratch {
        final MtpKernel.Workspace w = kernel.workspace();
        double[] f = new double[0], delta = new double[0];
        final double[] vir = new double[9], sig = new double[9];
        final double[] gp = new double[nParam], gm = new double[nParam];
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Loads atom i's neighbours, perturbed by x → (I + tσ)x + tδ when t ≠ 0. */
    private void load(MtpKernel.Workspace w, Cfg c, int i, double t, double[] sig, double[] del) {
        w.nn = 0;
        double rc2 = kernel.rc * kernel.rc;
        for (int q = c.off[i]; q < c.off[i + 1]; q++) {
            double x = c.rij[3 * q], y = c.rij[3 * q + 1], z = c.rij[3 * q + 2];
            int j = c.nbr[q];
            if (t != 0) {
                double px = x + t * (sig[0] * x + sig[1] * y + sig[2] * z + del[3 * j] - del[3 * i]);
                double py = y + t * (sig[3] * x + sig[4] * y + sig[5] * z + del[3 * j + 1] - del[3 * i + 1]);
                double pz = z + t * (sig[6] * x + sig[7] * y + sig[8] * z + del[3 * j + 2] - del[3 * i + 2]);
                x = px; y = py; z = pz;
            }
            if (x * x + y * y + z * z < rc2) w.add(x, y, z, c.type[j], j, 0);
        }
    }

    /** Energy, forces, virial of a frozen configuration; optionally accumulates ∂E/∂θ into dE. */
    private double evaluate(Scratch sc, Cfg c, double t, double[] sig, double[] del, double[] dE, boolean forces) {
        if (forces) {
            if (sc.f.length < 3 * c.n) sc.f = new double[3 * c.n];
            Arrays.fill(sc.f, 0, 3 * c.n, 0.0);
            Arrays.fill(sc.vir, 0.0);
        }
        double e = 0;
        MtpKernel.Workspace w = sc.w;
        for (int i = 0; i < c.n; i++) {
            load(w, c, i, t, sig, del);
            e += kernel.energyAndGradient(w, c.type[i], dE != null);
            if (dE != null) kernel.paramGradient(w, c.type[i], 1.0, dE);
            if (forces) {
                for (int nb = 0; nb < w.nn; nb++) {
                    int j = w.idx[nb];
                    double gx = w.dx[nb], gy = w.dy[nb], gz = w.dz[nb];
                    sc.f[3 * i] += gx; sc.f[3 * i + 1] += gy; sc.f[3 * i + 2] += gz;
                    sc.f[3 * j] -= gx; sc.f[3 * j + 1] -= gy; sc.f[3 * j + 2] -= gz;
                    double rx = w.rx[nb], ry = w.ry[nb], rz = w.rz[nb];
                    sc.vir[0] -= rx * gx; sc.vir[1] -= rx * gy; sc.vir[2] -= rx * gz;
                    sc.vir[3] -= ry * gx; sc.vir[4] -= ry * gy; sc.vir[5] -= ry * gz;
                    sc.vir[6] -= rz * gx; sc.vir[7] -= rz * gy; sc.vir[8] -= rz * gz;
                }
            }
        }
        return e;
    }

    /** Loss of one configuration; adds its gradient to g (length nParam) when g ≠ null. */
    private double configLoss(Cfg c, double cw, double[] g) {
        Scratch sc = scratch.get();
        double[] dE = g == null ? null : new double[nParam];
        double e = evaluate(sc, c, 0, null, null, dE, true);
        double scale = Math.pow(c.n, weightScaling);
        double loss = 0;
        if (c.energy != null && energyWeight > 0) {
            double r = e - c.energy;
            loss += cw * energyWeight / scale * r * r;
            if (g != null) for (int q = 0; q < nParam; q++) g[q] += 2 * cw * energyWeight / scale * r * dE[q];
        }
        boolean haveF = c.forces != null && forceWeight > 0, haveS = c.virial != null && stressWeight > 0;
        if (!haveF && !haveS) return loss;
        if (sc.delta.length < 3 * c.n) sc.delta = new double[3 * c.n];
        Arrays.fill(sc.delta, 0, 3 * c.n, 0.0);
        Arrays.fill(sc.sig, 0.0);
        double amp = 0;
        if (haveF) {
            for (int a = 0; a < 3 * c.n; a++) {
                double r = sc.f[a] - c.forces[a];
                loss += cw * forceWeight * r * r;
                sc.delta[a] = 2 * cw * forceWeight * r;
                amp = Math.max(amp, Math.abs(sc.delta[a]));
            }
        }
        if (haveS) {
            for (int a = 0; a < 9; a++) {
                double r = sc.vir[a] - c.virial[a];
                loss += cw * stressWeight / scale * r * r;
            }
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double rs = 0.5 * ((sc.vir[3 * a + b] - c.virial[3 * a + b]) + (sc.vir[3 * b + a] - c.virial[3 * b + a]));
                    sc.sig[3 * a + b] = 2 * cw * stressWeight / scale * rs;
                    amp = Math.max(amp, Math.abs(sc.sig[3 * a + b]) * 5);
                }
            }
        }
        if (g == null || amp == 0) return loss;
        // Σδ·∂F/∂θ + σ:∂W/∂θ = −d/dt ∂E/∂θ(P_t); step so that atoms move ≤ 1e-5 Å (O(t²) error ~1e-10 relative)
        double t = 1e-5 / amp;
        Arrays.fill(sc.gp, 0.0);
        Arrays.fill(sc.gm, 0.0);
        evaluate(sc, c, t, sc.sig, sc.delta, sc.gp, false);
        evaluate(sc, c, -t, sc.sig, sc.delta, sc.gm, false);
        for (int q = 0; q < nParam; q++) g[q] -= (sc.gp[q] - sc.gm[q]) / (2 * t);
        return loss;
    }

    /** Total loss at θ; fills grad (may be null). */
    public double lossAndGradient(double[] theta, double[] grad) {
        kernel.setParameters(theta);
        int nc = data.size();
        double[] losses = new double[nc];
        double[][] grads = grad == null ? null : new double[nc][];
        runParallel(nc, k -> {
            double[] g = grad == null ? null : new double[nParam];
            losses[k] = configLoss(data.get(k), cfgWeights[k], g);
            if (grads != null) grads[k] = g;
        });
        double loss = 0;
        if (grad != null) Arrays.fill(grad, 0.0);
        for (int k = 0; k < nc; k++) {
            loss += losses[k];
            if (grad != null) for (int q = 0; q < nParam; q++) grad[q] += grads[k][q];
        }
        for (int q = 0; q < nRadial; q++) {
            loss += radialRegularization * theta[q] * theta[q];
            if (grad != null) grad[q] += 2 * radialRegularization * theta[q];
        }
        return loss;
    }

    private interface IntTask { void run(int k); }

    private void runParallel(int n, IntTask task) {
        if (threads <= 1 || n < 2) {
            for (int k = 0; k < n; k++) task.run(k);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "mtp-train");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int tIdx = 0; tIdx < threads; tIdx++) {
                final int t0 = tIdx;
                fs.add(pool.submit(() -> { for (int k = t0; k < n; k += threads) task.run(k); }));
            }
            for (Future<?> f : fs) f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Exact weighted least squares for the linear parameters (species, moment) at fixed radial coefficients: the
     * energy, force and stress rows of each configuration are built from per-basis-function adjoint passes.
     */
    public void solveLinear(double[] theta) {
        kernel.setParameters(theta);
        int c = model.speciesCount, s = model.alphaScalarMoments(), nl = c + s;
        int nc = data.size();
        double[][] ata = new double[nc][], atb = new double[nc][];
        runParallel(nc, k -> {
            Cfg cf = data.get(k);
            double[] A = new double[nl * nl], B = new double[nl];
            MtpKernel.Workspace w = scratch.get().w;
            double[] eRow = new double[nl];
            double[][] fRows = cf.forces != null && forceWeight > 0 ? new double[s][3 * cf.n] : null;
            double[][] wRows = cf.virial != null && stressWeight > 0 ? new double[s][9] : null;
            double[] bq = new double[s];
            for (int i = 0; i < cf.n; i++) {
                load(w, cf, i, 0, null, null);
                kernel.basis(w, cf.type[i], bq);
                eRow[cf.type[i]] += 1;
                for (int q = 0; q < s; q++) eRow[c + q] += bq[q];
                if (fRows == null && wRows == null) continue;
                for (int q = 0; q < s; q++) {
                    kernel.basisGradient(w, q);
                    for (int nb = 0; nb < w.nn; nb++) {
                        double gx = w.dx[nb], gy = w.dy[nb], gz = w.dz[nb];
                        if (fRows != null) {
                            int j = w.idx[nb];
                            double[] fr = fRows[q];
                            fr[3 * i] += gx; fr[3 * i + 1] += gy; fr[3 * i + 2] += gz;
                            fr[3 * j] -= gx; fr[3 * j + 1] -= gy; fr[3 * j + 2] -= gz;
                        }
                        if (wRows != null) {
                            double[] wr = wRows[q];
                            double rx = w.rx[nb], ry = w.ry[nb], rz = w.rz[nb];
                            wr[0] -= rx * gx; wr[1] -= rx * gy; wr[2] -= rx * gz;
                            wr[3] -= ry * gx; wr[4] -= ry * gy; wr[5] -= ry * gz;
                            wr[6] -= rz * gx; wr[7] -= rz * gy; wr[8] -= rz * gz;
                        }
                    }
                }
            }
            double scale = Math.pow(cf.n, weightScaling), cw = cfgWeights[k];
            if (cf.energy != null && energyWeight > 0) addRow(A, B, eRow, 0, cf.energy, cw * energyWeight / scale, nl);
            double[] row = new double[nl];
            if (fRows != null) {
                for (int a = 0; a < 3 * cf.n; a++) {
                    for (int q = 0; q < s; q++) row[c + q] = fRows[q][a];
                    addRow(A, B, row, 0, cf.forces[a], cw * forceWeight, nl);
                }
            }
            if (wRows != null) {
                for (int a = 0; a < 9; a++) {
                    for (int q = 0; q < s; q++) row[c + q] = wRows[q][a];
                    addRow(A, B, row, 0, cf.virial[a], cw * stressWeight / scale, nl);
                }
            }
            ata[k] = A;
            atb[k] = B;
        });
        double[][] m = new double[nl][nl];
        double[] rhs = new double[nl];
        for (int k = 0; k < nc; k++) {
            for (int a = 0; a < nl; a++) {
                rhs[a] += atb[k][a];
                for (int b = 0; b < nl; b++) m[a][b] += ata[k][a * nl + b];
            }
        }
        double tr = 0;
        for (int a = 0; a < nl; a++) tr += m[a][a];
        for (int a = 0; a < nl; a++) m[a][a] += 1e-12 * tr / nl; // tiny ridge against exact degeneracy
        double[] x = new LUDecomposition(new Array2DRowRealMatrix(m, false)).getSolver().solve(new ArrayRealVector(rhs)).toArray();
        System.arraycopy(x, 0, theta, nRadial, nl);
        kernel.setParameters(theta);
    }

    private static void addRow(double[] A, double[] B, double[] row, int unused, double target, double w, int nl) {
        for (int a = 0; a < nl; a++) {
            double ra = row[a] * w;
            if (ra == 0) continue;
            B[a] += ra * target;
            for (int b = 0; b < nl; b++) A[a * nl + b] += ra * row[b];
        }
    }

    /** Result of a training run. */
    public static final class Result {
        public int iterations;
        public double loss;
        public double secondsPerIteration;
    }

    /**
     * Trains with L-BFGS (all parameters) and periodic exact linear re-solves, until maxIterations or the relative
     * loss decrease over {@link #toleranceWindow} iterations is below tolerance (MLIP's default 1e-3); the model is updated in place.
     */
    public Result train(int maxIterations, double tolerance, Progress progress) {
        double[] x = model.parameters();
        solveLinear(x);
        double[] g = new double[nParam];
        double f = lossAndGradient(x, g);
        int m = lbfgsMemory;
        double[][] sH = new double[m][], yH = new double[m][];
        double[] rho = new double[m];
        int hist = 0, head = 0;
        double[] hist10 = new double[toleranceWindow + 1];
        Arrays.fill(hist10, Double.NaN);
        long t0 = System.nanoTime();
        boolean dense = nParam <= denseBfgsLimit;
        double[] hInv = dense ? new double[nParam * nParam] : null;
        boolean hInit = false;
        int it;
        for (it = 1; it <= maxIterations; it++) {
            if (progress.isCancelled()) break;
            if (maxSeconds > 0 && (System.nanoTime() - t0) * 1e-9 > maxSeconds) break;
            double[] d;
            if (dense) {
                d = new double[nParam];
                if (!hInit) {
                    double gn = Math.sqrt(dot(g, g));
                    for (int q = 0; q < nParam; q++) d[q] = -g[q] * 1e-3 / Math.max(gn, 1e-300);
                } else {
                    for (int a = 0; a < nParam; a++) {
                        double v = 0;
                        for (int b = 0; b < nParam; b++) v += hInv[a * nParam + b] * g[b];
                        d[a] = -v;
                    }
                }
            } else {
            // two-loop recursion
            d = g.clone();
            double[] alpha = new double[m];
            for (int h = 0; h < hist; h++) {
                int idx = (head - 1 - h + m) % m;
                alpha[idx] = rho[idx] * dot(sH[idx], d);
                axpy(-alpha[idx], yH[idx], d);
            }
            if (hist > 0) {
                int last = (head - 1 + m) % m;
                double gamma = dot(sH[last], yH[last]) / dot(yH[last], yH[last]);
                for (int q = 0; q < nParam; q++) d[q] *= gamma;
            } else {
                double gn = Math.sqrt(dot(g, g));
                for (int q = 0; q < nParam; q++) d[q] *= 1e-3 / Math.max(gn, 1e-300);
            }
            for (int h = hist - 1; h >= 0; h--) {
                int idx = (head - 1 - h + m) % m;
                double beta = rho[idx] * dot(yH[idx], d);
                axpy(alpha[idx] - beta, sH[idx], d);
            }
            for (int q = 0; q < nParam; q++) d[q] = -d[q];
            }
            double slope = dot(g, d);
            if (slope >= 0) { // not a descent direction: restart
                hist = 0;
                hInit = false;
                for (int q = 0; q < nParam; q++) d[q] = -g[q] * 1e-3 / Math.max(Math.sqrt(dot(g, g)), 1e-300);
                slope = dot(g, d);
            }
            // backtracking Armijo line search
            double step = 1, fNew = Double.NaN;
            double[] xNew = new double[nParam], gNew = new double[nParam];
            for (int ls = 0; ls < 30; ls++) {
                for (int q = 0; q < nParam; q++) xNew[q] = x[q] + step * d[q];
                fNew = lossAndGradient(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) break;
                step *= 0.3;
            }
            if (!(fNew <= f)) { kernel.setParameters(x); break; }
            double[] sv = new double[nParam], yv = new double[nParam];
            for (int q = 0; q < nParam; q++) { sv[q] = xNew[q] - x[q]; yv[q] = gNew[q] - g[q]; }
            double sy = dot(sv, yv);
            if (dense && sy > 1e-300) {
                if (!hInit) { // H0 = (sᵀy / yᵀy) I (Nocedal & Wright eq. 6.20)
                    Arrays.fill(hInv, 0.0);
                    double gam = sy / dot(yv, yv);
                    for (int q = 0; q < nParam; q++) hInv[q * nParam + q] = gam;
                    hInit = true;
                }
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ (Nocedal & Wright eq. 6.17)
                double rh = 1 / sy;
                double[] hy = new double[nParam];
                for (int a = 0; a < nParam; a++) {
                    double v = 0;
                    for (int b = 0; b < nParam; b++) v += hInv[a * nParam + b] * yv[b];
                    hy[a] = v;
                }
                double yhy = dot(yv, hy);
                for (int a = 0; a < nParam; a++) {
                    for (int b = 0; b < nParam; b++) {
                        hInv[a * nParam + b] += -rh * (hy[a] * sv[b] + sv[a] * hy[b]) + (rh * rh * yhy + rh) * sv[a] * sv[b];
                    }
                }
            }
            if (!dense && sy > 1e-300) {
                sH[head] = sv; yH[head] = yv; rho[head] = 1 / sy;
                head = (head + 1) % m;
                hist = Math.min(hist + 1, m);
            }
            x = xNew; g = gNew; f = fNew;
            if (resolveEvery > 0 && it % resolveEvery == 0) {
                solveLinear(x);
                f = lossAndGradient(x, g);
                hist = 0; // L-BFGS: the linear re-solve jumps, restart the history (dense BFGS keeps its matrix)
            }
            System.arraycopy(hist10, 1, hist10, 0, toleranceWindow);
            hist10[toleranceWindow] = f;
            progress.update(it, maxIterations, String.format(Locale.ROOT, "iteration %d loss %.6e", it, f));
            if (checkpoint != null && it % checkpointEvery == 0) {
                model.setParameters(x);
                MtpFormat.write(checkpoint, model);
            }
            if (!Double.isNaN(hist10[0]) && (hist10[0] - f) / Math.max(Math.abs(hist10[0]), 1e-300) < tolerance) break;
        }
        model.setParameters(x);
        kernel.setParameters(x);
        if (checkpoint != null) MtpFormat.write(checkpoint, model);
        Result r = new Result();
        r.iterations = Math.min(it, maxIterations);
        r.loss = f;
        r.secondsPerIteration = (System.nanoTime() - t0) * 1e-9 / Math.max(1, r.iterations);
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int q = 0; q < a.length; q++) s += a[q] * b[q];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int q = 0; q < x.length; q++) y[q] += a * x[q];
    }

    /**
     * Errors against the reference data, as MLIP's check_errors reports them: {energy-per-atom RMSE (eV/atom),
     * force RMSE over atoms of |ΔF_i| (eV/Å), energy-per-atom MAE, force MAE of |ΔF_i|}.
     */
    public static double[] errors(MtpPotential p, List<Structure> set) {
        double se = 0, sf = 0, ae = 0, af = 0;
        long na = 0;
        org.scalebridge.potential.ForceResult r = new org.scalebridge.potential.ForceResult();
        for (Structure s0 : set) {
            Structure s = s0.copy();
            p.compute(s, r);
            double de = (r.energy() - s0.energy()) / s.size();
            se += de * de;
            ae += Math.abs(de);
            if (s0.forces() != null) {
                for (int i = 0; i < s.size(); i++) {
                    double d2 = 0;
                    for (int q = 3 * i; q < 3 * i + 3; q++) { double d = r.forces()[q] - s0.forces()[q]; d2 += d * d; }
                    sf += d2;
                    af += Math.sqrt(d2);
                    na++;
                }
            }
        }
        return new double[] {Math.sqrt(se / set.size()), Math.sqrt(sf / Math.max(na, 1)), ae / set.size(), af / Math.max(na, 1)};
    }
}
