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
        double h = 1e-3 * X_MIN;
        a2[1] = temperature;
        a2[0] = X_MIN; muLo = this.muHom.eval(a2);
        a2[0] = X_MIN + h; dmuLo = (this.muHom.eval(a2) - muLo) / h;
        a2[0] = 1 - X_MIN; muHi = this.muHom.eval(a2);
        a2[0] = 1 - X_MIN - h; dmuHi = (muHi - this.muHom.eval(a2)) / h;
    }

    @Override public int nodes() { return n; }

    @Override public double[] radii() { return r.clone(); }

    @Override public double surfaceConcentration(double[] y, int off, double j) { return y[off + n - 1]; }

    /** Fills μ_i [J/mol] at all nodes. */
    private void chemicalPotential(double[] y, int off) {
        double xbar = strainB != 0 ? average(y, off) / cMax : 0.0; // (no coupling to the mean without strain)
        double g = kappa / cMax, inv = 1.0 / (dr * dr);
        if (!uniform) {
            double inPrev = 0; // A_{i−1} (x_i − x_{i−1})/d_{i−1}
            for (int i = 0; i < n; i++) {
                double x = y[off + i] / cMax;
                double out = i < n - 1 ? area[i] * (y[off + i + 1] / cMax - x) / d[i] : (planar ? 1.0 : radius * radius) * beta;
                double lap = (out - inPrev) / vol[i];
                inPrev = out;
                mu[i] = homogeneous(x) + strainB * (x - xbar) / cMax - g * lap;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double x = y[off + i] / cMax, lap;
            if (i == 0) lap = (planar ? 2 : 6) * (y[off + 1] / cMax - x) * inv;
            else if (i < n - 1) {
                double xm = y[off + i - 1] / cMax, xp = y[off + i + 1] / cMax;
                lap = (xp - 2 * x + xm) * inv + (planar ? 0 : (xp - xm) / (r[i] * dr));
            } else {
                double xm = y[off + i - 1] / cMax;
                lap = (2 * xm - 2 * x + 2 * dr * beta) * inv + (planar ? 0 : 2 * beta / radius); // ghost x_N = x_{N-2} + 2 dr β
            }
            mu[i] = homogeneous(x) + strainB * (x - xbar) / cMax - g * lap;
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
        a2[0] = x; a2[1] = temperature;
        return muHom.eval(a2);
    }

    static final double X_MIN = 1e-7;
    private final double muLo, dmuLo, muHi, dmuHi;

    @Override public double surfaceChemicalPotential(double[] y, int off, double j) {
        chemicalPotential(y, off);
        muFreshArray = y; muFreshOff = off; // the next rhs() on the same slice reuses μ (the callers evaluate in this order)
        return mu[n - 1];
    }

    private double[] muFreshArray;
    private int muFreshOff = -1;

    @Override public void rhs(double[] y, int off, double j, double[] f) {
        if (muFreshArray != y || muFreshOff != off) chemicalPotential(y, off);
        muFreshArray = null;
        double inPrev = 0; // r² × outward molar flux through the inner face of node i
        for (int i = 0; i < n; i++) {
            double out;
            if (i < n - 1) {
                double xf = 0.5 * (y[off + i] + y[off + i + 1]) / cMax;
                a3[0] = xf; a3[1] = xf * cMax; a3[2] = temperature;
                double mob = diffusivity.eval(a3) / rt * cMax * (lattice ? xf * (1 - xf) : xf); // Eq. 24
                out = -area[i] * mob * (mu[i + 1] - mu[i]) / d[i];
            } else {
                out = (planar ? 1.0 : radius * radius) * j / faraday; // reaction: outward flux j/F at r = R (per unit area for a slab)
            }
            f[off + i] = (inPrev - out) / vol[i];
            inPrev = out;
        }
    }

    @Override public double average(double[] y, int off) {
        double s = 0;
        for (int i = 0; i < n; i++) s += vol[i] * y[off + i];
        return planar ? s / radius : s * 3.0 / (radius * radius * radius);
    }

    /** Jacobian half-bandwidth of the particle block (the strain term couples every node to the mean). */
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
