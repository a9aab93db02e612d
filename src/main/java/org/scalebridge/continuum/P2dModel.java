package org.scalebridge.continuum;

import java.util.function.DoubleUnaryOperator;

/**
 * The Doyle–Fuller–Newman pseudo-2D cell as a banded DAE (method of lines). x runs from the negative current
 * collector (0) to the positive one (L); each electrode cell carries a representative spherical particle.
 *
 * <p>Per electrode cell the state block is [c_e, φ_e, φ_s, j, c_s(r_1..r_N)], per separator cell [c_e, φ_e]; the last
 * variable is the applied current density I [A/m², discharge positive] with an algebraic control equation (constant
 * current I = I(t), constant voltage V = V_set, or constant power I·V = P). Equations (Newman's concentrated binary
 * electrolyte, as in parameters.md §5):
 * <ul>
 *   <li>ε ∂c_e/∂t = −∂N/∂x + a j/F, N = −ε^b D_e ∂c_e/∂x + t₊ i_e/F, N = 0 at both ends;</li>
 *   <li>∂i_e/∂x = a j, i_e = −ε^b κ [∂φ_e/∂x − 2(1−t₊)(1 + d ln f/d ln c)(RT/F) ∂ ln c_e/∂x], i_e = 0 at both ends;</li>
 *   <li>∂i_s/∂x = −a j, i_s = −σ (1−ε)^b_s ∂φ_s/∂x; φ_s(0) = 0, i_s = 0 at the separator, i_s = I at x = L;</li>
 *   <li>j = j0 [exp(α_a Fη/RT) − exp(−α_c Fη/RT)], η = φ_s − φ_e − U_eq (paper Eq. 29–30), with U_eq = OCP(c_s,surf)
 *       for Fickian particles and E0 − μ_s/F (surface thermodynamic force incl. gradient term) for Cahn–Hilliard.</li>
 * </ul>
 * Face transport coefficients are distance-weighted harmonic means of the adjacent cells, so fluxes are continuous
 * across the electrode/separator interfaces.
 */
public final class P2dModel implements DaeSystem, AnalyticBlocks {
    /** How the current variable is determined. */
    public enum Control { CURRENT, VOLTAGE, POWER }

    private final P2dParameters p;
    public final int nNeg, nSep, nPos, nx, nrNeg, nrPos;
    private final int n, bw;
    private final int[] off, kind; // kind: 0 neg, 1 sep, 2 pos
    private final double[] dx, xc, eps, epsB, aSpec, sigEff;
    private final Particle[] particle; // per cell (null in the separator)
    private final P2dParameters.Electrode[] elec;
    // work arrays (per cell / per face)
    private final double[] ce, lnce, deff, keff, tplus, tdfac, jcell, ie, nflux;
    private final double[] a6 = new double[6], a2b = new double[2];
    private final double rtf, faraday;
    // parameter functions with the (fixed) temperature bound: one-variable ones tabulated, j0(c_e, c_s, …) flattened
    private final TabulatedScalar eD, eK, eT, eTdf;
    private final TabulatedScalar[] ocpB = new TabulatedScalar[3];
    private final Expr[] j0B = new Expr[3];
    /** Table tolerances: 1e-9 V for an OCP, 1e-9 relative for an electrolyte property (both far below the solver's). */
    private static final double OCP_TABLE_TOL_V = 1e-9, ELECTROLYTE_TABLE_RTOL = 1e-9;
    private final double[] kineticScale = new double[3]; // j0/(RT/F) at the initial state [A/m² per V], per domain

    private Control control = Control.CURRENT;
    private DoubleUnaryOperator currentOfTime = t -> 0.0;
    private double setpoint;

    /**
     * @param nNeg, nSep, nPos finite volumes per domain; nrNeg, nrPos radial nodes; radialStretch surface refinement
     *                         ratio (1 = uniform) for Fickian and Cahn–Hilliard particles.
     */
    public P2dModel(P2dParameters p, int nNeg, int nSep, int nPos, int nrNeg, int nrPos, double radialStretch) {
        if (nNeg < 1 || nSep < 1 || nPos < 1) throw new IllegalArgumentException("need ≥ 1 volume per domain");
        this.p = p; this.nNeg = nNeg; this.nSep = nSep; this.nPos = nPos; this.nrNeg = nrNeg; this.nrPos = nrPos;
        this.faraday = p.faraday;
        this.rtf = p.thermalVoltage();
        nx = nNeg + nSep + nPos;
        off = new int[nx + 1]; kind = new int[nx];
        dx = new double[nx]; xc = new double[nx]; eps = new double[nx]; epsB = new double[nx]; aSpec = new double[nx];
        sigEff = new double[nx];
        particle = new Particle[nx]; elec = new P2dParameters.Electrode[nx];
        Particle pn = makeParticle(p.negative, nrNeg, radialStretch), pp = makeParticle(p.positive, nrPos, radialStretch);
        int o = 0; double x = 0; int maxBlock = 2;
        for (int i = 0; i < nx; i++) {
            int k = i < nNeg ? 0 : i < nNeg + nSep ? 1 : 2;
            kind[i] = k;
            off[i] = o;
            if (k == 1) {
                dx[i] = p.separator.thickness / nSep;
                eps[i] = p.separator.porosity; epsB[i] = Math.pow(eps[i], p.separator.bruggeman);
                o += 2;
            } else {
                P2dParameters.Electrode e = k == 0 ? p.negative : p.positive;
                elec[i] = e;
                particle[i] = k == 0 ? pn : pp;
                dx[i] = e.thickness / (k == 0 ? nNeg : nPos);
                eps[i] = e.porosity; epsB[i] = Math.pow(eps[i], e.bruggemanElectrolyte);
                aSpec[i] = e.specificArea();
                sigEff[i] = e.conductivity * Math.pow(1 - e.porosity, e.bruggemanSolid);
                int b = 4 + particle[i].nodes();
                o += b;
                maxBlock = Math.max(maxBlock, b);
            }
            xc[i] = x + 0.5 * dx[i];
            x += dx[i];
        }
        off[nx] = o;
        n = o + 1;
        bw = maxBlock + 1;
        double T = p.temperature;
        // tables and .fast() copies are owned by this model (its runs are sequential, as its work arrays require anyway);
        // the electrolyte's and the Fickian OCPs' one-variable functions are tabulated once per model (relative 1e-9,
        // 1e-9 V): interpreting them was a quarter of a Marquis2019 solve. Tables cover c_e ∈ [c0/100, 4 c0] and
        // sto ∈ [0, 1]; outside, and if a table misses its tolerance, the expression is evaluated.
        double c0 = p.electrolyte.cInit;
        eD = electrolyteFunction(p.electrolyte.diffusivity, T, c0); eK = electrolyteFunction(p.electrolyte.conductivity, T, c0);
        eT = electrolyteFunction(p.electrolyte.transference, T, c0); eTdf = electrolyteFunction(p.electrolyte.thermodynamicFactor, T, c0);
        for (int k = 0; k < 3; k += 2) {
            P2dParameters.Electrode e = k == 0 ? p.negative : p.positive;
            ocpB[k] = e.ocp == null ? null : TabulatedScalar.of(e.ocp.bind(1, T), 2, 0, 1, OCP_TABLE_TOL_V, 0);
            j0B[k] = e.exchangeCurrent.bind(3, T).fast();
        }
        for (int k = 0; k < 3; k += 2) {
            P2dParameters.Electrode e = k == 0 ? p.negative : p.positive;
            double sto = e.cInit / e.cMax;
            a6[0] = p.electrolyte.cInit; a6[1] = e.cInit; a6[2] = e.cMax; a6[3] = T; a6[4] = sto;
            a6[5] = e.kind == P2dParameters.ParticleKind.FICKIAN ? 0 : (e.e0 - equilibriumAt(e, e.cInit)) * faraday / (p.gasConstant * T);
            double j0 = j0B[k].eval(a6);
            // Fickian only: for Cahn–Hilliard particles the looser j tolerance moved the MnFePBA 0.1C voltage by 6.8 mV
            // RMS against an rtol 1e-6 run (node-by-node transformation is sensitive to the surface flux), so j keeps
            // its flux scale there
            kineticScale[k] = e.kind == P2dParameters.ParticleKind.FICKIAN && Double.isFinite(j0) && j0 > 0 ? j0 / rtf : 0; // α_a + α_c = 1 in Eq. 29
        }
        ce = new double[nx]; lnce = new double[nx]; deff = new double[nx]; keff = new double[nx]; tplus = new double[nx];
        tdfac = new double[nx]; jcell = new double[nx]; ie = new double[nx + 1]; nflux = new double[nx + 1];
    }

    private Particle makeParticle(P2dParameters.Electrode e, int nr, double stretch) {
        if (e.kind == P2dParameters.ParticleKind.FICKIAN)
            return new FickianParticle(nr, e.radius, e.cMax, e.diffusivity, p.faraday, p.temperature, stretch);
        return new CahnHilliardParticle(nr, e.radius, e.cMax, e.muHom, e.kappa, e.strainB, e.wettingSlope,
                e.diffusivity, e.latticeMobility, p.gasConstant, p.faraday, p.temperature, false, stretch);
    }

    public P2dParameters parameters() { return p; }

    // ---------------------------------------------------------------- control
    public void setCurrent(DoubleUnaryOperator iOfT) { control = Control.CURRENT; currentOfTime = iOfT; }

    public void setVoltage(double v) { control = Control.VOLTAGE; setpoint = v; }

    public void setPower(double w) { control = Control.POWER; setpoint = w; }

    public Control control() { return control; }

    /** The pattern depends only on the mesh (fixed per model) and on which control equation closes the system. */
    @Override public Object structureKey() { return control; }

    // ---------------------------------------------------------------- particle blocks (hinge = the cell's j)
    @Override public int blockCount() { return nNeg + nPos; }
    private int blockCell(int b) { return b < nNeg ? b : b + nSep; }
    @Override public int blockStart(int b) { return off[blockCell(b)] + 4; }
    @Override public int blockSize(int b) { return particle[blockCell(b)].nodes(); }
    @Override public int blockHinge(int b) { return off[blockCell(b)] + 3; }

    // ---------------------------------------------------------------- layout
    @Override public int size() { return n; }
    @Override public int lowerBandwidth() { return bw; }
    @Override public int upperBandwidth() { return bw; }
    public int cells() { return nx; }

    /** E.g. "c_s at radial node 50 of 50 (the surface) in positive-electrode volume 19 of 20 (x = 172.3 µm)". */
    @Override public String describe(int i) {
        if (i == n - 1) return "the cell current I";
        int c = 0;
        while (c < nx - 1 && off[c + 1] <= i) c++;
        int k = i - off[c], d = kind[c];
        int first = d == 0 ? 0 : d == 1 ? nNeg : nNeg + nSep, count = d == 0 ? nNeg : d == 1 ? nSep : nPos;
        String where = String.format(java.util.Locale.ROOT, "%s volume %d of %d (x = %.1f µm)",
                d == 0 ? "negative-electrode" : d == 1 ? "separator" : "positive-electrode", c - first + 1, count, xc[c] * 1e6);
        return switch (k) {
            case 0 -> "c_e (salt concentration) in " + where;
            case 1 -> "φ_e (electrolyte potential) in " + where;
            case 2 -> "φ_s (solid potential) in " + where;
            case 3 -> "j (reaction rate) in " + where;
            default -> {
                int node = k - 4, nr = particle[c].nodes();
                yield "c_s at radial node " + (node + 1) + " of " + nr + (node == nr - 1 ? " (the surface)" : node == 0 ? " (the centre)" : "")
                        + " in " + where;
            }
        };
    }

    public int offset(int cell) { return off[cell]; }
    public int currentIndex() { return n - 1; }
    public boolean isElectrode(int cell) { return kind[cell] != 1; }
    public int domain(int cell) { return kind[cell]; }
    public double x(int cell) { return xc[cell]; }
    public double width(int cell) { return dx[cell]; }
    public Particle particle(int cell) { return particle[cell]; }
    public double specificArea(int cell) { return aSpec[cell]; }

    @Override public void massDiagonal(double[] m) {
        java.util.Arrays.fill(m, 0.0);
        for (int i = 0; i < nx; i++) {
            m[off[i]] = eps[i];
            if (kind[i] != 1) for (int k = 0; k < particle[i].nodes(); k++) m[off[i] + 4 + k] = 1.0;
        }
    }

    @Override public void typicalScale(double[] s) {
        double cmx = Math.max(p.negative.cMax, p.positive.cMax);
        for (int i = 0; i < nx; i++) {
            s[off[i]] = p.electrolyte.cInit;
            s[off[i] + 1] = 1.0;
            if (kind[i] != 1) {
                s[off[i] + 2] = 1.0;
                // j: the 1C mean, or the current that a 1 V overpotential change drives through the linearised
                // Butler–Volmer resistance, ∂j/∂η = j0 (α_a + α_c)/(RT/F) (Eq. 29), if larger. With atol = factor × scale
                // this gives j the same potential-equivalent tolerance as φ_s and φ_e (scale 1 V) instead of one
                // ~200× tighter, which made j dominate Newton's convergence test (Marquis2019 1C: 3.2 iterations/step)
                s[off[i] + 3] = Math.max(Math.max(1e-3, p.oneCCurrent() / (aSpec[i] * elec[i].thickness)), kineticScale[kind[i]]);
                for (int k = 0; k < particle[i].nodes(); k++) s[off[i] + 4 + k] = elec[i].cMax;
            }
        }
        s[n - 1] = p.oneCCurrent();
        if (cmx <= 0) throw new IllegalStateException();
    }

    /** Cell voltage V = φ_s(L) − φ_s(0) from the state (φ_s(0) = 0). */
    public double voltage(double[] y) {
        int last = nx - 1;
        return y[off[last] + 2] - y[n - 1] * 0.5 * dx[last] / sigEff[last];
    }

    /** Uniform initial state with a rough guess of potentials (the algebraic part is then made consistent). */
    public double[] initialState(double current) {
        double[] y = new double[n];
        double un = equilibriumAt(p.negative, p.negative.cInit), up = equilibriumAt(p.positive, p.positive.cInit);
        for (int i = 0; i < nx; i++) {
            y[off[i]] = p.electrolyte.cInit;
            y[off[i] + 1] = -un;
            if (kind[i] != 1) {
                y[off[i] + 2] = kind[i] == 0 ? 0.0 : up - un;
                double jj = current / (aSpec[i] * elec[i].thickness);
                y[off[i] + 3] = kind[i] == 0 ? jj : -jj;
                for (int k = 0; k < particle[i].nodes(); k++) y[off[i] + 4 + k] = elec[i].cInit;
            }
        }
        y[n - 1] = current;
        return y;
    }

    private double equilibriumAt(P2dParameters.Electrode e, double c) {
        a2b[0] = c / e.cMax; a2b[1] = p.temperature;
        if (e.kind == P2dParameters.ParticleKind.FICKIAN) return e.ocp.eval(a2b);
        return e.e0 - e.muHom.eval(a2b) / p.faraday;
    }

    /** An electrolyte property of c_e at temperature T, tabulated on [c0/100, 4 c0] (the expression outside). */
    private static TabulatedScalar electrolyteFunction(Expr f, double temperature, double c0) {
        return TabulatedScalar.of(f.bind(1, temperature), 2, 0.01 * c0, 4 * c0, 0, ELECTROLYTE_TABLE_RTOL);
    }

    /** Open-circuit voltage of the uniform state described by the particle averages. */
    public double equilibriumVoltage(double cNeg, double cPos) {
        return equilibriumAt(p.positive, cPos) - equilibriumAt(p.negative, cNeg);
    }

    // ---------------------------------------------------------------- analytic particle blocks
    private boolean analyticJacobian = true;

    /**
     * false: the integrator finite-differences the particle blocks too (the previous behaviour; for checks). Set it
     * before the first run: an integrator keeps the sparsity pattern and colouring it probed per control mode.
     */
    public void setAnalyticJacobian(boolean on) { analyticJacobian = on; }

    @Override public boolean analyticBlocks() { return analyticJacobian; }

    /**
     * The particle's analytic block and its hinge (kinetics) row. One method on purpose, as
     * {@link BdfIntegrator}'s set-up is: its bytecode is above HotSpot's 325-byte limit for inlining hot callees, so
     * C2 compiles it on its own. (At 249 bytes it was inlined into the set-up with both kinetics rows, which made that
     * a ~1.5 s C2 compilation that the residual's own compilation queued behind, 2.7–4.9 s into a fresh JVM. Fresh
     * MnFePBA 0.1C charges, six alternated pairs each: 7.26 s mean against 8.20 s for the 249-byte version, and
     * 6.83 s against 7.35 s with this one forced inline again.)
     */
    @Override public void blockJacobian(int b, double t, double[] y, Sink sink) {
        int i = blockCell(b), o = off[i];
        Particle pt = particle[i];
        pt.jacobian(y, o + 4, y[o + 3], sink, o + 4, o + 3);
        // hinge (Butler–Volmer) row: central differences in the few surface nodes the kinetics read (OCP and j0 are
        // user expressions without derivatives). Step (ε_mach)^(1/3) c_max, but at most 10⁻⁴ of the distance to an
        // empty or full particle, where RT ln(x/(1−x)) bends sharply (relative truncation error ≤ (d/x)²/3 ≈ 3e-9)
        int nr = pt.nodes();
        double cm = elec[i].cMax;
        for (int k = nr - pt.surfaceNodes(); k < nr; k++) {
            int c = o + 4 + k;
            double yc = y[c], d = Math.max(Math.min(6.0554544523933395e-6 * cm, 1e-4 * Math.min(Math.abs(yc), Math.abs(cm - yc))), 1e-12 * cm);
            y[c] = yc + d;
            double dp = y[c] - yc, fp = kinetics(i, y, 0.0);
            y[c] = yc - d;
            double dm = yc - y[c], fm = kinetics(i, y, 0.0);
            y[c] = yc;
            sink.set(o + 3, c, (fp - fm) / (dp + dm));
        }
        // the nodes below those enter μ_s only through the particle mean (the coherency-strain term B(x − x̄) of Eq. 22):
        // ∂f_j/∂c_k = ∂f_j/∂μ_s · ∂μ_s/∂c_k, with one central difference in μ_s (step (ε_mach)^(1/3) RT) for all of
        // them instead of two kinetics rows per node, each averaging the particle (O(n) per block instead of O(n²))
        if (pt.chemicalPotentialUsesMean()) {
            double h = 6.0554544523933395e-6 * p.gasConstant * p.temperature;
            double dfdmu = (kinetics(i, y, h) - kinetics(i, y, -h)) / (2 * h);
            for (int k = 0; k < nr - pt.surfaceNodes(); k++) sink.set(o + 3, o + 4 + k, dfdmu * pt.meanChemicalPotentialSlope(k));
        }
    }

    @Override public void rhsOuter(double t, double[] y, double[] f) { residual(t, y, f, false); }

    private double kinetics(int i, double[] y) { return kinetics(i, y, 0.0); }

    /**
     * The Butler–Volmer row of electrode cell i: j − j0 [exp(α_a Fη/RT) − exp(−α_c Fη/RT)] (Eq. 29–30), with the
     * surface thermodynamic force μ_s of a Cahn–Hilliard particle shifted by {@code muShift} [J/mol] (0: as it is).
     */
    private double kinetics(int i, double[] y, double muShift) {
        int o = off[i];
        double T = p.temperature;
        P2dParameters.Electrode e = elec[i];
        Particle pt = particle[i];
        double j = y[o + 3];
        double cs = pt.surfaceConcentration(y, o + 4, j);
        double mus = pt.surfaceChemicalPotential(y, o + 4, j);
        if (muShift != 0) mus += muShift;
        double sto = cs / e.cMax;
        double ueq, muRT;
        if (e.kind == P2dParameters.ParticleKind.FICKIAN) { ueq = ocpB[kind[i]].at(sto); muRT = 0; }
        else { ueq = e.e0 - mus / faraday; muRT = mus / (p.gasConstant * T); }
        a6[0] = y[o]; a6[1] = cs; a6[2] = e.cMax; a6[3] = T; a6[4] = sto; a6[5] = muRT;
        double j0 = j0B[kind[i]].eval(a6);
        double eta = y[o + 2] - y[o + 1] - ueq - j * e.filmResistance;
        double bv = j0 * (Math.exp((1 - e.alpha) * eta / rtf) - Math.exp(-e.alpha * eta / rtf)); // Eq. 29
        return j - bv;
    }

    // ---------------------------------------------------------------- residual
    @Override public void rhs(double t, double[] y, double[] f) { residual(t, y, f, true); }

    private void residual(double t, double[] y, double[] f, boolean particles) {
        double T = p.temperature;
        for (int i = 0; i < nx; i++) {
            double c = y[off[i]];
            ce[i] = c;
            lnce[i] = Math.log(c);
            deff[i] = epsB[i] * eD.at(c);
            keff[i] = epsB[i] * eK.at(c);
            tplus[i] = eT.at(c);
            tdfac[i] = eTdf.at(c);
        }
        // electrolyte faces: current and salt flux
        ie[0] = 0; nflux[0] = 0; ie[nx] = 0; nflux[nx] = 0;
        for (int i = 0; i < nx - 1; i++) {
            double hl = 0.5 * dx[i], hr = 0.5 * dx[i + 1], d = hl + hr;
            double kf = d / (hl / keff[i] + hr / keff[i + 1]);
            double df = d / (hl / deff[i] + hr / deff[i + 1]);
            double tf = 0.5 * (tplus[i] + tplus[i + 1]);
            double tdf = 0.5 * (tdfac[i] + tdfac[i + 1]);
            double dphi = y[off[i + 1] + 1] - y[off[i] + 1];
            double dln = lnce[i + 1] - lnce[i];
            double cur = -kf * (dphi - 2 * (1 - tf) * tdf * rtf * dln) / d;
            ie[i + 1] = cur;
            nflux[i + 1] = -df * (ce[i + 1] - ce[i]) / d + tf * cur / faraday;
        }
        // kinetics and particles
        for (int i = 0; i < nx; i++) {
            int o = off[i];
            if (kind[i] == 1) { jcell[i] = 0; continue; }
            double j = y[o + 3];
            jcell[i] = j;
            f[o + 3] = kinetics(i, y);
            if (particles) particle[i].rhs(y, o + 4, j, f);
        }
        // electrolyte balances and solid potential
        double I = y[n - 1];
        for (int i = 0; i < nx; i++) {
            int o = off[i];
            double src = aSpec[i] * jcell[i];
            f[o] = -(nflux[i + 1] - nflux[i]) / dx[i] + src / faraday;
            f[o + 1] = src - (ie[i + 1] - ie[i]) / dx[i];
            if (kind[i] != 1) {
                double isL, isR;
                boolean firstNeg = i == 0, lastNeg = i == nNeg - 1, firstPos = i == nNeg + nSep, lastPos = i == nx - 1;
                if (kind[i] == 0) {
                    isL = firstNeg ? -sigEff[i] * (y[o + 2] - 0.0) / (0.5 * dx[i]) // φ_s(0) = 0
                            : -sigEff[i] * (y[o + 2] - y[off[i - 1] + 2]) / (0.5 * (dx[i] + dx[i - 1]));
                    isR = lastNeg ? 0.0 : -sigEff[i] * (y[off[i + 1] + 2] - y[o + 2]) / (0.5 * (dx[i] + dx[i + 1]));
                } else {
                    isL = firstPos ? 0.0 : -sigEff[i] * (y[o + 2] - y[off[i - 1] + 2]) / (0.5 * (dx[i] + dx[i - 1]));
                    isR = lastPos ? I : -sigEff[i] * (y[off[i + 1] + 2] - y[o + 2]) / (0.5 * (dx[i] + dx[i + 1]));
                }
                f[o + 2] = -src - (isR - isL) / dx[i];
            }
        }
        switch (control) {
            case CURRENT: f[n - 1] = I - currentOfTime.applyAsDouble(t); break;
            case VOLTAGE: f[n - 1] = voltage(y) - setpoint; break;
            default: f[n - 1] = I * voltage(y) - setpoint; break;
        }
    }

    // ---------------------------------------------------------------- diagnostics
    /** Inserted species in the solid of one electrode (domain 0 or 2) per unit area [mol/m²]. */
    public double solidInventory(double[] y, int domain) {
        double s = 0;
        for (int i = 0; i < nx; i++) if (kind[i] == domain)
            s += dx[i] * elec[i].activeFraction * particle[i].average(y, off[i] + 4);
        return s;
    }

    /** Salt in the electrolyte per unit area [mol/m²]. */
    public double electrolyteInventory(double[] y) {
        double s = 0;
        for (int i = 0; i < nx; i++) s += dx[i] * eps[i] * y[off[i]];
        return s;
    }

    /** Surface concentration of the particle of an electrode cell. */
    public double surfaceConcentration(double[] y, int cell) {
        return particle[cell].surfaceConcentration(y, off[cell] + 4, y[off[cell] + 3]);
    }
}
