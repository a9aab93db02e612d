package org.scalebridge.continuum;

import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tabulated function of one variable read from a CSV file, usable wherever a parameter file takes an expression
 * (μ(sto), D(sto), OCPs, κ(c), ...). Interpolation is either shape-preserving monotone cubic Hermite (Fritsch &amp;
 * Carlson, SIAM J. Numer. Anal. 17 (1980) 238, with the harmonic-mean slopes of Fritsch &amp; Butland: C¹, no overshoot,
 * monotone between monotone data, so a tabulated OCP or D never wiggles) or piecewise linear; outside the table the
 * function continues linearly with the end slope (C¹). With {@code log} the interpolation runs on ln y (for D spanning
 * decades; y must be positive). Columns are chosen by header name; values can be scaled (x_scale, y_scale) and μ
 * tables in eV per site (the free-energy stage's {@code mu_fit_eV}) are converted to J/mol with
 * {@link Units#FARADAY}. Bad files raise {@link InputException} with the file and line.
 *
 * <p>JSON form: {@code {"table": "mu.csv", "x": "x", "y": "mu_fit_eV", "y_unit": "eV", "x_scale": 1, "log": false,
 * "interpolation": "monotone"}}.
 */
public final class TableFunction extends Expr {
    private final int var;
    private final double[] xs, ys, slopes;
    private final boolean log, linear;
    private final String source;

    /**
     * @param var   index of the argument in the expression's variable list (e.g. 0 for sto)
     * @param x, y  knots (x strictly increasing, at least 2)
     */
    public TableFunction(int var, double[] x, double[] y, boolean log, boolean linear, String source) {
        this.var = var; this.log = log; this.linear = linear; this.source = source;
        int n = x.length;
        if (n < 2 || y.length != n) throw InputException.at(source, 0, "a table needs at least 2 rows of (x, y), got " + n);
        xs = x.clone(); ys = new double[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && !(xs[i] > xs[i - 1])) throw InputException.at(source, 0, "x must increase strictly: x[" + i + "] = " + xs[i] + " after " + xs[i - 1]);
            if (log && !(y[i] > 0)) throw InputException.at(source, 0, "log interpolation needs y > 0, got " + y[i] + " at x = " + xs[i]);
            ys[i] = log ? Math.log(y[i]) : y[i];
        }
        slopes = linear ? secants(xs, ys) : monotoneSlopes(xs, ys);
    }

    private static double[] secants(double[] x, double[] y) {
        double[] d = new double[x.length - 1];
        for (int i = 0; i < d.length; i++) d[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
        return d;
    }

    /** Fritsch–Butland node slopes: harmonic mean of adjacent secants (zero at local extrema), one-sided at the ends. */
    static double[] monotoneSlopes(double[] x, double[] y) {
        int n = x.length;
        double[] del = secants(x, y), m = new double[n];
        if (n == 2) { m[0] = m[1] = del[0]; return m; }
        for (int i = 1; i < n - 1; i++) {
            double a = del[i - 1], b = del[i];
            if (a * b <= 0) { m[i] = 0; continue; }
            double h0 = x[i] - x[i - 1], h1 = x[i + 1] - x[i];
            double w1 = 2 * h1 + h0, w2 = h1 + 2 * h0; // weighted harmonic mean (Fritsch–Butland, non-uniform knots)
            m[i] = (w1 + w2) / (w1 / a + w2 / b);
        }
        m[0] = endSlope(x[1] - x[0], x[2] - x[1], del[0], del[1]);
        m[n - 1] = endSlope(x[n - 1] - x[n - 2], x[n - 2] - x[n - 3], del[n - 2], del[n - 3]);
        return m;
    }

    /** Three-point one-sided end slope, limited so that the end interval stays monotone. */
    private static double endSlope(double h0, double h1, double d0, double d1) {
        double s = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
        if (s * d0 <= 0) return 0;
        if (d0 * d1 <= 0 && Math.abs(s) > 3 * Math.abs(d0)) return 3 * d0;
        return s;
    }

    @Override public double eval(double[] v) {
        double x = v[var];
        int n = xs.length;
        double r;
        if (x <= xs[0]) r = ys[0] + (linear ? slopes[0] : slopes[0]) * (x - xs[0]);
        else if (x >= xs[n - 1]) r = ys[n - 1] + (linear ? slopes[n - 2] : slopes[n - 1]) * (x - xs[n - 1]);
        else {
            int lo = 0, hi = n - 1; // xs[lo] <= x < xs[hi]
            while (hi - lo > 1) { int mid = (lo + hi) >>> 1; if (xs[mid] <= x) lo = mid; else hi = mid; }
            double h = xs[hi] - xs[lo];
            if (linear) r = ys[lo] + slopes[lo] * (x - xs[lo]);
            else {
                double t = (x - xs[lo]) / h, t2 = t * t, t3 = t2 * t;
                r = (2 * t3 - 3 * t2 + 1) * ys[lo] + (t3 - 2 * t2 + t) * h * slopes[lo]
                        + (-2 * t3 + 3 * t2) * ys[hi] + (t3 - t2) * h * slopes[hi];
            }
        }
        return log ? Math.exp(r) : r;
    }

    @Override public Expr bind(int index, double value) {
        return index == var ? Expr.constant(eval(fill(index, value))) : this;
    }

    private static double[] fill(int index, double value) {
        double[] a = new double[index + 1];
        a[index] = value;
        return a;
    }

    public int size() { return xs.length; }

    public double minX() { return xs[0]; }

    public double maxX() { return xs[xs.length - 1]; }

    @Override public String toString() { return "table(" + source + ", " + xs.length + " rows)"; }

    // ------------------------------------------------------------------------------------------------ loading

    /**
     * Reads columns {@code xName} and {@code yName} of a CSV file with a header line ('#' comments and blank lines
     * skipped). Every problem names the file and line.
     *
     * @param yUnit "" (as is), "eV" (per site → J/mol), "meV", "kJ/mol" or "J/mol"
     */
    public static TableFunction load(Path file, String xName, String yName, double xScale, double yScale, String yUnit,
                                     boolean log, boolean linear, int var) {
        String src = file.toString();
        List<String> lines;
        try { lines = Files.readAllLines(file, StandardCharsets.UTF_8); }
        catch (IOException e) { throw InputException.at(file, 0, "cannot read table: " + e.getMessage()); }
        double unit;
        switch (yUnit == null ? "" : yUnit) {
            case "": case "J/mol": unit = 1; break;
            case "eV": unit = Units.FARADAY; break;          // eV per site × e N_A = J/mol
            case "meV": unit = 1e-3 * Units.FARADAY; break;
            case "kJ/mol": unit = 1e3; break;
            default: throw InputException.at(file, 0, "y_unit must be \"\", \"J/mol\", \"kJ/mol\", \"eV\" or \"meV\", got \"" + yUnit + "\"");
        }
        int header = -1, ix = -1, iy = -1;
        List<double[]> rows = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k).strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split(l.indexOf(',') >= 0 ? "\\s*,\\s*" : "\\s+");
            if (header < 0) {
                header = k;
                for (int c = 0; c < f.length; c++) {
                    String name = f[c].replace("\"", "").strip();
                    if (name.equalsIgnoreCase(xName)) ix = c;
                    if (name.equalsIgnoreCase(yName)) iy = c;
                }
                if (ix < 0) throw InputException.at(file, k + 1, "no column \"" + xName + "\" in the header " + l);
                if (iy < 0) throw InputException.at(file, k + 1, "no column \"" + yName + "\" in the header " + l);
                continue;
            }
            if (f.length <= Math.max(ix, iy)) throw InputException.at(file, k + 1, "expected at least " + (Math.max(ix, iy) + 1) + " columns, got " + f.length);
            double x, y;
            try { x = Double.parseDouble(f[ix]); y = Double.parseDouble(f[iy]); }
            catch (NumberFormatException e) { throw InputException.at(file, k + 1, "not a number: " + e.getMessage()); }
            if (!Double.isFinite(x) || !Double.isFinite(y)) throw InputException.at(file, k + 1, "non-finite value");
            x *= xScale; y *= yScale * unit;
            if (!rows.isEmpty() && !(x > rows.get(rows.size() - 1)[0]))
                throw InputException.at(file, k + 1, "column \"" + xName + "\" must increase strictly: " + x / xScale + " after " + rows.get(rows.size() - 1)[0] / xScale);
            if (log && !(y > 0)) throw InputException.at(file, k + 1, "log interpolation needs positive \"" + yName + "\", got " + f[iy]);
            rows.add(new double[]{x, y});
            lineNo.add(k + 1);
        }
        if (header < 0) throw InputException.at(file, 0, "empty table (expected a header line with columns \"" + xName + "\" and \"" + yName + "\")");
        if (rows.size() < 2) throw InputException.at(file, header + 1, "a table needs at least 2 data rows, got " + rows.size());
        double[] x = new double[rows.size()], y = new double[rows.size()];
        for (int i = 0; i < x.length; i++) { x[i] = rows.get(i)[0]; y[i] = rows.get(i)[1]; }
        return new TableFunction(var, x, y, log, linear, src);
    }
}
