package org.scalebridge.continuum;

/**
 * Cahn–Hilliard sphere (the paper's Eq. 22): ∂c/∂t = ∇·(M(c) c_max ∇μ) with μ = μ_hom(x) + B(x − x̄)/c_max
 * − (κ/c_max)∇²x, x = c/c_max, M = D(x)/(RT) × [x(1−x) (lattice) or x (dilute)] (Eq. 24). Vertex-centred nodes
 * r_i = i·R/(N−1) with control volumes between the mid-points; the reaction enters through the outer face, the wetting
 * condition ∂x/∂r|_R = β through a ghost node (β = 0: natural boundary). μ at the surface node is the thermodynamic
 * force δG/δN used in Butler–Volmer (Eq. 30). The discrete scheme conserves Σ V_i c_i exactly.
 */
public final class CahnHilliardParticle implements Particle {
    private final int n;
    private final double radius, cMax, rt, kappa, strainB, beta, dr;
    private final boolean lattice;
    private final Expr muHom, diffusivity;
    private final double[] r, vol, area; // node radii, control volumes, face areas (face i between node i and i+1)
    private final double[] d;            // node distances d_i = r_{i+1} − r_i (non-uniform mesh)
    private final boolean uniform;
    private final double[] mu;           // work: μ at the nodes [J/mol]
    private final double[] a2 = new double[2], a3 = new double[3];
    private final double temperature, faraday;
    private final boolean planar;

    public CahnHilliardParticle(int nodes, double radius, double cMax, Expr muHom, double kappa, double strainB,
                                double wettingSlope, Expr diffusivity, boolean latticeMobility, double gasConstant,
                                double faraday, double temperature) {
        this(nodes, radius, cMax, muHom, kappa, strainB, wettingSlope, diffusivity, latticeMobility, gasConstant,
                faraday, temperature, false);
    }

    /**
     * @param planar a slab of thickness {@code radius} (x = 0 is a no-flux symmetry plane, x = radius the reactive
     *               surface) instead of a sphere; used for planar-interface tests and thin-film particles.
     */
    public CahnHilliardParticle(int nodes, double radius, double cMax, Expr muHom, double kappa, double strainB,
                                double wettingSlope, Expr diffusivity, boolean latticeMobility, double gasConstant,
                                double faraday, double temperature, boolean planar) {
        this(nodes, radius, cMax, muHom, kappa, strainB, wettingSlope, diffusivity, latticeMobility, gasConstant,
                faraday, temperature, planar, 1.0);
    }

    /**
     * @param stretch ratio of neighbouring node spacings towards the surface (1 = uniform; > 1 refines the surface,
     *                where nucleation starts). A non-uniform mesh uses the finite-volume form of the variational
     *                derivative of the discrete free energy (see {@link #freeEnergy}): ∇²x at node i is
     *                [A_i (x_{i+1} − x_i)/d_i − A_{i−1} (x_i − x_{i−1})/d_{i−1} + A_R β δ_{i,N−1}] / V_i, which keeps the
     *                discrete dynamics a gradient flow of that energy on any node spacing.
     */
    public CahnHilliardParticle(int nodes, double radius, double cMax, Expr muHom, double kappa, double strainB,
                                double wettingSlope, Expr diffusivity, boolean latticeMobility, double gasConstant,
                                double faraday, double temperature, boolean planar, double stretch) {
        this.faraday = faraday;
        this.planar = planar;
        if (nodes < 3) throw new IllegalArgumentException("need at least 3 radial nodes");
        this.n = nodes; this.radius = radius; this.cMax = cMax; this.muHom = muHom.bind(1, temperature).fast(); this.kappa = kappa;
        this.strainB = strainB; this.beta = wettingSlope; this.lattice = latticeMobility;
        this.diffusivity = diffusivity.bind(2, temperature).fast();
        this.rt = gasConstant * temperature; this.temperature = temperature;
        if (!(stretch > 0) || !Double.isFinite(stretch)) throw new IllegalArgumentException("radial stretch must be > 0");
        uniform = stretch == 1.0;
        dr = radius / (n - 1);
        r = new double[n]; vol = new double[n]; area = new double[n]; d = new double[n];
        if (uniform) for (int i = 0; i < n; i++) r[i] = i * dr;
        else { // spacings in geometric progression, d_k ∝ (1/stretch)^k from the centre outwards
            double q = 1.0 / stretch, sum = 0, w = 1;
            for (int k = 0; k < n - 1; k++) { sum += w; w *= q; }
            w = radius / sum;
            for (int k = 1; k < n; k++) { r[k] = r[k - 1] + w; w *= q; }
            r[n - 1] = radius;
        }
        for (int i = 0; i < n - 1; i++) d[i] = r[i + 1] - r[i];
        for (int i = 0; i < n; i++) {
            double lo = i == 0 ? 0 : 0.5 * (r[i - 1] + r[i]), hi = i == n - 1 ? radius : 0.5 * (r[i] + r[i + 1]);
            vol[i] = planar ? hi - lo : (hi * hi * hi - lo * lo * lo) / 3.0;
            if (i < n - 1) area[i] = planar ? 1.0 : hi * hi;
        }
        mu = new double[n];
        // ∇²x at node i = lapM_i x_{i−1} + lap0_i x_i + lapP_i x_{i+1} + const (the analytic Jacobian's coefficients)
        lapM = new double[n]; lap0 = new double[n]; lapP = new double[n];
        for (int i = 0; i < n; i++) {
            if (!uniform) {
                if (i < n - 1) lapP[i] = area[i] / (d[i] * vol[i]);
                if (i > 0) lapM[i] = area[i - 1] / (d[i - 1] * vol[i]);
                lap0[i] = -(lapP[i] + lapM[i]);
            } else {
                double inv = 1.0 / (dr * dr);
                if (i == 0) { double k0 = planar ? 2 : 6; lapP[i] = k0 * inv; lap0[i] = -k0 * inv; }
                else if (i < n - 1) {
                    double c1 = planar ? 0 : 1.0 / (r[i] * dr);
                    lapM[i] = inv - c1; lap0[i] = -2 * inv; lapP[i] = inv + c1;
                } else { lapM[i] = 2 * inv; lap0[i] = -2 * inv; }
            }
        }
        lapSurface = uniform ? 2 * beta / dr + (planar ? 0 : 2 * beta / radius) // ghost x_N = x_{N−2} + 2 dr β
                : (planar ? 1.0 : radius * radius) * beta / vol[n - 1];
        invCmax = 1.0 / cMax; mobScale = cMax / rt; surfaceArea = planar ? 1.0 : radius * radius;
        faceG = new double[n]; invVol = new double[n];
        for (int i = 0; i < n; i++) { invVol[i] = 1.0 / vol[i]; if (i < n - 1) faceG[i] = area[i] / d[i]; }
        dmM = new double[n]; dm0 = new double[n]; dmP = new double[n]; jb = new double[5 * n];
        double h = 1e-3 * X_MIN;
        a2[1] = temperature;
        a2[0] = X_MIN; muLo = this.muHom.eval(a2);
        a2[0] = X_MIN + h; dmuLo = (this.muHom.eval(a2) - muLo) / h;
        a2[0] = 1 - X_MIN; muHi = this.muHom.eval(a2);
        a2[0] = 1 - X_MIN - h; dmuHi = (muHi - this.muHom.eval(a2)) / h;
        muTab = tabulateMu(this.muHom, temperature);
        dTab = tabulateD(this.diffusivity, cMax, temperature);
    }

    /**
     * μ_hom tabulated on [X_MIN, 1 − X_MIN] to 10⁻⁴ J/mol (10⁻⁹ V in μ/F) on a grid graded towards both ends (the
     * ideal-mixing logarithms); null (a kinked or non-finite μ): keep the expression.
     */
    static SmoothTable tabulateMu(Expr mu, double temperature) {
        double[] a = new double[2];
        a[1] = temperature;
        return SmoothTable.build(x -> { a[0] = x; return mu.eval(a); }, X_MIN, 1 - X_MIN, true, MU_TOL, 1e-12);
    }

    /** D(x) = D(sto = x, c = x c_max) tabulated on [0, 1] to 10⁻⁸ relative; null: keep the expression. */
    static SmoothTable tabulateD(Expr diffusivity, double cMax, double temperature) {
        if (diffusivity.isConstant()) return null;
        double[] a = new double[3];
        a[2] = temperature;
        return SmoothTable.build(x -> { a[0] = x; a[1] = x * cMax; return diffusivity.eval(a); }, 0, 1, false, 0, D_RTOL);
    }

    static final double MU_TOL = 1e-4, D_RTOL = 1e-8;
    private final SmoothTable muTab, dTab;

    /** D at a face, x = sto (the table inside [0, 1], the expression outside, which Newton iterates rarely visit). */
    private double diffusivityAt(double x) {
        if (dTab != null && x >= 0 && x <= 1) return dTab.value(x);
        a3[0] = x; a3[1] = x * cMax; a3[2] = temperature;
        return diffusivity.eval(a3);
    }

    @Override public int nodes() { return n; }

    @Override public double[] radii() { return r.clone(); }

    @Override public double surfaceConcentration(double[] y, int off, double j) { return y[off + n - 1]; }

    /**
     * Fills μ_i [J/mol] at all nodes, less the mean part −B x̄/c_max of the strain term: it is the same at every node
     * and the fluxes use only μ_{i+1} − μ_i, where it cancels in exact arithmetic but not in rounding. Left out, the
     * particle rows depend on their neighbours alone to the last bit, so the sparsity pattern the integrator probes
     * stays five-diagonal with strain too (with it in, every row picked up every node and each block was factorised as
     * a full band: with LiFePO4's B a MnFePBA 0.5C charge spent a third of its time in factorisations).
     */
    private void chemicalPotential(double[] y, int off) {
        double g = kappa * invCmax, sb = strainB * invCmax;
        // ∇²x_i = lapM_i x_{i−1} + lap0_i x_i + lapP_i x_{i+1} (+ the wetting term at the surface), see the constructor
        double xm = 0, x = y[off] * invCmax;
        for (int i = 0; i < n; i++) {
            double xp = i < n - 1 ? y[off + i + 1] * invCmax : 0.0;
            double lap = lapM[i] * xm + lap0[i] * x + lapP[i] * xp;
            if (i == n - 1) lap += lapSurface;
            mu[i] = homogeneous(x) + sb * x - g * lap;
            xm = x; x = xp;
        }
    }

    /**
     * μ_hom(x) [J/mol], continued linearly (C¹) below X_MIN and above 1 − X_MIN: the ideal-mixing logarithms are
     * undefined at x ≤ 0 or ≥ 1, which Newton iterates can visit next to a nearly emptied or filled surface; the
     * continuation is a steep wall (slope ≈ RT/X_MIN), so converged solutions stay inside (0, 1).
     */
    private double homogeneous(double x) {
        if (x < X_MIN) return muLo + dmuLo * (x - X_MIN);
        if (x > 1 - X_MIN) return muHi + dmuHi * (x - 1 + X_MIN);
        if (muTab != null) return muTab.value(x);
        a2[0] = x; a2[1] = temperature;
        return muHom.eval(a2);
    }

    static final double X_MIN = 1e-7;
    private final double muLo, dmuLo, muHi, dmuHi;

    /**
     * μ at the surface node alone, the whole of it (the Butler–Volmer row needs nothing else; the outer residuals and
     * the kinetics row's difference quotients call this many times per step). Without strain it is the same terms in
     * the same order as the last iteration of {@link #chemicalPotential}, so bit-identical to mu[n − 1].
     */
    @Override public double surfaceChemicalPotential(double[] y, int off, double j) {
        double xbar = strainB != 0 ? average(y, off) * invCmax : 0.0;
        double g = kappa * invCmax, sb = strainB * invCmax;
        int i = n - 1;
        double xm = i > 0 ? y[off + i - 1] * invCmax : 0.0, x = y[off + i] * invCmax;
        double lap = lapM[i] * xm + lap0[i] * x + lapP[i] * 0.0;
        lap += lapSurface;
        return homogeneous(x) + sb * (x - xbar) - g * lap;
    }

    @Override public void rhs(double[] y, int off, double j, double[] f) {
        chemicalPotential(y, off);
        double inPrev = 0; // r² × outward molar flux through the inner face of node i
        for (int i = 0; i < n; i++) {
            double out;
            if (i < n - 1) {
                double xf = 0.5 * (y[off + i] + y[off + i + 1]) * invCmax;
                double mob = diffusivityAt(xf) * mobScale * mobilityFactor(xf); // Eq. 24: D c_max m(x)/RT
                out = -faceG[i] * mob * (mu[i + 1] - mu[i]); // faceG = A_i/d_i
            } else {
                out = surfaceArea * j / faraday; // reaction: outward flux j/F at r = R (per unit area for a slab)
            }
            f[off + i] = (inPrev - out) * invVol[i];
            inPrev = out;
        }
    }

    /**
     * x(1 − x) (lattice) or x (dilute) of Eq. 24, never negative: a Newton iterate just outside [0, 1] next to a full or
     * empty surface would otherwise get a negative mobility, i.e. anti-diffusion, and blow up within the step.
     */
    private double mobilityFactor(double x) { return Math.max(lattice ? x * (1 - x) : x, 0.0); }

    private final double lapSurface, invCmax, mobScale, surfaceArea;
    private final double[] faceG, invVol;
    private final double[] lapM, lap0, lapP, dmM, dm0, dmP, jb;

    /** dμ_hom/dx (table, linear continuation outside [X_MIN, 1 − X_MIN], or a central difference of the expression). */
    private double homogeneousSlope(double x) {
        if (x < X_MIN) return dmuLo;
        if (x > 1 - X_MIN) return dmuHi;
        if (muTab != null) return muTab.derivative(x);
        double h = 1e-6 * Math.min(x, 1 - x);
        return (homogeneous(x + h) - homogeneous(x - h)) / (2 * h);
    }

    /** dD/dx at a face. */
    private double diffusivitySlope(double x) {
        if (dTab != null && x >= 0 && x <= 1) return dTab.derivative(x);
        if (diffusivity.isConstant()) return 0;
        double h = 1e-7;
        return (diffusivityAt(x + h) - diffusivityAt(x - h)) / (2 * h);
    }

    /**
     * Analytic Jacobian of {@link #rhs}: f_i = (F_{i−1} − F_i)/V_i with the face flux F_i = −A_i M_i (μ_{i+1} − μ_i)/d_i,
     * M_i = D(x̄) c_max m(x̄)/RT (Eq. 24) and μ_i depending on x_{i−1}, x_i, x_{i+1} (the strain term's mean part,
     * which would cancel in μ_{i+1} − μ_i, is left out of μ_i): a five-diagonal block, plus ∂f_{N−1}/∂j from the
     * reaction flux.
     */
    @Override public void jacobian(double[] y, int off, double j, AnalyticBlocks.Sink sink, int row0, int hingeCol) {
        chemicalPotential(y, off);
        double g = kappa / cMax, ic = 1.0 / cMax;
        for (int i = 0; i < n; i++) { // ∂μ_i/∂c_{i−1}, ∂μ_i/∂c_i, ∂μ_i/∂c_{i+1}
            double x = y[off + i] * ic;
            dmM[i] = -g * lapM[i] * ic;
            dm0[i] = (homogeneousSlope(x) + strainB * ic - g * lap0[i]) * ic;
            dmP[i] = -g * lapP[i] * ic;
        }
        java.util.Arrays.fill(jb, 0.0);
        for (int i = 0; i < n - 1; i++) {
            double xf = 0.5 * (y[off + i] + y[off + i + 1]) * ic;
            double dv = diffusivityAt(xf), m = mobilityFactor(xf), dm = m == 0 ? 0 : lattice ? 1 - 2 * xf : 1;
            double mob = dv / rt * cMax * m;
            double dmob = (diffusivitySlope(xf) * m + dv * dm) / (2 * rt); // ∂M_i/∂c_i = ∂M_i/∂c_{i+1}
            double a = -area[i] / d[i], dmu = mu[i + 1] - mu[i];
            // ∂F_i/∂c_k for k = i−1, i, i+1, i+2
            double fm = a * mob * (-dmM[i]);
            double f0 = a * (dmob * dmu + mob * (dmM[i + 1] - dm0[i]));
            double f1 = a * (dmob * dmu + mob * (dm0[i + 1] - dmP[i]));
            double f2 = a * mob * dmP[i + 1];
            double vi = 1.0 / vol[i], vj = 1.0 / vol[i + 1];
            int ri = 5 * i + 2, rj = 5 * (i + 1) + 2; // jb[5 row + 2 + (col − row)]
            jb[ri - 1] -= fm * vi; jb[ri] -= f0 * vi; jb[ri + 1] -= f1 * vi; jb[ri + 2] -= f2 * vi;
            jb[rj - 2] += fm * vj; jb[rj - 1] += f0 * vj; jb[rj] += f1 * vj; jb[rj + 1] += f2 * vj;
        }
        for (int i = 0; i < n; i++) for (int s = -2; s <= 2; s++) {
            int k = i + s;
            if (k >= 0 && k < n) sink.set(row0 + i, row0 + k, jb[5 * i + 2 + s]);
        }
        sink.set(row0 + n - 1, hingeCol, -(planar ? 1.0 : radius * radius) / (faraday * vol[n - 1]));
    }

    @Override public int surfaceNodes() { return 2; }

    @Override public boolean chemicalPotentialUsesMean() { return strainB != 0; }

    /** −(B/c_max) ∂x̄/∂c_k: the strain term B(x − x̄)/c_max of μ through x̄ = {@link #average}/c_max. */
    @Override public double meanChemicalPotentialSlope(int k) {
        if (strainB == 0) return 0;
        double perNode = planar ? vol[k] / radius : vol[k] * 3.0 / (radius * radius * radius); // ∂(average)/∂c_k
        return -strainB * invCmax * perNode * invCmax;
    }

    @Override public double average(double[] y, int off) {
        double s = 0;
        for (int i = 0; i < n; i++) s += vol[i] * y[off + i];
        return planar ? s / radius : s * 3.0 / (radius * radius * radius);
    }

    /**
     * Jacobian half-bandwidth of the particle block with a kinetics row after it: with strain, μ_s (and so that row)
     * depends on every node through the mean; the particle's own rows are five-diagonal either way.
     */
    public int bandwidth() { return strainB != 0 ? n - 1 : 2; }

    /** Control volumes (per unit area for a slab, per steradian for a sphere). */
    public double[] volumes() { return vol.clone(); }

    /**
     * Discrete Ginzburg–Landau free energy Σ V_i c_max g(x_i) + Σ_faces A ½κ (Δx/Δr)² Δr [J per unit area (slab)
     * or per steradian (sphere)], with g(x) [J/mol] a molar homogeneous free energy supplied by the caller.
     */
    public double freeEnergy(double[] y, int off, java.util.function.DoubleUnaryOperator molarG) {
        double s = 0;
        for (int i = 0; i < n; i++) s += vol[i] * cMax * molarG.applyAsDouble(y[off + i] / cMax);
        for (int i = 0; i < n - 1; i++) {
            double g = (y[off + i + 1] - y[off + i]) / cMax / d[i];
            s += area[i] * 0.5 * kappa * g * g * d[i];
        }
        return s;
    }
}
