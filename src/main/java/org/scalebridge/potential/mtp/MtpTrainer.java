package org.scalebridge.potential.mtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * Fits all MTP parameters to energies, forces and stresses (Novikov et al. 2021, sec. 2.3): loss
 * L = Σ_k [w_E/N_k^s (E_k − E_k*)² + w_F Σ_i |F_i − F_i*|² + w_S/N_k^s ‖W_k − W_k*‖²] + λ‖c_radial‖², with MLIP's
 * defaults w_E = 1, w_F = 0.01, w_S = 0.001, s = weight_scaling = 1, optional per-configuration weights.
 *
 * <p>The gradient is exact (forward-over-reverse, {@link MtpLoss}): ∂E/∂θ by the adjoint pass, and the force/stress
 * part Σ δ·∂F/∂θ + S:∂W/∂θ = −∂/∂θ D_ṙE along the pair tangents built from the residuals; the pairs, unit vectors and
 * radial basis values are frozen once (positions never change). BFGS (dense, as MLIP, up to 1500 parameters) or L-BFGS runs over all parameters;
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
    /** Wall-clock budget in seconds of the whole run, resumed parts included (≤ 0: none); the run stops cleanly (and checkpoints) when it is used up. */
    public double maxSeconds = 0;
    /** Stop when the loss decreased by less than tolerance (relative) over this many iterations (MLIP-3: 50). */
    public int toleranceWindow = 50;
    /** Optional checkpoint: the current potential is written here (atomically) every checkpointEvery iterations. */
    public Path checkpoint;
    public int checkpointEvery = 10;

    /**
     * Resume: when true and the optimiser state of {@link #checkpoint} ({@code <checkpoint>.state}) exists,
     * {@link #train} continues from it (parameters, BFGS/L-BFGS state, iteration, stopping window) and reaches the
     * same result as an uninterrupted run (bit-identical: the sums are in configuration order for any thread count).
     */
    public boolean resume;
    /**
     * Variable projection (Golub and Pereyra 1973): the quasi-Newton iteration runs over the radial coefficients only
     * and the linear parameters are re-solved exactly by least squares at every trial point, i.e. it minimises
     * L*(c) = min_ξ L(c, ξ), whose gradient is ∂L/∂c at the linear optimum. Fewer iterations than optimising all
     * parameters jointly, but each costs a linear solve more (Mo level 10, quarter of the training set, 150 iterations:
     * no gain per CPU second, hence off by default). False: joint BFGS/L-BFGS with re-solves every
     * {@link #resolveEvery} iterations.
     */
    public boolean variableProjection = false;

    private final MtpModel model;
    private final List<Structure> training;
    private final int[] zToType;
    private MtpLoss loss;
    private MtpLoss.Frozen[] data;
    private final double[] cfgWeights;
    private final int nParam, nRadial;
    private final long seed;
    /** Training-set statistics of the last loss evaluation: {E RMSE (eV/atom), F RMSE (eV/Å), W RMSE (eV)}. */
    private final double[] lastRmse = new double[3];

    /**
     * @param model            trained (warm start) or untrained model; untrained ones are initialised from {@code seed}
     * @param typeToZ          atomic number of each MTP type
     * @param perConfigWeights one weight per training configuration multiplying all its loss terms (null: all 1)
     */
    public MtpTrainer(MtpModel model, int[] typeToZ, List<Structure> training, double[] perConfigWeights, long seed) {
        this.model = model;
        this.training = training;
        this.seed = seed;
        if (!model.isTrained()) initialise(model, training, typeToZ, seed);
        this.nParam = model.parameterCount();
        this.nRadial = model.radialParameterCount();
        zToType = new int[256];
        Arrays.fill(zToType, -1);
        for (int t = 0; t < typeToZ.length; t++) zToType[typeToZ[t]] = t;
        if (perConfigWeights != null && perConfigWeights.length != training.size()) {
            throw new IllegalArgumentException("per-configuration weights: " + perConfigWeights.length + " values for "
                    + training.size() + " configurations");
        }
        cfgWeights = perConfigWeights != null ? perConfigWeights.clone() : filled(training.size(), 1.0);
        build();
    }

    /** Freezes the pairs of every configuration with the model's current min_dist, max_dist and scaling. */
    private void build() {
        loss = new MtpLoss(model);
        loss.setParameters(model.parameters());
        data = new MtpLoss.Frozen[training.size()];
        for (int k = 0; k < data.length; k++) data[k] = freeze(training.get(k));
        scratch = ThreadLocal.withInitial(loss::scratch);
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

    private MtpLoss.Frozen freeze(Structure s0) {
        Structure s = s0.copy();
        NeighborList nl = new NeighborList(model.maxDist + 0.1, 0, false);
        nl.build(s);
        int n = s.size();
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            type[i] = zToType[s.atomicNumber(i)];
            if (type[i] < 0) throw new IllegalArgumentException("atomic number " + s.atomicNumber(i) + " not in the potential");
        }
        int[] off = Arrays.copyOf(nl.offsets(), n + 1);
        int np = off[n];
        int[] nbr = Arrays.copyOf(nl.neighbors(), np);
        double[] rij = new double[3 * np];
        double[] p = s.positions(), sv = nl.shiftVectors();
        for (int i = 0; i < n; i++) {
            for (int q = off[i]; q < off[i + 1]; q++) {
                int j = nbr[q], si = nl.shiftIndex()[q];
                for (int d = 0; d < 3; d++) rij[3 * q + d] = p[3 * j + d] + sv[3 * si + d] - p[3 * i + d];
            }
        }
        MtpLoss.Frozen c = loss.freeze(n, type, off, nbr, rij);
        c.energy = s0.energy();
        c.forces = s0.forces() == null ? null : Arrays.copyOf(s0.forces(), 3 * n);
        c.virial = s0.virial() == null ? null : s0.virial().clone();
        return c;
    }

    private ThreadLocal<MtpLoss.Scratch> scratch;

    private MtpLoss.Weights weights() {
        MtpLoss.Weights w = new MtpLoss.Weights();
        w.energy = energyWeight;
        w.force = forceWeight;
        w.stress = stressWeight;
        w.weightScaling = weightScaling;
        return w;
    }

    private double[][] cfgGrad = new double[0][];
    private double[][] cfgStats = new double[0][];

    /**
     * Total loss at θ; fills grad (may be null). Exact gradient (forward-over-reverse, see {@link MtpLoss}); parallel
     * over configurations with the sums in configuration order, so the result does not depend on the thread count.
     */
    public double lossAndGradient(double[] theta, double[] grad) {
        loss.setParameters(theta);
        int nc = data.length;
        double[] losses = new double[nc];
        if (cfgStats.length != nc) cfgStats = new double[nc][4];
        if (grad != null && (cfgGrad.length != nc)) cfgGrad = new double[nc][nParam];
        MtpLoss.Weights wt = weights();
        runParallel(nc, k -> {
            double[] g = null;
            if (grad != null) {
                g = cfgGrad[k];
                Arrays.fill(g, 0.0);
            }
            Arrays.fill(cfgStats[k], 0.0);
            losses[k] = loss.configLoss(scratch.get(), data[k], cfgWeights[k], wt, g, cfgStats[k]);
        });
        double total = 0;
        if (grad != null) Arrays.fill(grad, 0.0);
        double se = 0, sf = 0, nf = 0, sw = 0;
        int nw = 0;
        for (int k = 0; k < nc; k++) {
            total += losses[k];
            if (grad != null) {
                double[] gk = cfgGrad[k];
                for (int q = 0; q < nParam; q++) grad[q] += gk[q];
            }
            se += cfgStats[k][0];
            sf += cfgStats[k][1];
            nf += cfgStats[k][2];
            sw += cfgStats[k][3];
            if (data[k].virial != null) nw++;
        }
        lastRmse[0] = Math.sqrt(se / Math.max(nc, 1));
        lastRmse[1] = Math.sqrt(sf / Math.max(nf, 1));
        lastRmse[2] = Math.sqrt(sw / Math.max(9 * nw, 1));
        // ridge on the radial coefficients keeps the radial functions well conditioned
        for (int q = 0; q < nRadial; q++) {
            total += radialRegularization * theta[q] * theta[q];
            if (grad != null) grad[q] += 2 * radialRegularization * theta[q];
        }
        return total;
    }

    /** Training-set RMSEs at the last loss evaluation: {energy (eV/atom), force |ΔF_i| over atoms (eV/Å), virial per component (eV)}. */
    public double[] lastTrainingRmse() {
        return new double[] {lastRmse[0], lastRmse[1], lastRmse[2]};
    }

    private interface IntTask { void run(int k); }

    private ExecutorService pool;
    private int poolThreads;

    private void runParallel(int n, IntTask task) {
        if (threads <= 1 || n < 2) {
            for (int k = 0; k < n; k++) task.run(k);
            return;
        }
        if (pool == null || poolThreads != threads) {
            if (pool != null) pool.shutdownNow();
            poolThreads = threads;
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread th = new Thread(r, "mtp-train");
                th.setDaemon(true);
                return th;
            });
        }
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int tIdx = 0; tIdx < threads; tIdx++) {
                fs.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) task.run(k);
                }));
            }
            for (Future<?> f : fs) f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
        }
    }

    /**
     * Exact weighted least squares for the linear parameters (species, moment) at fixed radial coefficients: the
     * energy, force and stress rows of each configuration from {@link MtpLoss#linearNormal}; θ's linear part is replaced.
     */
    public void solveLinear(double[] theta) {
        loss.setParameters(theta);
        int c = model.speciesCount, s = model.alphaScalarMoments(), nl = c + s;
        int nc = data.length;
        double[][] ata = new double[nc][], atb = new double[nc][];
        MtpLoss.Weights wt = weights();
        runParallel(nc, k -> {
            double[] A = new double[nl * nl], B = new double[nl];
            loss.linearNormal(scratch.get(), data[k], cfgWeights[k], wt, A, B);
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
        loss.setParameters(theta);
    }

    /** Result of a training run. */
    public static final class Result {
        public int iterations;
        public double loss;
        public double secondsPerIteration;
        /** True when the run stopped because the relative loss decrease over the window fell below the tolerance. */
        public boolean converged;
        /** Iteration the run started from (0, or the checkpoint's iteration when resumed). */
        public int resumedFrom;
        /** Loss+gradient evaluations (line-search trials included) and the CPU seconds of this process part of the run. */
        public int evaluations;
    }

    /** The complete optimiser state; written atomically next to the checkpoint potential. */
    static final class State {
        static final long MAGIC = 0x4d5450545241494eL; // "MTPTRAIN"
        int it;
        double f;
        double[] x, g;
        boolean dense, hInit, varpro;
        double[] hInv;
        int hist, head;
        double[][] sH, yH;
        double[] rho;
        double[] window;
        double elapsed;
        long seed;
        double minDist, scaling;

        void write(Path file) {
            AtomicFiles.writeBytes(file, os -> {
                DataOutputStream o = new DataOutputStream(new BufferedOutputStream(os));
                o.writeLong(MAGIC);
                o.writeInt(1);
                o.writeLong(seed);
                o.writeDouble(minDist);
                o.writeDouble(scaling);
                o.writeInt(it);
                o.writeDouble(f);
                writeArr(o, x);
                writeArr(o, g);
                o.writeBoolean(varpro);
                o.writeBoolean(dense);
                o.writeBoolean(hInit);
                writeArr(o, hInv);
                o.writeInt(hist);
                o.writeInt(head);
                o.writeInt(sH.length);
                for (int q = 0; q < sH.length; q++) { writeArr(o, sH[q]); writeArr(o, yH[q]); }
                writeArr(o, rho);
                writeArr(o, window);
                o.writeDouble(elapsed);
                o.flush();
            });
        }

        static State read(Path file) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                if (in.readLong() != MAGIC) throw InputException.at(file, 0, "not an MTP training state (bad magic number)");
                int ver = in.readInt();
                if (ver != 1) throw InputException.at(file, 0, "training state version " + ver + ", expected 1");
                State s = new State();
                s.seed = in.readLong();
                s.minDist = in.readDouble();
                s.scaling = in.readDouble();
                s.it = in.readInt();
                s.f = in.readDouble();
                s.x = readArr(in);
                s.g = readArr(in);
                s.varpro = in.readBoolean();
                s.dense = in.readBoolean();
                s.hInit = in.readBoolean();
                s.hInv = readArr(in);
                s.hist = in.readInt();
                s.head = in.readInt();
                int m = in.readInt();
                s.sH = new double[m][];
                s.yH = new double[m][];
                for (int q = 0; q < m; q++) { s.sH[q] = readArr(in); s.yH[q] = readArr(in); }
                s.rho = readArr(in);
                s.window = readArr(in);
                s.elapsed = in.readDouble();
                return s;
            } catch (java.io.EOFException e) {
                throw InputException.at(file, 0, "truncated training state");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void writeArr(DataOutputStream o, double[] a) throws IOException {
            if (a == null) { o.writeInt(-1); return; }
            o.writeInt(a.length);
            for (double v : a) o.writeDouble(v);
        }

        private static double[] readArr(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) return null;
            double[] a = new double[n];
            for (int q = 0; q < n; q++) a[q] = in.readDouble();
            return a;
        }
    }

    /** The optimiser-state file of a checkpoint potential path. */
    public static Path stateFile(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".state");
    }

    private void saveCheckpoint(State st) {
        if (checkpoint == null) return;
        model.setParameters(st.x);
        MtpFormat.write(checkpoint, model);
        st.write(stateFile(checkpoint)); // state last: a state file always has its potential next to it
    }

    /**
     * Trains with BFGS (dense, as MLIP) or L-BFGS over all parameters, with exact linear re-solves every
     * {@link #resolveEvery} iterations, until maxIterations (counted from the start of the run, also when resumed) or
     * until the relative loss decrease over {@link #toleranceWindow} iterations is below tolerance (MLIP's default
     * 1e-3). Progress reports loss and training RMSEs each iteration; the model is updated in place; with a
     * {@link #checkpoint} the potential and the optimiser state are saved every {@link #checkpointEvery} iterations
     * and at the end (also on cancellation or time-out).
     */
    public Result train(int maxIterations, double tolerance, Progress progress) {
        State st;
        long t0 = System.nanoTime();
        int evals = 0;
        if (resume && checkpoint != null && Files.exists(stateFile(checkpoint))) {
            st = State.read(stateFile(checkpoint));
            if (st.x.length != nParam) {
                throw InputException.at(stateFile(checkpoint), 0, st.x.length + " parameters, expected the potential's " + nParam);
            }
            if (st.minDist != model.minDist || st.scaling != model.scalingOrOne()) {
                model.minDist = st.minDist;
                model.scaling = st.scaling;
                model.setParameters(st.x);
                build();
            }
            model.setParameters(st.x);
            loss.setParameters(st.x);
            t0 -= (long) (st.elapsed * 1e9);
            progress.log(String.format(Locale.ROOT, "resumed MTP training at iteration %d, loss %.6e", st.it, st.f));
        } else {
            st = new State();
            st.seed = seed;
            st.minDist = model.minDist;
            st.scaling = model.scalingOrOne();
            st.x = model.parameters();
            solveLinear(st.x);
            st.g = new double[nParam];
            st.f = lossAndGradient(st.x, st.g);
            evals++;
            st.varpro = variableProjection;
            int nOpt = st.varpro ? nRadial : nParam;
            st.dense = nOpt <= denseBfgsLimit;
            st.hInv = st.dense ? new double[nOpt * nOpt] : null;
            st.sH = new double[st.dense ? 0 : lbfgsMemory][];
            st.yH = new double[st.sH.length][];
            st.rho = new double[st.sH.length];
            st.window = new double[toleranceWindow + 1];
            Arrays.fill(st.window, Double.NaN);
        }
        int start = st.it;
        boolean converged = false;
        while (st.it < maxIterations) {
            if (progress.isCancelled()) break;
            if (maxSeconds > 0 && (System.nanoTime() - t0) * 1e-9 > maxSeconds) break;
            int before = evals;
            evals += step(st);
            if (evals < 0) break;
            if (evals == before) break; // line search failed: no further decrease
            st.it++;
            if (!st.varpro && resolveEvery > 0 && st.it % resolveEvery == 0) {
                solveLinear(st.x);
                st.f = lossAndGradient(st.x, st.g);
                evals++;
                st.hist = 0; // L-BFGS: the linear re-solve jumps, restart the history (dense BFGS keeps its matrix)
            }
            int w = st.window.length - 1;
            System.arraycopy(st.window, 1, st.window, 0, w);
            st.window[w] = st.f;
            st.elapsed = (System.nanoTime() - t0) * 1e-9;
            progress.update(st.it, maxIterations, String.format(Locale.ROOT,
                    "iteration %d loss %.6e train RMSE E %.2f meV/atom F %.4f eV/A", st.it, st.f, 1e3 * lastRmse[0],
                    lastRmse[1]));
            if (checkpoint != null && checkpointEvery > 0 && st.it % checkpointEvery == 0) saveCheckpoint(st);
            if (!Double.isNaN(st.window[0]) && (st.window[0] - st.f) / Math.max(Math.abs(st.window[0]), 1e-300) < tolerance) {
                converged = true;
                break;
            }
        }
        st.elapsed = (System.nanoTime() - t0) * 1e-9;
        saveCheckpoint(st);
        model.setParameters(st.x);
        loss.setParameters(st.x);
        Result r = new Result();
        r.iterations = st.it;
        r.resumedFrom = start;
        r.loss = st.f;
        r.converged = converged;
        r.evaluations = evals;
        r.secondsPerIteration = st.elapsed / Math.max(1, st.it);
        return r;
    }

    /** One quasi-Newton iteration with a backtracking Armijo line search; returns the loss evaluations, 0 on failure. */
    private int step(State st) {
        int n = st.varpro ? nRadial : nParam; // optimised parameters: a prefix of θ (radial first)
        double[] g = Arrays.copyOf(st.g, n), x = st.x;
        double[] d = new double[n];
        double gn = Math.sqrt(dot(g, g));
        if (st.dense) {
            if (!st.hInit) {
                for (int q = 0; q < n; q++) d[q] = -g[q] * 1e-3 / Math.max(gn, 1e-300);
            } else {
                double[] h = st.hInv;
                for (int a = 0; a < n; a++) {
                    double v = 0;
                    int o = a * n;
                    for (int b = 0; b < n; b++) v += h[o + b] * g[b];
                    d[a] = -v;
                }
            }
        } else {
            int m = st.sH.length;
            System.arraycopy(g, 0, d, 0, n);
            double[] alpha = new double[m];
            for (int h = 0; h < st.hist; h++) { // two-loop recursion (Nocedal & Wright alg. 7.4)
                int idx = (st.head - 1 - h + m) % m;
                alpha[idx] = st.rho[idx] * dot(st.sH[idx], d);
                axpy(-alpha[idx], st.yH[idx], d);
            }
            if (st.hist > 0) {
                int last = (st.head - 1 + m) % m;
                double gamma = dot(st.sH[last], st.yH[last]) / dot(st.yH[last], st.yH[last]);
                for (int q = 0; q < n; q++) d[q] *= gamma;
            } else {
                for (int q = 0; q < n; q++) d[q] *= 1e-3 / Math.max(gn, 1e-300);
            }
            for (int h = st.hist - 1; h >= 0; h--) {
                int idx = (st.head - 1 - h + m) % m;
                double beta = st.rho[idx] * dot(st.yH[idx], d);
                axpy(alpha[idx] - beta, st.sH[idx], d);
            }
            for (int q = 0; q < n; q++) d[q] = -d[q];
        }
        double slope = dot(g, d);
        if (slope >= 0) { // not a descent direction: restart
            st.hist = 0;
            st.hInit = false;
            for (int q = 0; q < n; q++) d[q] = -g[q] * 1e-3 / Math.max(gn, 1e-300);
            slope = dot(g, d);
        }
        double step = 1, fNew = Double.NaN;
        double[] xNew = x.clone(), gNew = new double[nParam];
        int evals = 0;
        for (int ls = 0; ls < 30; ls++) {
            for (int q = 0; q < n; q++) xNew[q] = x[q] + step * d[q];
            if (st.varpro) solveLinear(xNew);
            fNew = lossAndGradient(xNew, gNew);
            evals++;
            if (Double.isFinite(fNew) && fNew <= st.f + 1e-4 * step * slope) break;
            step *= 0.3;
        }
        if (!(fNew <= st.f)) {
            loss.setParameters(x);
            return 0;
        }
        double[] sv = new double[n], yv = new double[n];
        for (int q = 0; q < n; q++) { sv[q] = xNew[q] - x[q]; yv[q] = gNew[q] - g[q]; }
        double sy = dot(sv, yv);
        if (st.dense && sy > 1e-300) {
            double[] h = st.hInv;
            if (!st.hInit) { // H0 = (sᵀy / yᵀy) I (Nocedal & Wright eq. 6.20)
                Arrays.fill(h, 0.0);
                double gam = sy / dot(yv, yv);
                for (int q = 0; q < n; q++) h[q * n + q] = gam;
                st.hInit = true;
            }
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ (Nocedal & Wright eq. 6.17)
            double rh = 1 / sy;
            double[] hy = new double[n];
            for (int a = 0; a < n; a++) {
                double v = 0;
                int o = a * n;
                for (int b = 0; b < n; b++) v += h[o + b] * yv[b];
                hy[a] = v;
            }
            double yhy = dot(yv, hy), cs = rh * rh * yhy + rh;
            for (int a = 0; a < n; a++) {
                int o = a * n;
                double ha = hy[a], sa = sv[a];
                for (int b = 0; b < n; b++) h[o + b] += -rh * (ha * sv[b] + sa * hy[b]) + cs * sa * sv[b];
            }
        }
        if (!st.dense && sy > 1e-300) {
            int m = st.sH.length;
            st.sH[st.head] = sv;
            st.yH[st.head] = yv;
            st.rho[st.head] = 1 / sy;
            st.head = (st.head + 1) % m;
            st.hist = Math.min(st.hist + 1, m);
        }
        st.x = xNew;
        st.g = gNew;
        st.f = fNew;
        return evals;
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
