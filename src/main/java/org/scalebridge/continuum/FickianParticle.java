package org.scalebridge.continuum;

/**
 * Fickian sphere, cell-centred finite volumes: dc/dt = r⁻² ∂_r(r² D(c) ∂_r c), no flux at r = 0 and
 * −D ∂_r c = j/F at r = R (DFN particle equation, Doyle–Fuller–Newman 1993; parameters.md §5). The surface value is
 * extrapolated from the outermost cell with the exact boundary flux. Cell edges may be refined towards the surface
 * (geometric ratio {@code stretch} > 1), which pays where the gradients are steep.
 */
public final class FickianParticle implements Particle {
    private final int n;
    private final double radius, cMax, faraday, temperature;
    private final Expr diffusivity;
    private final double[] rc, vol, area, dist; // centres, shell volumes/... , face areas r², centre distances
    private final double surfGap, constD;
    private final double[] args = new double[3];
    private final SmoothTable dTab; // D(c/c_max) to 1e-8 relative (null: constant D or the expression)

    public FickianParticle(int nodes, double radius, double cMax, Expr diffusivity, double faraday, double temperature, double stretch) {
        if (nodes < 2) throw new IllegalArgumentException("need at least 2 radial volumes");
        this.n = nodes; this.radius = radius; this.cMax = cMax;
        this.diffusivity = diffusivity.bind(2, temperature).fast();
        this.constD = this.diffusivity.isConstant() ? this.diffusivity.eval(null) : Double.NaN;
        this.faraday = faraday; this.temperature = temperature;
        this.dTab = Double.isNaN(constD) ? CahnHilliardParticle.tabulateD(this.diffusivity, cMax, temperature) : null;
        double[] edges = new double[n + 1];
        // edges with widths in geometric progression, w_k ∝ (1/stretch)^k: finer towards the surface when stretch > 1
        double q = 1.0 / stretch, sum = 0, w = 1;
        for (int k = 0; k < n; k++) { sum += w; w *= q; }
        w = radius / sum; edges[0] = 0;
        for (int k = 0; k < n; k++) { edges[k + 1] = edges[k] + w; w *= q; }
        edges[n] = radius;
        rc = new double[n]; vol = new double[n]; area = new double[n + 1]; dist = new double[n + 1];
        for (int k = 0; k < n; k++) {
            rc[k] = 0.5 * (edges[k] + edges[k + 1]);
            vol[k] = (Math.pow(edges[k + 1], 3) - Math.pow(edges[k], 3)) / 3.0;
        }
        for (int k = 0; k <= n; k++) area[k] = edges[k] * edges[k];
        for (int k = 1; k < n; k++) dist[k] = rc[k] - rc[k - 1];
        surfGap = radius - rc[n - 1];
        jb = new double[2 * n]; jsub = new double[n];
    }

    @Override public int nodes() { return n; }

    @Override public double[] radii() { return rc.clone(); }

    private double d(double c) {
        if (constD == constD) return constD;
        if (dTab != null && c >= 0 && c <= cMax) return dTab.value(c / cMax);
        args[0] = c / cMax; args[1] = c; args[2] = temperature;
        return diffusivity.eval(args);
    }

    @Override public double surfaceConcentration(double[] y, int off, double j) {
        double c = y[off + n - 1];
        return c - j / (faraday * d(c)) * surfGap; // −D ∂c/∂r = j/F at r = R
    }

    @Override public double surfaceChemicalPotential(double[] y, int off, double j) { return Double.NaN; }

    @Override public void rhs(double[] y, int off, double j, double[] f) {
        double inflowPrev = 0; // r² × inward-positive flux through the inner face of cell k
        for (int k = 0; k < n; k++) {
            double out;
            if (k < n - 1) {
                double cl = y[off + k], cr = y[off + k + 1];
                double flux = -d(0.5 * (cl + cr)) * (cr - cl) / dist[k + 1]; // outward molar flux
                out = area[k + 1] * flux;
            } else {
                out = area[n] * j / faraday;
            }
            f[off + k] = (inflowPrev - out) / vol[k];
            inflowPrev = out;
        }
    }

    /** dD/dc: from the table, or a central difference of the expression outside it; 0 for a constant D. */
    private double dD(double c) {
        if (constD == constD) return 0;
        if (dTab != null && c >= 0 && c <= cMax) return dTab.derivative(c / cMax) / cMax;
        double h = 1e-6 * cMax;
        return (d(c + h) - d(c - h)) / (2 * h);
    }

    @Override public void jacobian(double[] y, int off, double j, AnalyticBlocks.Sink sink, int row0, int hingeCol) {
        for (int k = 0; k < n - 1; k++) { // face k+1 between cells k and k+1: out_k = −A D(c̄) (c_{k+1} − c_k)/Δ
            double cl = y[off + k], cr = y[off + k + 1], cm = 0.5 * (cl + cr);
            double dv = d(cm), ddv = dD(cm), g = area[k + 1] / dist[k + 1];
            double dOutL = g * (-0.5 * ddv * (cr - cl) + dv), dOutR = g * (-0.5 * ddv * (cr - cl) - dv);
            // f_k = (out_{k−1} − out_k)/V_k, f_{k+1} = (out_k − out_{k+1})/V_{k+1}
            jb[2 * k] -= dOutL / vol[k]; jb[2 * k + 1] = -dOutR / vol[k];
            jsub[k + 1] = dOutL / vol[k + 1]; jb[2 * (k + 1)] = dOutR / vol[k + 1];
        }
        for (int k = 0; k < n; k++) {
            if (k > 0) sink.set(row0 + k, row0 + k - 1, jsub[k]);
            sink.set(row0 + k, row0 + k, jb[2 * k]);
            if (k < n - 1) sink.set(row0 + k, row0 + k + 1, jb[2 * k + 1]);
            jb[2 * k] = 0;
        }
        sink.set(row0 + n - 1, hingeCol, -area[n] / (faraday * vol[n - 1])); // reaction flux j/F through r = R
    }

    private final double[] jb, jsub; // Jacobian work: (diagonal, super-diagonal) per row, sub-diagonal

    @Override public int surfaceNodes() { return 1; }

    @Override public double average(double[] y, int off) {
        double s = 0;
        for (int k = 0; k < n; k++) s += vol[k] * y[off + k];
        return s * 3.0 / (radius * radius * radius);
    }
}
