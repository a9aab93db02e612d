package org.scalebridge.continuum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Outputs of a P2D run on its time grid: V(t), I(t), charge throughput and SOC, average stoichiometries, surface
 * concentrations at the paper's nine probes (near separator / mid-electrode / near current collector × surface,
 * middle, centre of the particle, in the positive electrode), and — every {@code mapEvery}-th output — the maps
 * c_s(x, r), c_e(x), φ_e(x), j(x). Writers are in {@link P2dOutputWriter}.
 */
public final class P2dResult {
    private final P2dModel model;
    private final int mapEvery;
    private double[] t = new double[64], v = new double[64], cur = new double[64], q = new double[64],
            xn = new double[64], xp = new double[64];
    private double[][] probe = new double[64][];
    private int size;
    private double lastT = 0, charge = 0, lastI = Double.NaN;
    /** Snapshot maps: per stored time, c_s per electrode cell and node (cells in x order), and c_e, φ_e, j per cell. */
    public final List<double[][]> solidMaps = new ArrayList<>();
    public final List<double[]> ceMaps = new ArrayList<>(), phieMaps = new ArrayList<>(), jMaps = new ArrayList<>();
    public final List<Double> mapTimes = new ArrayList<>();
    public final List<String> events = new ArrayList<>();
    public final List<String> solverStats = new ArrayList<>();
    public double[] finalState;
    private final int[] probeCells;
    private final int[] probeNodes;

    P2dResult(P2dModel model, int mapEvery) {
        this.model = model;
        this.mapEvery = mapEvery;
        // nine probes in the positive electrode: cells near separator, middle, near collector; nodes surface/middle/centre
        int first = model.nNeg + model.nSep, last = model.cells() - 1;
        int[] cells = {first, first + model.nPos / 2, last};
        int nr = model.particle(first).nodes();
        double[] rr = model.particle(first).radii();
        int mid = 0; // node nearest to R/2 (the mesh may be refined towards the surface)
        for (int i = 0; i < nr; i++) if (Math.abs(rr[i] - 0.5 * model.parameters().positive.radius) < Math.abs(rr[mid] - 0.5 * model.parameters().positive.radius)) mid = i;
        int[] nodes = {nr - 1, mid, 0};
        probeCells = new int[9]; probeNodes = new int[9];
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) { probeCells[3 * a + b] = cells[a]; probeNodes[3 * a + b] = nodes[b]; }
    }

    void record(double tt, double[] y) {
        if (size == t.length) grow();
        double I = y[model.currentIndex()];
        if (size > 0) charge += 0.5 * (I + (Double.isNaN(lastI) ? I : lastI)) * (tt - lastT);
        t[size] = tt; v[size] = model.voltage(y); cur[size] = I; q[size] = charge / 3600.0;
        xn[size] = model.solidInventory(y, 0) / (model.parameters().negative.cMax * model.parameters().negative.thickness * model.parameters().negative.activeFraction);
        xp[size] = model.solidInventory(y, 2) / (model.parameters().positive.cMax * model.parameters().positive.thickness * model.parameters().positive.activeFraction);
        double[] pr = new double[9];
        for (int k = 0; k < 9; k++) {
            int c = probeCells[k];
            pr[k] = probeNodes[k] == model.particle(c).nodes() - 1 ? model.surfaceConcentration(y, c) : y[model.offset(c) + 4 + probeNodes[k]];
        }
        probe[size] = pr;
        if (mapEvery > 0 && size % mapEvery == 0) storeMaps(tt, y);
        lastT = tt; lastI = I;
        size++;
    }

    void recordEnd(double tt, double[] y, String event) {
        if (event != null) events.add(event);
        if (size > 0 && t[size - 1] == tt) return;
        record(tt, y);
    }

    void addStepStats(String s) { solverStats.add(s); }

    private String failure;

    /** Why the run stopped before its protocol ended (the integrator could not go on), or null. The outputs up to
     *  that point are kept and the message is also the last of {@link #events}. */
    public String failure() { return failure; }

    void fail(double tt, double[] y, String message) {
        failure = message;
        recordEnd(tt, y, message);
    }

    private void storeMaps(double tt, double[] y) {
        int nx = model.cells();
        double[][] cs = new double[nx][];
        double[] ce = new double[nx], pe = new double[nx], jj = new double[nx];
        for (int i = 0; i < nx; i++) {
            int o = model.offset(i);
            ce[i] = y[o]; pe[i] = y[o + 1];
            if (model.isElectrode(i)) {
                jj[i] = y[o + 3];
                cs[i] = Arrays.copyOfRange(y, o + 4, o + 4 + model.particle(i).nodes());
            }
        }
        mapTimes.add(tt); solidMaps.add(cs); ceMaps.add(ce); phieMaps.add(pe); jMaps.add(jj);
    }

    private void grow() {
        int m = t.length * 2;
        t = Arrays.copyOf(t, m); v = Arrays.copyOf(v, m); cur = Arrays.copyOf(cur, m); q = Arrays.copyOf(q, m);
        xn = Arrays.copyOf(xn, m); xp = Arrays.copyOf(xp, m); probe = Arrays.copyOf(probe, m);
    }

    public P2dModel model() { return model; }
    public int size() { return size; }
    public double[] time() { return Arrays.copyOf(t, size); }
    public double[] voltage() { return Arrays.copyOf(v, size); }
    public double[] current() { return Arrays.copyOf(cur, size); }
    /** Discharged charge since the start [A h/m²] (trapezoidal on the output grid). */
    public double[] throughput() { return Arrays.copyOf(q, size); }
    /** State of charge relative to the start: 1 − throughput / nominal capacity (discharge lowers it). */
    public double[] soc() {
        double[] s = new double[size];
        double cap = model.parameters().oneCCurrent();
        for (int k = 0; k < size; k++) s[k] = 1 - q[k] / cap;
        return s;
    }
    public double[] stoichiometryNegative() { return Arrays.copyOf(xn, size); }
    public double[] stoichiometryPositive() { return Arrays.copyOf(xp, size); }
    public double[][] probes() { return Arrays.copyOf(probe, size); }
    public int[] probeCells() { return probeCells.clone(); }
    public int[] probeNodes() { return probeNodes.clone(); }
    /** Position of probe k across the cell [m] (centre of its cell, x = 0 at the negative current collector). */
    public double probeX(int k) { return model.x(probeCells[k]); }
    /** Radial position of probe k in its particle [m] (R for the surface probes: the surface value is reported). */
    public double probeR(int k) {
        int c = probeCells[k];
        return probeNodes[k] == model.particle(c).nodes() - 1 ? model.parameters().positive.radius : model.particle(c).radii()[probeNodes[k]];
    }

    /** Linear interpolation of V at time tt. */
    public double voltageAt(double tt) {
        if (tt <= t[0]) return v[0];
        int k = Arrays.binarySearch(t, 0, size, tt);
        if (k >= 0) return v[k];
        k = -k - 1;
        if (k >= size) return v[size - 1];
        double w = (tt - t[k - 1]) / (t[k] - t[k - 1]);
        return v[k - 1] * (1 - w) + v[k] * w;
    }
}
