package org.scalebridge.continuum;

/**
 * A parameter-file function of one variable (the others, e.g. T, bound) for a residual's hot loop: a {@link SmoothTable}
 * inside [lo, hi], the expression itself outside (Newton iterates can leave the physical range) or when the table does
 * not reach its tolerance (then {@link #tabulated()} is false). The table is C¹, so finite-difference Jacobian columns
 * through it stay smooth. Single owner: it evaluates the expression with its own argument array.
 */
final class TabulatedScalar {
    private final Expr expr;
    private final double[] arg;
    private final SmoothTable tab;
    private final double lo, hi;
    private final boolean constant;
    private final double value;

    private TabulatedScalar(Expr expr, int arity, SmoothTable tab, double lo, double hi) {
        this.expr = expr;
        this.arg = new double[Math.max(1, arity)];
        this.tab = tab;
        this.lo = lo;
        this.hi = hi;
        this.constant = expr.isConstant();
        this.value = constant ? expr.eval(arg) : Double.NaN;
    }

    /**
     * Tabulates {@code bound} (a function of variable 0; {@code arity} is the length of its argument array) on [lo, hi]
     * to |table − f| ≤ absTol + relTol·|f| at the check points; a constant expression is kept as its value, a data
     * table ({@link TableFunction}: piecewise linear, already cheap, and its kinks defeat a C¹ table) as it is.
     */
    static TabulatedScalar of(Expr bound, int arity, double lo, double hi, double absTol, double relTol) {
        if (bound.isConstant() || bound instanceof TableFunction || !(hi > lo)) return new TabulatedScalar(bound, arity, null, lo, hi);
        Expr own = bound.fast();
        double[] a = new double[Math.max(1, arity)];
        SmoothTable t = SmoothTable.build(x -> { a[0] = x; return own.eval(a); }, lo, hi, false, absTol, relTol);
        return new TabulatedScalar(own, arity, t, lo, hi);
    }

    /** True when values inside [lo, hi] come from the table. */
    boolean tabulated() { return tab != null; }

    double at(double x) {
        if (constant) return value;
        if (tab != null && x >= lo && x <= hi) return tab.value(x);
        arg[0] = x;
        return expr.eval(arg);
    }
}
