package org.scalebridge.continuum;

import java.util.Arrays;
import java.util.List;

/**
 * A compiled scalar function of named variables, parsed from text such as
 * {@code "5.34e-10*exp(-0.65*c/1000)"}. Parameter files use it for OCPs, D(c), κ(c,T), j0 and μ(c), so any functional
 * form can be given without code. Grammar: numbers, variables, + - * / ^ (right-assoc), unary minus, parentheses and
 * the functions exp, log, ln, sqrt, tanh, sinh, cosh, abs, min(a,b), max(a,b), pow(a,b). Evaluation allocates nothing.
 */
public abstract class Expr {
    /** Evaluates with the variables in the order given to {@link #compile}. */
    public abstract double eval(double[] v);

    /** Parses {@code text} with the given variable names; errors name {@code field}. */
    public static Expr compile(String text, String field, String... vars) {
        Parser p = new Parser(text, field, List.of(vars));
        Expr e = p.sum();
        p.skip();
        if (p.pos != text.length()) throw p.err("unexpected '" + text.charAt(p.pos) + "'");
        return e;
    }

    /**
     * Partial evaluation: returns an equivalent expression with variable {@code index} fixed to {@code value} and
     * constant sub-trees folded (e.g. Arrhenius factors at a fixed temperature become numbers).
     */
    public Expr bind(int index, double value) { return this; }

    /** True when the expression does not depend on any variable. */
    public boolean isConstant() { return this instanceof Const; }

    /** A constant function. */
    public static Expr constant(double c) { return new Const(c); }

    /**
     * A copy of this expression for a hot loop with a single owner: the tree flattened into postfix code run by one loop
     * (no virtual call per node; constant operands fused into their operation), with its own evaluation stack, so it
     * must not be evaluated by two threads at once. Results are bit-identical to the tree's. Expressions other than
     * parsed trees (tables) are returned unchanged.
     */
    public Expr fast() {
        if (this instanceof Const || this instanceof Prog || !flattenable(this)) return this;
        return new Prog(this);
    }

    private static boolean flattenable(Expr e) {
        if (e instanceof Const || e instanceof Var) return true;
        if (e instanceof Bin) return flattenable(((Bin) e).a) && flattenable(((Bin) e).b);
        if (e instanceof Fn) return flattenable(((Fn) e).a);
        return false;
    }

    /** Postfix program of a parsed tree: opcode in the low byte, operand (constant or variable index) above it. */
    private static final class Prog extends Expr {
        private static final int CONST = 0, VAR = 1, ADD = 2, SUB = 3, MUL = 4, DIV = 5, POW = 6, MIN = 7, MAX = 8,
                ADDC = 9, SUBC = 10, CSUB = 11, MULC = 12, DIVC = 13, CDIV = 14, FN = 16; // FN + f: the functions of Fn
        private final Expr tree;
        private final int[] code;
        private final double[] consts, stack;

        Prog(Expr tree) {
            this.tree = tree;
            java.util.ArrayList<Integer> c = new java.util.ArrayList<>();
            java.util.ArrayList<Double> k = new java.util.ArrayList<>();
            int depth = emit(tree, c, k);
            code = c.stream().mapToInt(Integer::intValue).toArray();
            consts = k.stream().mapToDouble(Double::doubleValue).toArray();
            stack = new double[Math.max(1, depth)];
        }

        /** Appends the code of e; returns the stack depth it needs. */
        private static int emit(Expr e, java.util.List<Integer> c, java.util.List<Double> k) {
            if (e instanceof Const) { c.add(CONST | k.size() << 8); k.add(((Const) e).c); return 1; }
            if (e instanceof Var) { c.add(VAR | ((Var) e).i << 8); return 1; }
            if (e instanceof Fn) { int d = emit(((Fn) e).a, c, k); c.add(FN + ((Fn) e).f); return d; }
            Bin b = (Bin) e;
            int fused = -1;
            boolean constRight = b.b instanceof Const, constLeft = b.a instanceof Const;
            if (constRight) fused = b.op == '+' ? ADDC : b.op == '-' ? SUBC : b.op == '*' ? MULC : b.op == '/' ? DIVC : -1;
            else if (constLeft) fused = b.op == '+' ? ADDC : b.op == '-' ? CSUB : b.op == '*' ? MULC : b.op == '/' ? CDIV : -1;
            if (fused >= 0) { // x ∘ c or c ∘ x in one instruction (+ and * commute exactly in IEEE arithmetic)
                int d = emit(constRight ? b.a : b.b, c, k);
                c.add(fused | k.size() << 8); k.add(((Const) (constRight ? b.b : b.a)).c);
                return d;
            }
            int da = emit(b.a, c, k), db = emit(b.b, c, k);
            c.add(b.op == '+' ? ADD : b.op == '-' ? SUB : b.op == '*' ? MUL : b.op == '/' ? DIV : b.op == '^' ? POW : b.op == 'm' ? MIN : MAX);
            return Math.max(da, db + 1);
        }

        @Override public double eval(double[] v) {
            final double[] s = stack, kc = consts;
            final int[] code = this.code;
            int sp = -1;
            for (int ip = 0; ip < code.length; ip++) {
                int ins = code[ip], a = ins >>> 8;
                switch (ins & 0xff) {
                    case CONST: s[++sp] = kc[a]; break;
                    case VAR: s[++sp] = v[a]; break;
                    case ADD: sp--; s[sp] = s[sp] + s[sp + 1]; break;
                    case SUB: sp--; s[sp] = s[sp] - s[sp + 1]; break;
                    case MUL: sp--; s[sp] = s[sp] * s[sp + 1]; break;
                    case DIV: sp--; s[sp] = s[sp] / s[sp + 1]; break;
                    case POW: { sp--; double x = s[sp], y = s[sp + 1];
                        s[sp] = y == 2 ? x * x : y == 3 ? x * x * x : (y == 0.5 ? Math.sqrt(x) : Math.pow(x, y)); break; }
                    case MIN: sp--; s[sp] = Math.min(s[sp], s[sp + 1]); break;
                    case MAX: sp--; s[sp] = Math.max(s[sp], s[sp + 1]); break;
                    case ADDC: s[sp] = s[sp] + kc[a]; break;
                    case SUBC: s[sp] = s[sp] - kc[a]; break;
                    case CSUB: s[sp] = kc[a] - s[sp]; break;
                    case MULC: s[sp] = s[sp] * kc[a]; break;
                    case DIVC: s[sp] = s[sp] / kc[a]; break;
                    case CDIV: s[sp] = kc[a] / s[sp]; break;
                    case FN: s[sp] = Math.exp(s[sp]); break;
                    case FN + 1: s[sp] = Math.log(s[sp]); break;
                    case FN + 2: s[sp] = Math.sqrt(s[sp]); break;
                    case FN + 3: s[sp] = tanh(s[sp]); break;
                    case FN + 4: s[sp] = sinh(s[sp]); break;
                    case FN + 5: s[sp] = cosh(s[sp]); break;
                    case FN + 6: s[sp] = Math.abs(s[sp]); break;
                    case FN + 7: s[sp] = -s[sp]; break;
                    default: throw new IllegalStateException();
                }
            }
            return s[0];
        }

        @Override public Expr bind(int index, double value) { return tree.bind(index, value).fast(); }
    }

    private static final class Const extends Expr {
        final double c;
        Const(double c) { this.c = c; }
        @Override public double eval(double[] v) { return c; }
    }

    private static final class Var extends Expr {
        final int i;
        Var(int i) { this.i = i; }
        @Override public double eval(double[] v) { return v[i]; }
        @Override public Expr bind(int index, double value) { return index == i ? new Const(value) : this; }
    }

    private static final class Bin extends Expr {
        final char op; final Expr a, b;
        Bin(char op, Expr a, Expr b) { this.op = op; this.a = a; this.b = b; }
        @Override public Expr bind(int index, double value) {
            Expr x = a.bind(index, value), y = b.bind(index, value);
            Expr e = new Bin(op, x, y);
            return x instanceof Const && y instanceof Const ? new Const(e.eval(null)) : e;
        }
        @Override public double eval(double[] v) {
            double x = a.eval(v), y = b.eval(v);
            switch (op) {
                case '+': return x + y;
                case '-': return x - y;
                case '*': return x * y;
                case '/': return x / y;
                case '^': return y == 2 ? x * x : y == 3 ? x * x * x : (y == 0.5 ? Math.sqrt(x) : Math.pow(x, y));
                case 'm': return Math.min(x, y);
                case 'M': return Math.max(x, y);
                default: throw new IllegalStateException();
            }
        }
    }

    private static final class Fn extends Expr {
        final int f; final Expr a;
        Fn(int f, Expr a) { this.f = f; this.a = a; }
        @Override public Expr bind(int index, double value) {
            Expr x = a.bind(index, value);
            Expr e = new Fn(f, x);
            return x instanceof Const ? new Const(e.eval(null)) : e;
        }
        @Override public double eval(double[] v) {
            double x = a.eval(v);
            switch (f) {
                case 0: return Math.exp(x);
                case 1: return Math.log(x);
                case 2: return Math.sqrt(x);
                case 3: return tanh(x);
                case 4: return sinh(x);
                case 5: return cosh(x);
                case 6: return Math.abs(x);
                case 7: return -x;
                default: throw new IllegalStateException();
            }
        }
    }

    /**
     * tanh through the intrinsic {@link Math#exp} (Java 17's Math.tanh is a native fdlibm call, about 3× slower and
     * 27% of a Marquis2019 solve): (e − 1)/(e + 1) with e = exp(2|x|) for |x| ≥ 1/16 (relative error ≤ 2e-15), the
     * Taylor series to x¹⁵ below (truncation ≤ 1e-20 relative); ±1 beyond |x| = 20, where 1 − |tanh| < 1e-17.
     */
    static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 0.0625) {
            double s = x * x;
            return x * (1 + s * (-1.0 / 3 + s * (2.0 / 15 + s * (-17.0 / 315 + s * (62.0 / 2835 + s * (-1382.0 / 155925
                    + s * (21844.0 / 6081075 + s * (-929569.0 / 638512875))))))));
        }
        if (!(a < 20)) return a == a ? Math.copySign(1.0, x) : x;
        double e = Math.exp(2 * a), t = (e - 1) / (e + 1);
        return x < 0 ? -t : t;
    }

    /** sinh via {@link Math#exp}; the Taylor series below |x| = 1/16 avoids the cancellation of (eˣ − e⁻ˣ)/2. */
    static double sinh(double x) {
        double a = Math.abs(x);
        if (a < 0.0625) {
            double s = x * x;
            return x * (1 + s * (1.0 / 6 + s * (1.0 / 120 + s * (1.0 / 5040 + s * (1.0 / 362880 + s / 39916800)))));
        }
        double e = Math.exp(a), t = 0.5 * (e - 1 / e);
        return x < 0 ? -t : t;
    }

    static double cosh(double x) {
        double e = Math.exp(Math.abs(x));
        return 0.5 * (e + 1 / e);
    }

    private static final List<String> FUN1 = Arrays.asList("exp", "log", "sqrt", "tanh", "sinh", "cosh", "abs");

    private static final class Parser {
        final String s; final String field; final List<String> vars; int pos;
        Parser(String s, String field, List<String> vars) { this.s = s; this.field = field; this.vars = vars; }

        org.scalebridge.core.InputException err(String m) {
            return org.scalebridge.core.InputException.field(null, field,
                    "cannot parse expression \"" + s + "\" at character " + (pos + 1) + ": " + m
                            + " (variables: " + vars + ")");
        }

        void skip() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        boolean eat(char c) {
            skip();
            if (pos < s.length() && s.charAt(pos) == c) { pos++; return true; }
            return false;
        }

        Expr sum() {
            Expr e = product();
            while (true) {
                if (eat('+')) e = fold('+', e, product());
                else if (eat('-')) e = fold('-', e, product());
                else return e;
            }
        }

        Expr product() {
            Expr e = unary();
            while (true) {
                if (eat('*')) e = fold('*', e, unary());
                else if (eat('/')) e = fold('/', e, unary());
                else return e;
            }
        }

        Expr unary() {
            if (eat('-')) { Expr a = unary(); return a instanceof Const ? new Const(-((Const) a).c) : new Fn(7, a); }
            if (eat('+')) return unary();
            return power();
        }

        Expr power() {
            Expr base = atom();
            if (eat('^')) return fold('^', base, unary());
            return base;
        }

        Expr fold(char op, Expr a, Expr b) {
            Expr e = new Bin(op, a, b);
            if (a instanceof Const && b instanceof Const) return new Const(e.eval(null));
            return e;
        }

        Expr atom() {
            skip();
            if (pos >= s.length()) throw err("unexpected end");
            char c = s.charAt(pos);
            if (c == '(') { pos++; Expr e = sum(); if (!eat(')')) throw err("expected ')'"); return e; }
            if (Character.isDigit(c) || c == '.') {
                int st = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
                if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                    int save = pos; pos++;
                    if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                    if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                    } else pos = save;
                }
                try { return new Const(Double.parseDouble(s.substring(st, pos))); }
                catch (NumberFormatException ex) { throw err("bad number"); }
            }
            if (Character.isLetter(c) || c == '_') {
                int st = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
                String name = s.substring(st, pos);
                int vi = vars.indexOf(name);
                if (vi >= 0) return new Var(vi);
                if (name.equals("pi")) return new Const(Math.PI);
                if (eat('(')) {
                    Expr a = sum();
                    if (name.equals("min") || name.equals("max") || name.equals("pow")) {
                        if (!eat(',')) throw err("expected ',' in " + name);
                        Expr b = sum();
                        if (!eat(')')) throw err("expected ')'");
                        return fold(name.equals("min") ? 'm' : name.equals("max") ? 'M' : '^', a, b);
                    }
                    if (!eat(')')) throw err("expected ')'");
                    int f = name.equals("ln") ? 1 : FUN1.indexOf(name);
                    if (f < 0) throw err("unknown function " + name);
                    Expr e = new Fn(f, a);
                    return a instanceof Const ? new Const(e.eval(null)) : e;
                }
                throw err("unknown variable " + name);
            }
            throw err("unexpected '" + c + "'");
        }
    }
}
