package org.scalebridge.continuum;

import org.scalebridge.core.ScaleBridgeException;

/**
 * Implicit variable-step, variable-order BDF (orders 1..maxOrder ≤ 5) for {@link DaeSystem}s, with modified Newton on a
 * sparse Jacobian ({@link SparseJacobian}: coloured finite differences, analytic particle blocks where the system has
 * them) factorised by the block solver {@link ArrowSolver} or, without block structure, {@link BandedLU}. The BDF
 * coefficients are computed for the actual (non-uniform) step history from the Lagrange basis, the local error is
 * estimated from the predictor–corrector difference (scaled by h/(t_{n+1}-t_{n-q})), the order rises when the history
 * allows and falls when the lower-order estimate permits a longer step. Step control follows IDA's practice where it
 * pays: algebraic variables are left out of the error test (IDA's suppressalg), the Jacobian is refreshed before h
 * is cut when a stale one stops Newton from converging, Newton stops after 4
 * iterations or at a contraction rate above 0.7, a singular iteration matrix shortens the step, an error-test failure
 * aims at half the tolerance and then quarters h, and for 30 steps after any failure h only doubles or is cut.
 * Algebraic variables are made consistent
 * before the first step by damped Newton ({@link #initialize}). Dense output and event location use the interpolating
 * polynomial through the last q+1 accepted points. All work arrays are allocated once.
 */
public final class BdfIntegrator {
    /** Scalar event function; a sign change between accepted steps stops the integration at its root. */
    public interface Event { double g(double t, double[] y); }

    /** Receives the interpolated state at each requested output time (arrays are reused: copy what you keep). */
    public interface Observer { void at(double t, double[] y); }

    private static final int QMAX = 5;
    private static final boolean DEBUG = false;
    private static final boolean TRACE = Boolean.getBoolean("scalebridge.p2d.trace"); // step/Newton trace on stderr (diagnostics)
    private static final java.io.PrintStream STEPLOG = stepLog(); // one line per step attempt (diagnostics)

    private static java.io.PrintStream stepLog() {
        String f = System.getProperty("scalebridge.p2d.steplog");
        try { return f == null ? null : new java.io.PrintStream(new java.io.FileOutputStream(f), false); }
        catch (java.io.IOException e) { return null; }
    }
    private final DaeSystem sys;
    private final int n, kl, ku;
    private final double rtol;
    private final double[] atol, mass, scale;
    private int maxOrder;

    private final double[][] hist;  // hist[0] = y_n, hist[1] = y_{n-1}, ...
    private final double[] th = new double[QMAX + 2];
    private int nHist;
    private double[] ydot0;         // derivative at the start, for the first predictor
    private SparseJacobian jac;     // ∂f/∂y on its probed pattern, with the block solver the pattern admits
    private final BandedLU lu;
    private final double[] f0, f1, ypert, ynew, ypred, beta, delta, work, work2;
    private final double[] alpha = new double[QMAX + 1];
    private final double[] lag = new double[QMAX + 2];
    private boolean jacCurrent;
    private double luAlpha0 = Double.NaN;
    private double h, t;
    private int q = 1, stepsAtOrder;
    private double hmax = Double.POSITIVE_INFINITY;

    // statistics
    private long nSteps, nRejected, nRhs, nJac, nLu, nNewtonFail, nNewtonIter, nStaleRetry;
    private long nRhsOuter; // outer-row residuals of Jacobians with analytic blocks (far cheaper than full ones)
    private final long[] iterHist = new long[8];

    public BdfIntegrator(DaeSystem sys, double rtol, double atolFactor, int maxOrder) {
        if (maxOrder < 1 || maxOrder > QMAX) throw new IllegalArgumentException("maxOrder must be 1..5");
        this.sys = sys;
        this.n = sys.size();
        this.kl = sys.lowerBandwidth();
        this.ku = sys.upperBandwidth();
        this.rtol = rtol;
        this.maxOrder = maxOrder;
        this.mass = new double[n];
        sys.massDiagonal(mass);
        this.scale = new double[n];
        sys.typicalScale(scale);
        this.atol = new double[n];
        for (int i = 0; i < n; i++) atol[i] = atolFactor * scale[i];
        hist = new double[QMAX + 2][n];
        lu = new BandedLU(n, kl, ku);
        f0 = new double[n]; f1 = new double[n]; ypert = new double[n]; ynew = new double[n]; ypred = new double[n];
        beta = new double[n]; delta = new double[n]; work = new double[n]; work2 = new double[n];
        ydot0 = new double[n];
        yJac = new double[n];
        ewtInv = new double[n];
        driftLimit = new double[n];
        for (int i = 0; i < n; i++) driftLimit[i] = BLOCK_DRIFT * scale[i];
    }

    public double time() { return t; }

    /** The current accepted state (do not modify). */
    public double[] state() { return hist[0]; }

    public void setMaxStep(double hmax) { this.hmax = hmax; }

    public String statistics() {
        return "structured=" + structured() + " colors=" + colors() + " luMs=" + luNanos / 1000000 + " jacMs=" + jacNanos / 1000000 + " steps=" + nSteps + " rejected=" + nRejected + " rhs=" + nRhs + " jac=" + nJac + (jac != null && jac.analytic != null ? " outerRhs=" + nRhsOuter : "") + " lu=" + nLu
                + " blockJac=" + nBlockRefresh + " partialLu=" + nPartialLu + " newtonFail=" + nNewtonFail + " (staleJacRetry=" + nStaleRetry + " singular=" + nSingular + ") newtonIter=" + nNewtonIter + (TRACE ? " iterHist=" + java.util.Arrays.toString(iterHist) : "") + (TRACE ? " diverged=" + nDiverged + " nan=" + nNaN : "");
    }

    public long steps() { return nSteps; }

    /** Zeroes the counters reported by {@link #statistics()} (an integrator reused for another run). */
    public void resetStatistics() {
        nSteps = nRejected = nRhs = nJac = nLu = nNewtonFail = nNewtonIter = nStaleRetry = nSingular = nRhsOuter = nBlockRefresh = nPartialLu = 0;
        luNanos = jacNanos = 0;
        java.util.Arrays.fill(iterHist, 0);
    }

    /**
     * Starts (or restarts after a discontinuity) at (t0, y0): solves the algebraic equations for the algebraic
     * variables with the differential ones fixed, and resets the step history to order 1.
     */
    public void initialize(double t0, double[] y0, double h0) {
        this.t = t0;
        System.arraycopy(y0, 0, hist[0], 0, n);
        Object key = sys.structureKey();
        SparseJacobian pat = key == null ? null : patterns.get(key);
        if (pat == null) {
            pat = SparseJacobian.probe(sys, scale, t0, hist[0]);
            nRhs += pat.probeResiduals;
            if (key != null) patterns.put(key, pat);
        } else if (pat != jac) pat.clear();
        jac = pat;
        arrow = jac.arrow; analytic = jac.analytic;
        if (analytic != null && refreshed.length != analytic.blockCount()) refreshed = new boolean[analytic.blockCount()];
        arrowJacobian = -1; // (another pattern may have brought another block solver)
        setWeights(hist[0]);
        consistentInit(t0, hist[0]);
        setWeights(hist[0]);
        th[0] = t0;
        nHist = 1;
        q = 1;
        stepsAtOrder = 0;
        jacCurrent = false;
        lastFailure = NONE;
        sys.rhs(t0, hist[0], f0); nRhs++;
        for (int i = 0; i < n; i++) ydot0[i] = mass[i] != 0 ? f0[i] / mass[i] : 0.0;
        if (h0 > 0) h = h0;
        else {
            double nrm = 0;
            for (int i = 0; i < n; i++) if (mass[i] != 0) {
                double w = rtol * Math.abs(hist[0][i]) + atol[i];
                nrm = Math.max(nrm, Math.abs(ydot0[i]) / w);
            }
            h = nrm > 0 ? 0.01 / nrm : 1e-6;
        }
        h = Math.min(h, hmax);
        luAlpha0 = Double.NaN;
        cautious = 0;
    }

    /** Damped Newton on the algebraic rows of f = 0 with differential variables frozen. */
    private void consistentInit(double t0, double[] y) {
        boolean anyAlg = false;
        for (int i = 0; i < n; i++) if (mass[i] == 0) { anyAlg = true; break; }
        if (!anyAlg) return;
        double prev = Double.NaN;
        for (int it = 0; it < 100; it++) {
            sys.rhs(t0, y, f0); nRhs++;
            double res = algResidualNorm(f0);
            computeJacobian(t0, y, f0);
            boolean ok;
            if (arrow != null) { // same block structure: identity on differential rows
                ok = arrow.factor(initMatrix, jac.colPtr, jac.colRows);
                arrowJacobian = -1; // the block solver no longer holds −∂f/∂y
            }
            else {
                lu.clear();
                int[] colPtr = jac.colPtr, colRows = jac.colRows;
                for (int c = 0; c < n; c++) for (int k = colPtr[c]; k < colPtr[c + 1]; k++) {
                    int r = colRows[k];
                    if (mass[r] == 0) lu.set(r, c, -jac.values[k]);
                }
                for (int r = 0; r < n; r++) if (mass[r] != 0) lu.set(r, r, 1.0);
                ok = lu.factor();
            }
            if (!ok) throw new Failure("singular Jacobian while initialising the algebraic variables", t0);
            nLu++;
            luAlpha0 = Double.NaN; // the block solver now holds the initialisation matrix
            for (int i = 0; i < n; i++) delta[i] = mass[i] != 0 ? 0.0 : f0[i];
            if (arrow != null) arrow.solve(delta); else lu.solve(delta);
            double dn = weightedNorm(delta, false);
            if (dn < 1e-3) { // converged well below the integration tolerance
                for (int i = 0; i < n; i++) y[i] += delta[i];
                return;
            }
            // backtracking line search on the algebraic residual
            double lam = 1.0;
            for (int ls = 0; ls < 30; ls++) { // (near the solution the full step is taken: the residual is then round-off)
                for (int i = 0; i < n; i++) ypert[i] = y[i] + lam * delta[i];
                sys.rhs(t0, ypert, f1); nRhs++;
                double r1 = algResidualNorm(f1);
                if (Double.isFinite(r1) && (r1 <= (1 - 1e-4 * lam) * res || res == 0 || dn < 1e3)) break;
                lam *= 0.5;
            }
            if (DEBUG) {
                int am = worstComponent(delta, false);
                System.err.println("init it=" + it + " res=" + res + " dn=" + dn + " lam=" + lam + " t0=" + t0 + " argmax=" + am + " of " + n + " y=" + y[am] + " d=" + delta[am]);
            }
            System.arraycopy(ypert, 0, y, 0, n);
            prev = dn;
        }
        throw new Failure("could not find consistent initial values for the algebraic variables"
                + " (Newton did not converge; last update norm " + prev + ", largest in " + sys.describe(worstComponent(delta, false)) + ")", t0);
    }

    private double algResidualNorm(double[] f) {
        double s = 0;
        for (int i = 0; i < n; i++) if (mass[i] == 0) s += f[i] * f[i];
        return Math.sqrt(s);
    }

    /** The probed pattern of each {@link DaeSystem#structureKey()} met so far (a restart in the same mode reuses it). */
    private final java.util.Map<Object, SparseJacobian> patterns = new java.util.HashMap<>();

    /** The pattern's block solver (null: band LU) and analytic blocks (null: all differenced), from {@link #jac}. */
    private ArrowSolver arrow;
    private AnalyticBlocks analytic;
    /** −∂f/∂y on algebraic rows, identity on differential rows (Newton for the algebraic variables alone). */
    private final ArrowSolver.Matrix initMatrix = this::initEntry;

    private double initEntry(int k, int r, int c) { return mass[r] != 0 ? (r == c ? 1.0 : 0.0) : -jac.values[k]; }
    /** Counts Jacobian evaluations; the block solver holds −∂f/∂y of version {@link #arrowJacobian} (−1: something else). */
    private long jacobianVersion, arrowJacobian = -1;

    /** True when the block (Schur-complement) solver is in use. */
    public boolean structured() { return arrow != null; }

    /** Number of residual evaluations per Jacobian (colours), after the first initialisation. */
    public int colors() { return jac == null ? 0 : jac.nColors; }

    public long luNanos, jacNanos;

    /** ∂f/∂y at (tt, y), fy = f(tt, y); the block Jacobians are then those of y. */
    private void computeJacobian(double tt, double[] y, double[] fy) {
        long q0 = System.nanoTime();
        int residuals;
        try { residuals = jac.evaluate(tt, y, fy); } finally { jacNanos += System.nanoTime() - q0; }
        if (analytic != null) nRhsOuter += residuals; else nRhs += residuals;
        nJac++;
        jacobianVersion++;
        jacAtPredictor = false;
        jacCurrent = true;
        System.arraycopy(y, 0, yJac, 0, n);
    }

    /**
     * Reciprocal error weights 1/(rtol·|y_i| + atol_i), set from the last accepted state once per step, as IDA and
     * CVODE set theirs: every norm of the step (Newton corrections, local error estimates) then multiplies instead of
     * dividing per component, and all of them measure against the same weights. (Weights from each Newton iterate,
     * as before, cost a division per component and iteration: MnFePBA 0.1C 6.3 / 7.0 s against 6.7 / 7.8 s, with
     * 79,725 instead of 80,343 Newton iterations and V within 0.760 mV RMS of an rtol 1e-6 run instead of 0.762.)
     */
    private final double[] ewtInv;

    private void setWeights(double[] y) { for (int i = 0; i < n; i++) ewtInv[i] = 1.0 / (rtol * Math.abs(y[i]) + atol[i]); }

    /** RMS of v in the error weights of the step (over the differential components only, if asked). */
    private double weightedNorm(double[] v, boolean differentialOnly) {
        double s = 0; int cnt = 0;
        for (int i = 0; i < n; i++) {
            if (differentialOnly && mass[i] == 0) continue;
            double e = v[i] * ewtInv[i];
            s += e * e; cnt++;
        }
        return cnt == 0 ? 0 : Math.sqrt(s / cnt);
    }

    /** Lagrange-basis derivative coefficients at nodes[0] for nodes[0..k]. */
    private static void bdfCoefficients(double[] nodes, int k, double[] out) {
        double s = 0;
        for (int m = 1; m <= k; m++) s += 1.0 / (nodes[0] - nodes[m]);
        out[0] = s;
        for (int j = 1; j <= k; j++) {
            double num = 1, den = 1;
            for (int m = 0; m <= k; m++) {
                if (m == j) continue;
                den *= nodes[j] - nodes[m];
                if (m != 0) num *= nodes[0] - nodes[m];
            }
            out[j] = num / den;
        }
    }

    /** Polynomial through hist[0..k] at times th[0..k], evaluated at tt into out. */
    private void interpolate(double tt, int k, double[] out) {
        for (int j = 0; j <= k; j++) {
            double l = 1;
            for (int m = 0; m <= k; m++) if (m != j) l *= (tt - th[m]) / (th[j] - th[m]);
            lag[j] = l;
        }
        combine(lag, hist, 0, k, out);
    }

    /** beta = Σ_{j=1..q} α[j]·hist[j−1], in j order per component. */
    private void combineShifted(double[] a, int q, double[] out) {
        double a1 = a[1];
        double[] h0 = hist[0];
        for (int i = 0; i < n; i++) out[i] = 0 + a1 * h0[i];
        for (int j = 2; j <= q; j++) {
            double aj = a[j];
            double[] hj = hist[j - 1];
            for (int i = 0; i < n; i++) out[i] += aj * hj[i];
        }
    }

    /** out = Σ_{j=from..to} w[j]·v[j], summed in j order per component (as a scalar loop over j would, bit for bit),
     *  one streaming pass per term so that each pass vectorises. */
    private void combine(double[] w, double[][] v, int from, int to, double[] out) {
        double w0 = w[from];
        double[] v0 = v[from];
        for (int i = 0; i < n; i++) out[i] = 0 + w0 * v0[i]; // 0 + x keeps −0.0 → +0.0 as the scalar sum did
        for (int j = from + 1; j <= to; j++) {
            double wj = w[j];
            double[] vj = v[j];
            for (int i = 0; i < n; i++) out[i] += wj * vj[i];
        }
    }

    private final double[] nodes = new double[QMAX + 2];

    /**
     * Integrates to tEnd (or until the event's root). Calls the observer at each output time in (t, tEnd] that is
     * reached (outputs[from..] sorted). Returns the index of the next unused output time; {@link #time()} is where
     * it stopped and {@link #eventHit()} says whether an event stopped it.
     */
    public int advance(double tEnd, double[] outputs, int from, Observer obs, Event ev) {
        eventHit = false;
        double gPrev = ev == null ? 0 : ev.g(t, hist[0]);
        int out = from;
        while (outputs != null && out < outputs.length && outputs[out] <= t) {
            if (outputs[out] == t && obs != null) obs.at(t, hist[0]);
            out++;
        }
        int fails = 0;
        stopRequested = false;
        while (t < tEnd && !stopRequested) {
            if (h > hmax) h = hmax;
            boolean last = false;
            if (t + h >= tEnd || t + 1.0001 * h >= tEnd) { h = tEnd - t; last = true; }
            if (h < 1e-14 * Math.max(1, Math.abs(t))) throw failure("the step size fell to " + String.format(java.util.Locale.ROOT, "%.3g", h) + " s");
            int qq = Math.min(q, nHist);
            if (TRACE && ((nSteps + nRejected + nNewtonFail) % 500 == 0))
                System.err.printf("bdf t=%.6g h=%.3g q=%d steps=%d rej=%d nfail=%d jac=%d lu=%d%n", t, h, qq, nSteps, nRejected, nNewtonFail, nJac, nLu);
            double tn1 = t + h;
            nodes[0] = tn1;
            for (int j = 1; j <= qq; j++) nodes[j] = th[j - 1];
            bdfCoefficients(nodes, qq, alpha);
            // predictor
            if (nHist == 1) {
                for (int i = 0; i < n; i++) ypred[i] = hist[0][i] + h * ydot0[i];
            } else {
                interpolate(tn1, Math.min(qq, nHist - 1), ypred);
            }
            if (qq >= 1) combineShifted(alpha, qq, beta); else java.util.Arrays.fill(beta, 0);
            int conv = newton(tn1, alpha[0]);
            if (STEPLOG != null) STEPLOG.printf("%.9g %.4g %d %d %d %d%n", t, h, qq, conv, lastIters, jacCurrent ? 1 : 0);
            if (conv != 0) {
                nNewtonFail++;
                lastFailure = conv == 2 ? SINGULAR : NO_CONVERGENCE;
                if (TRACE && h < 1e-3) {
                    int am = worstComponent(delta, false);
                    System.err.printf("newton fail t=%.6g h=%.3g worst i=%d y=%.6g ynew=%.6g delta=%.3g%n", t, h, am, hist[0][am], ynew[am], delta[am]);
                }
                if (conv == 1 && !jacCurrent || jacAtPredictor) {
                    // stale Jacobian: refresh it and retry the same h. First at the predicted state (as IDA evaluates
                    // it; closer to the solution of a step across a switching: MnFePBA 0.1C 12.0 instead of 13.5 s,
                    // 5,938 instead of 8,263 Newton failures); if that fails too (at a nucleation it can be singular or
                    // lead Newton astray), at the last accepted state, and only then is h cut
                    nStaleRetry++;
                    if (!jacCurrent) { sys.rhs(tn1, ypred, f0); nRhs++; computeJacobian(tn1, ypred, f0); jacAtPredictor = true; }
                    else { sys.rhs(t, hist[0], f0); nRhs++; computeJacobian(t, hist[0], f0); }
                    luAlpha0 = Double.NaN;
                    continue;
                }
                h *= 0.25; fails++; // fresh Jacobian and still no convergence (or a singular matrix): IDA's η = 1/4
                cautious = CAUTIOUS_STEPS;
                if (fails > 2) { q = 1; stepsAtOrder = 0; }
                if (fails > 60) throw failure("61 attempts in a row failed");
                continue;
            }
            // error estimate
            for (int i = 0; i < n; i++) work[i] = ynew[i] - ypred[i];
            double tq = nHist == 1 ? t : th[Math.min(qq, nHist - 1)];
            double fac = nHist == 1 ? 0.5 : h / (tn1 - tq);
            double err = fac * weightedNorm(work, true);
            if (STEPLOG != null) {
                int am = worstComponent(work, true);
                STEPLOG.printf("E %.4g %d %.5g %.4g%n", err, am, ynew[am] / scale[am], Math.abs(work[am]) * ewtInv[am] * fac);
            }
            if (!(err <= 1.0)) {
                nRejected++; fails++;
                lastFailure = ERROR_TEST;
                cautious = CAUTIOUS_STEPS;
                // IDA's rule: the first failure aims at half the tolerance, within [1/4, 0.9]; a repeated one quarters h
                double r = !Double.isFinite(err) ? 0.1 : fails == 1 ? Math.max(0.25, Math.min(0.9, 0.9 * Math.pow(2 * err + 1e-4, -1.0 / (qq + 1)))) : 0.25;
                h *= r;
                if (fails > 2) { q = 1; stepsAtOrder = 0; }
                if (fails > 60) throw failure("61 attempts in a row failed");
                continue;
            }
            fails = 0;
            lastFailure = NONE;
            // accept: shift history
            double[] oldest = hist[QMAX + 1];
            for (int j = QMAX + 1; j > 0; j--) { hist[j] = hist[j - 1]; th[j] = th[j - 1]; }
            hist[0] = oldest;
            System.arraycopy(ynew, 0, hist[0], 0, n);
            setWeights(hist[0]);
            th[0] = tn1;
            nHist = Math.min(nHist + 1, QMAX + 2);
            t = tn1;
            nSteps++;
            stepsAtOrder++;
            double hOld = h;
            // step/order selection. Within CAUTIOUS_STEPS of a failure the controller works as IDA's: it aims at half
            // the tolerance and changes h only to double it (here from a predicted factor ≥ 1.5) or to cut it; a
            // problem that never fails (Marquis2019) keeps the 0.9-safety controller, whose larger steps pay there.
            boolean cautiousNow = cautious > 0;
            if (cautiousNow) cautious--;
            double rq = cautiousNow ? Math.pow(2 * err + 1e-4, -1.0 / (qq + 1)) : 0.9 * Math.pow(Math.max(err, 1e-10), -1.0 / (qq + 1));
            int newQ = qq;
            double r = rq;
            if (qq > 1 && nHist > qq) {
                // lower-order estimate: difference to the order-(q-1) predictor
                interpolateFrom1(tn1, qq - 1, work2);
                for (int i = 0; i < n; i++) work[i] = ynew[i] - work2[i];
                double fq = hOld / (tn1 - th[qq]);
                double errm = fq * weightedNorm(work, true);
                double rm = cautiousNow ? Math.pow(2 * errm + 1e-4, -1.0 / qq) : 0.9 * Math.pow(Math.max(errm, 1e-10), -1.0 / qq);
                if (rm > rq) { newQ = qq - 1; r = rm; }
            }
            if (newQ == qq && qq < maxOrder && stepsAtOrder > qq + 1 && nHist > qq + 1) { newQ = qq + 1; r = Math.min(r, 1.0); }
            if (newQ != q) stepsAtOrder = 0;
            q = newQ;
            if (cautiousNow) r = r >= 1.5 ? Math.min(r, 2.0) : r <= 1 ? Math.max(0.5, Math.min(0.9, r)) : 1.0;
            else {
                r = Math.max(0.5, Math.min(r, q >= 3 ? 2.0 : 4.0));
                if (r < 1.1 && r > 0.9) r = 1.0;
            }
            h = hOld * r;
            // outputs and events
            if (ev != null) {
                double g = ev.g(t, hist[0]);
                if (gPrev != 0 && Math.signum(g) != Math.signum(gPrev) && g != 0 || g == 0) {
                    // the step's own polynomial (order qq, not the order chosen for the next step) locates the root and
                    // gives the state there, so g vanishes at the returned state
                    int k = Math.min(qq, nHist - 1);
                    double tr = locateRoot(ev, th[1], gPrev, t, g, k);
                    while (outputs != null && out < outputs.length && outputs[out] <= tr) {
                        interpolate(outputs[out], k, work);
                        if (obs != null) obs.at(outputs[out], work);
                        out++;
                    }
                    interpolate(tr, k, work);
                    System.arraycopy(work, 0, hist[0], 0, n);
                    th[0] = tr; t = tr;
                    nHist = 1;
                    eventHit = true;
                    return out;
                }
                gPrev = g;
            }
            while (outputs != null && out < outputs.length && outputs[out] <= t) {
                if (outputs[out] == t) { if (obs != null) obs.at(t, hist[0]); }
                else {
                    interpolate(outputs[out], Math.min(qq, nHist - 1), work);
                    if (obs != null) obs.at(outputs[out], work);
                }
                out++;
            }
            if (last) { t = tEnd; th[0] = tEnd; break; }
        }
        return out;
    }

    private boolean eventHit;
    /**
     * Why the last attempt since the last accepted step failed. Only the kind is recorded (failures are frequent and
     * cheap to survive); the message is built when no step can be taken, from the arrays that attempt left: the
     * Newton correction in delta, or the local error estimate in work.
     */
    private int lastFailure;
    private static final int NONE = 0, SINGULAR = 1, NO_CONVERGENCE = 2, ERROR_TEST = 3;

    /**
     * Thrown by {@link #advance} when no step can be taken; {@link #time()} and {@link #state()} are then the last
     * accepted point, so a caller can keep what was computed up to it.
     */
    public static final class Failure extends ScaleBridgeException {
        private static final long serialVersionUID = 1L;
        /** Time of the last accepted state [s]. */
        public final double time;
        /** What went wrong, without the time. */
        public final String reason;

        Failure(String reason, double time) {
            super(String.format(java.util.Locale.ROOT, "P2D: no step could be taken beyond t = %.6g s: %s", time, reason));
            this.reason = reason; this.time = time;
        }
    }

    private Failure failure(String what) {
        String why = switch (lastFailure) {
            case SINGULAR -> "the iteration matrix was singular";
            case NO_CONVERGENCE -> "Newton's iteration did not converge (largest correction: " + sys.describe(worstComponent(delta, false)) + ")";
            case ERROR_TEST -> "the local error test failed (largest error: " + sys.describe(worstComponent(work, true)) + ")";
            default -> null;
        };
        return new Failure(what + (why == null ? "" : "; the last attempt failed because " + why), t);
    }

    /** Index of the largest component of v in the step's error weights (of the differential ones only, if asked). */
    private int worstComponent(double[] v, boolean differentialOnly) {
        int am = 0; double mx = -1;
        for (int i = 0; i < n; i++) {
            if (differentialOnly && mass[i] == 0) continue;
            double w = Math.abs(v[i]) * ewtInv[i];
            if (!(w <= mx)) { mx = w; am = i; } // a NaN wins: it is the culprit
            if (Double.isNaN(w)) break;
        }
        return am;
    }

    private static final double luRebuildRatio = 0.25; // refactor when α0 changed by more than this
    /** Newton iterations per attempt (IDA's maxcor is 4). */
    private static final int maxNewton = 4;
    /** Newton gives up once the contraction rate exceeds this (IDA: 0.9); MnFePBA 0.1C to t = 8000 s: 0.7 needed 1–13% fewer residuals than 0.9 depending on the step controller, 0.5 no fewer than 0.7. */
    private static final double NEWTON_RATE_MAX = 0.7;
    /** Steps after a failure during which the IDA-like (cautious) step-size rule applies. */
    private static final int CAUTIOUS_STEPS = 30;
    /** The Jacobian was evaluated at the predicted state of the attempt under way (see the stale-Jacobian retry). */
    private boolean jacAtPredictor;
    /**
     * A particle block whose predicted state has moved by more than this fraction of its variables' typical scale
     * since its Jacobian was evaluated gets a fresh block Jacobian (cheap: analytic) and is refactorised alone. A
     * Cahn–Hilliard node crossing the spinodal changes its block's Jacobian qualitatively long before the stale
     * matrix makes Newton fail; refreshing only the moving particles avoids most of those failures and the full
     * Jacobians after them. MnFePBA 0.1C (min of 3 runs): 0.01 9.2 s, 0.005 9.2 s, 0.02 9.4 s, off 10.3 s; Newton
     * iterations 104,770 → 80,343, full Jacobians 5,782 → 641, steps 40,822 → 33,897.
     */
    private static final double BLOCK_DRIFT = 0.01;
    private final double[] yJac;      // the state each block's Jacobian was evaluated at
    private final double[] driftLimit; // BLOCK_DRIFT × typical scale
    private boolean[] refreshed = new boolean[0];
    long nBlockRefresh, nPartialLu;
    private int cautious, lastIters;
    private static final double divergence = 2;
    long nDiverged, nNaN, nSingular;
    private static final boolean scaleCorrection = true; // CVODE-style 2/(1+γ ratio) scaling of the correction
    private volatile boolean stopRequested;

    /** Asks a running {@link #advance} to return after the current step (cooperative cancellation). */
    public void requestStop() { stopRequested = true; }

    public boolean stopped() { return stopRequested; }

    public boolean eventHit() { return eventHit; }

    /** Predictor of order k built from hist[1..k+1] (i.e. excluding the new point), at tt. */
    private void interpolateFrom1(double tt, int k, double[] out) {
        for (int j = 1; j <= k + 1; j++) {
            double l = 1;
            for (int m = 1; m <= k + 1; m++) if (m != j) l *= (tt - th[m]) / (th[j] - th[m]);
            lag[j] = l;
        }
        combine(lag, hist, 1, k + 1, out);
    }

    private double locateRoot(Event ev, double ta, double ga, double tb, double gb, int k) {
        int side = 0;
        for (int it = 0; it < 100; it++) {
            double tm = (ta * gb - tb * ga) / (gb - ga);
            if (!(tm > ta && tm < tb)) tm = 0.5 * (ta + tb);
            interpolate(tm, k, work);
            double gm = ev.g(tm, work);
            if (gm == 0 || tb - ta < 1e-12 * Math.max(1, Math.abs(tb))) return tm;
            if (Math.signum(gm) == Math.signum(ga)) {
                ta = tm; ga = gm;
                if (side == -1) gb *= 0.5;
                side = -1;
            } else {
                tb = tm; gb = gm;
                if (side == 1) ga *= 0.5;
                side = 1;
            }
        }
        return tb;
    }

    /** Modified Newton for M(α0 y + β) = f(t, y); returns 0 on success, 1 on divergence/slow convergence. */
    private int newton(double tn1, double a0) {
        if (!setUpIterationMatrix(tn1, a0)) { nSingular++; return 2; } // recoverable (as IDA's lsetup failure): a shorter step
        double corr = a0 / luAlpha0; // scaling for the stale α0 (as in CVODE's γ ratio)
        System.arraycopy(ypred, 0, ynew, 0, n);
        double prevNorm = 0, rate = CARRY_RATE ? crate : 1;
        for (int it = 0; it < maxNewton; it++) {
            lastIters = it + 1;
            sys.rhs(tn1, ynew, f1); nRhs++; nNewtonIter++;
            for (int i = 0; i < n; i++) delta[i] = f1[i] - mass[i] * (a0 * ynew[i] + beta[i]);
            if (arrow != null) arrow.solve(delta); else lu.solve(delta);
            // one pass: the γ-ratio scaling of the differential components, the update, and the error-weighted norm
            // of the correction (the terms in the order weightedNorm sums them). A non-finite residual reaches the
            // norm through the solve, so it needs no pass of its own.
            double fac = corr != 1.0 && scaleCorrection ? 2.0 / (1.0 + corr) : 1.0, ss = 0;
            for (int i = 0; i < n; i++) {
                double d = delta[i];
                if (fac != 1.0 && mass[i] != 0) { d *= fac; delta[i] = d; }
                double yi = ynew[i] + d;
                ynew[i] = yi;
                double e = d * ewtInv[i];
                ss += e * e;
            }
            double dn = Math.sqrt(ss / n);
            if (!(dn < Double.POSITIVE_INFINITY)) { nNaN++; return 1; } // NaN or ∞ in the residual or the correction
            if (it > 0) rate = Math.max(0.3 * rate, dn / prevNorm);
            if (dn * Math.min(1, rate) / (1 - Math.min(rate, 0.99)) < NEWTON_TOL || dn < 1e-4) {
                // one more cheap residual check is not needed: converged
                if (it > 0) crate = rate;
                iterHist[it + 1]++;
                jacCurrent = false;
                return 0;
            }
            if (STEPLOG != null && it > 0 && (dn > divergence * prevNorm || rate > NEWTON_RATE_MAX)) {
                int am = worstComponent(delta, false);
                STEPLOG.printf("D %d %.4g %.4g %d %.5g %.4g%n", it, dn, prevNorm, am, ynew[am] / scale[am], delta[am] / scale[am]);
            }
            if (it > 0 && dn > divergence * prevNorm) { nDiverged++; break; }
            if (it > 0 && rate > NEWTON_RATE_MAX) { nDiverged++; break; }
            prevNorm = dn;
        }
        return 1;
    }

    /**
     * The iteration matrix α0·M − ∂f/∂y for an attempt at tn1, factorised; false if it is singular.
     *
     * <p>∂f/∂y is evaluated at the last accepted state when nothing is known yet; a stale one is refreshed at the
     * predicted state (see advance). (Always at the predicted state, as IDA does, the quick pipeline's 3C charge met a
     * singular iteration matrix at the first nucleation and, after it, a state where Newton failed at every h; hence
     * the fallback to the accepted state before h is cut.) Then every particle block whose predicted state moved by
     * more than {@link #BLOCK_DRIFT} since its Jacobian was evaluated gets a fresh analytic block Jacobian (marked in
     * {@link #refreshed}) and is re-assembled and refactorised alone, at the α0 of the factorisation in use, unless a
     * full factorisation is due anyway (α0 changed by more than {@link #luRebuildRatio}).
     *
     * <p>This is one method, kept apart from {@link #newton}'s iteration loop on purpose: it runs once per attempt,
     * and when HotSpot inlined it (and through it the block Jacobians, the kinetics rows and the block assembly) into
     * newton, newton became a 90–107 KB compilation that took C2 2 s, six times per MnFePBA charge (each rare branch
     * met later deoptimised all of it), while the run waited in slower code. (A method above HotSpot's 325-byte
     * limit for hot callees is compiled on its own.)
     */
    private boolean setUpIterationMatrix(double tn1, double a0) {
        if (!jacCurrent && Double.isNaN(luAlpha0)) {
            sys.rhs(t, hist[0], f0); nRhs++;
            computeJacobian(t, hist[0], f0);
        }
        boolean rebuild = Double.isNaN(luAlpha0) || Math.abs(a0 / luAlpha0 - 1) > luRebuildRatio;
        if (!jacCurrent && analytic != null) {
            boolean any = false, inSync = arrow != null && arrowJacobian == jacobianVersion;
            for (int b = 0; b < analytic.blockCount(); b++) {
                int s0 = analytic.blockStart(b), e = s0 + analytic.blockSize(b);
                int i = s0;
                while (i < e && !(Math.abs(ypred[i] - yJac[i]) > driftLimit[i])) i++;
                refreshed[b] = i < e;
                if (!refreshed[b]) continue;
                nBlockRefresh++;
                analytic.blockJacobian(b, tn1, ypred, jac.sink);
                System.arraycopy(ypred, s0, yJac, s0, e - s0);
                if (inSync) arrow.assembleBlock(b, jac.negative, jac.colPtr, jac.colRows);
                any = true;
            }
            if (any) {
                if (!rebuild && arrow != null && arrowJacobian == jacobianVersion) {
                    long q0 = System.nanoTime();
                    if (arrow.refactorBlocks(refreshed, luAlpha0, mass)) { nPartialLu++; crate = 1; } else rebuild = true;
                    luNanos += System.nanoTime() - q0;
                } else rebuild = true;
            }
        }
        return !rebuild || buildIterationMatrix(a0);
    }

    /** Convergence-rate estimate carried between steps (CVODE's crate), reset when the iteration matrix is rebuilt. */
    private double crate = 1;
    /** Newton stops when the estimated remaining error, rate/(1−rate) × |Δ| in the error-weighted norm, is below this
     *  (0.5: Marquis2019 1C needs 13% fewer residuals than with 0.2 at an unchanged COMSOL RMS, 0.309 mV). */
    private static final double NEWTON_TOL = 0.5;
    private static final boolean CARRY_RATE = true;

    /** Factors α0·M − ∂f/∂y; false when it is singular (the caller shortens the step, which moves α0 away from the
     *  unstable eigenvalues of the spinodal region). */
    private boolean buildIterationMatrix(double a0) {
        crate = 1;
        if (arrow != null) {
            long q0 = System.nanoTime();
            if (arrowJacobian != jacobianVersion) { arrow.assemble(jac.negative, jac.colPtr, jac.colRows); arrowJacobian = jacobianVersion; }
            if (!arrow.factorAssembled(a0, mass)) { luAlpha0 = Double.NaN; return false; }
            luNanos += System.nanoTime() - q0;
            nLu++;
            luAlpha0 = a0;
            return true;
        }
        lu.clear();
        for (int c = 0; c < n; c++) {
            for (int k = jac.colPtr[c]; k < jac.colPtr[c + 1]; k++) lu.set(jac.colRows[k], c, -jac.values[k]);
            lu.add(c, c, a0 * mass[c]);
        }
        long q0 = System.nanoTime();
        if (!lu.factor()) { luAlpha0 = Double.NaN; return false; }
        luNanos += System.nanoTime() - q0;
        nLu++;
        luAlpha0 = a0;
        return true;
    }
}
