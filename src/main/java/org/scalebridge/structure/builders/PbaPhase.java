package org.scalebridge.structure.builders;

/**
 * The two phases of Na_xMn[Fe(CN)6] used by the MnFePBA paper, as <em>inputs</em> to {@link PbaGeometry}: the
 * pseudo-cubic cell (4 formula units: Fe4Mn4C24N24 + 8 Na sites) and the bond-length / angle targets the framework
 * geometry is solved for. Lengths Å, angles degrees.
 *
 * <ul>
 *   <li>Na-rich rhombohedral: a = b = c = 9.564 Å, α = β = γ = 82.6°; Fe–C 1.93, C≡N 1.15, Mn–N 2.17 Å;
 *       Mn–N–C ≈ 138–141° (target 139.5°), Fe–C–N ≈ 170–175° (target 172.5°); Na displaced from the cage centre
 *       with Na–N 2.38 Å.</li>
 *   <li>Na-poor tetragonal: a = b = 9.986 Å, c = 9.983 Å, 90°; Fe–C 1.93, C≡N 1.15, Mn–N 1.98 Å; no angle
 *       targets (the bridges bend only as much as the cell requires: weak 180° priors); Na at the cage centres.</li>
 * </ul>
 * The cell is a hard input; the other numbers are targets of a weighted least-squares fit (weights
 * {@code sigmaBond}, {@code sigmaFeCN}, {@code sigmaMnNC}, {@code sigmaOctahedron}) because the paper's numbers are
 * not exactly compatible with each other (see {@link PbaGeometry}).
 */
public enum PbaPhase {
    RHOMBOHEDRAL("rhombohedral", 9.564, 9.564, 9.564, 82.6, 82.6, 82.6, 1.93, 1.15, 2.17,
            172.5, 1.25, 139.5, 0.75, 2.38, true),
    TETRAGONAL("tetragonal", 9.986, 9.986, 9.983, 90, 90, 90, 1.93, 1.15, 1.98,
            180, 10, 180, 10, Double.NaN, false);

    public final String label;
    public final double a, b, c, alpha, beta, gamma;
    public final double feC, cn, mnN;
    /** Fe–C–N angle target and its least-squares width (degrees). */
    public final double feCN, sigmaFeCN;
    /** Mn–N–C angle target and its least-squares width (degrees). */
    public final double mnNC, sigmaMnNC;
    /** Na–N target for the displaced Na site (NaN: none). */
    public final double naN;
    /** Whether Na sits at the displaced site by default (false: at the 8c cage centre). */
    public final boolean displacedNaByDefault;

    /**
     * Width of the bond-length targets (Å): 0.01 Å, the usual spread of DFT bond lengths between functionals; with it
     * the Na-rich fit holds every bond within 0.01 Å and both angles inside the paper's ranges.
     */
    public static final double SIGMA_BOND = 0.01;
    /** Width of the cis X–M–X = 90° octahedral-angle target (degrees): the MC6/MN6 octahedra stay nearly regular. */
    public static final double SIGMA_OCTAHEDRON = 1.0;

    PbaPhase(String label, double a, double b, double c, double alpha, double beta, double gamma,
             double feC, double cn, double mnN, double feCN, double sigmaFeCN, double mnNC, double sigmaMnNC,
             double naN, boolean displacedNaByDefault) {
        this.label = label;
        this.a = a; this.b = b; this.c = c; this.alpha = alpha; this.beta = beta; this.gamma = gamma;
        this.feC = feC; this.cn = cn; this.mnN = mnN;
        this.feCN = feCN; this.sigmaFeCN = sigmaFeCN; this.mnNC = mnNC; this.sigmaMnNC = sigmaMnNC;
        this.naN = naN;
        this.displacedNaByDefault = displacedNaByDefault;
    }

    /** By label ("rhombohedral"/"r", "tetragonal"/"t", case-insensitive), or null. */
    public static PbaPhase parse(String s) {
        if (s == null) return null;
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        for (PbaPhase p : values()) {
            if (p.label.equals(t) || p.label.substring(0, 1).equals(t) || p.name().equalsIgnoreCase(t)) return p;
        }
        if (t.equals("na-rich") || t.equals("rich")) return RHOMBOHEDRAL;
        if (t.equals("na-poor") || t.equals("poor")) return TETRAGONAL;
        return null;
    }
}
