package org.scalebridge.ui.p2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import org.scalebridge.continuum.P2dConfig;
import org.scalebridge.continuum.P2dParameters;
import org.scalebridge.continuum.Protocol;
import org.scalebridge.core.InputException;

/**
 * The P2D cell form, validated as the user types (like the run form): electrodes (thickness, porosity, active
 * fraction, particle radius, c_max, initial stoichiometry), kinetics (j0, α), separator, electrolyte, the mesh and a
 * constant-current protocol step. Fields start from a loaded configuration; a blank optional field keeps the file's
 * value (e.g. a concentration-dependent j0 expression). Invalid fields turn red with the reason as tooltip and
 * {@link #validProperty()} goes false.
 */
final class CellForm extends GridPane {
    /** One validated numeric field; {@code apply} writes the parsed value into a configuration. */
    private final class Field {
        final TextField text = new TextField();
        final String name;
        final double min, max;
        final boolean integer, optional, minOpen;
        boolean maxOpen;
        final java.util.function.BiConsumer<P2dConfig, Double> apply;
        String error;

        Field(String name, double min, boolean minOpen, double max, boolean integer, boolean optional,
              java.util.function.BiConsumer<P2dConfig, Double> apply) {
            this.name = name; this.min = min; this.minOpen = minOpen; this.max = max; this.integer = integer;
            this.optional = optional; this.apply = apply;
            text.setPrefColumnCount(7);
            text.textProperty().addListener((o, a, b) -> validate());
        }

        Double value() {
            String s = text.getText().trim();
            if (s.isEmpty()) return null;
            return Double.parseDouble(s);
        }

        void validate() {
            error = null;
            String s = text.getText().trim();
            if (s.isEmpty()) { if (!optional) error = name + ": required"; }
            else {
                try {
                    double v = Double.parseDouble(s);
                    if (!Double.isFinite(v)) error = name + ": not finite";
                    else if (integer && v != Math.rint(v)) error = name + ": an integer, got " + s;
                    else if (minOpen ? !(v > min) : !(v >= min)) error = name + ": must be " + (minOpen ? "> " : "≥ ") + fmt(min) + ", got " + s;
                    else if (maxOpen ? !(v < max) : !(v <= max)) error = name + ": must be " + (maxOpen ? "< " : "≤ ") + fmt(max) + ", got " + s;
                } catch (NumberFormatException e) {
                    error = name + ": not a number: '" + s + "'";
                }
            }
            text.setStyle(error == null ? "" : "-fx-border-color: #D55E00; -fx-border-width: 1.5; -fx-background-color: #FFF3EC;");
            text.setTooltip(error == null ? null : new Tooltip(error));
            revalidate();
        }
    }

    private final List<Field> fields = new ArrayList<>();
    private final BooleanProperty valid = new SimpleBooleanProperty(true);
    private final Label problem = new Label();
    private int row = 1;
    final Field cRate, duration, vMin, vMax;

    private static final double UM = 1e-6;

    CellForm() {
        setHgap(6); setVgap(3);
        setPadding(new Insets(4, 6, 4, 6));
        setAlignment(Pos.TOP_LEFT);
        header(0, "", "negative", "positive", "");
        pair("thickness (µm)", 1, 1e4, (c, v) -> c.parameters.negative.thickness = v * UM, (c, v) -> c.parameters.positive.thickness = v * UM);
        pair("porosity", 0, 1, (c, v) -> c.parameters.negative.porosity = v, (c, v) -> c.parameters.positive.porosity = v);
        pair("active fraction", 0, 1, (c, v) -> c.parameters.negative.activeFraction = v, (c, v) -> c.parameters.positive.activeFraction = v);
        pair("particle radius (µm)", 0.01, 1000, (c, v) -> c.parameters.negative.radius = v * UM, (c, v) -> c.parameters.positive.radius = v * UM);
        pair("c_max (mol/m³)", 1, 1e6, (c, v) -> c.parameters.negative.cMax = v, (c, v) -> c.parameters.positive.cMax = v);
        pair("initial stoichiometry", 0, 1, (c, v) -> c.parameters.negative.cInit = v * c.parameters.negative.cMax,
                (c, v) -> c.parameters.positive.cInit = v * c.parameters.positive.cMax); // after c_max (field order)
        pairOptional("j0 (A/m², blank = file)", (c, v) -> c.parameters.negative.exchangeCurrent = org.scalebridge.continuum.Expr.constant(v),
                (c, v) -> c.parameters.positive.exchangeCurrent = org.scalebridge.continuum.Expr.constant(v));
        pair("α (charge transfer)", 0, 1, (c, v) -> c.parameters.negative.alpha = v, (c, v) -> c.parameters.positive.alpha = v);
        pairInt("cells along x", (c, v) -> c.nNeg = v, (c, v) -> c.nPos = v);
        pairInt("radial nodes", (c, v) -> c.nrNeg = v, (c, v) -> c.nrPos = v);
        // right-hand block: separator, electrolyte, protocol
        int r = 1;
        header2(r++, "separator / electrolyte / protocol");
        single(r++, "separator thickness (µm)", field("separator thickness", 0.1, true, 1e4, false, false, (c, v) -> c.parameters.separator.thickness = v * UM));
        Field sp = field("separator porosity", 0, true, 1, false, false, (c, v) -> c.parameters.separator.porosity = v);
        sp.maxOpen = true;
        single(r++, "separator porosity", sp);
        single(r++, "separator cells", field("separator cells", 1, false, 1000, true, false, (c, v) -> c.nSep = (int) Math.round(v)));
        single(r++, "electrolyte c₀ (mol/m³)", field("electrolyte c0", 0, true, 1e5, false, false, (c, v) -> c.parameters.electrolyte.cInit = v));
        single(r++, "temperature (K)", field("temperature", 0, true, 2000, false, false, (c, v) -> c.parameters.temperature = v));
        cRate = field("C-rate", -100, false, 100, false, false, null);
        duration = field("duration", 0, true, 1e8, false, false, null);
        vMin = field("V min", -10, false, 10, false, false, null);
        vMax = field("V max", -10, false, 10, false, false, null);
        single(r++, "C-rate (− = charge)", cRate);
        single(r++, "duration (s)", duration);
        single(r++, "cut-off V min / V max", vMin, vMax);
        problem.setStyle("-fx-text-fill: #D55E00;");
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        add(problem, 5, r, 3, 2);
    }

    private void header(int r, String a, String b, String c, String d) {
        Label lb = new Label(b), lc = new Label(c);
        lb.setStyle("-fx-font-weight: bold;"); lc.setStyle("-fx-font-weight: bold;");
        add(lb, 1, r); add(lc, 2, r);
    }

    private void header2(int r, String t) {
        Label l = new Label(t);
        l.setStyle("-fx-font-weight: bold;");
        add(l, 5, 0, 3, 1);
    }

    private Field field(String name, double min, boolean minOpen, double max, boolean integer, boolean optional,
                        java.util.function.BiConsumer<P2dConfig, Double> apply) {
        Field f = new Field(name, min, minOpen, max, integer, optional, apply);
        fields.add(f);
        return f;
    }

    private void pair(String label, double min, double max, java.util.function.BiConsumer<P2dConfig, Double> neg,
                      java.util.function.BiConsumer<P2dConfig, Double> pos) {
        Field a = field("negative " + label, min, true, max, false, false, neg), b = field("positive " + label, min, true, max, false, false, pos);
        boolean fraction = max == 1; // porosity, fractions, stoichiometry and α lie strictly inside (0, 1)
        a.maxOpen = fraction; b.maxOpen = fraction;
        add(new Label(label), 0, row); add(a.text, 1, row); add(b.text, 2, row);
        row++;
    }

    private void pairOptional(String label, java.util.function.BiConsumer<P2dConfig, Double> neg, java.util.function.BiConsumer<P2dConfig, Double> pos) {
        Field a = field("negative j0", 0, true, 1e6, false, true, neg), b = field("positive j0", 0, true, 1e6, false, true, pos);
        a.text.setPromptText("file"); b.text.setPromptText("file");
        add(new Label(label), 0, row); add(a.text, 1, row); add(b.text, 2, row);
        row++;
    }

    private void pairInt(String label, java.util.function.BiConsumer<P2dConfig, Integer> neg, java.util.function.BiConsumer<P2dConfig, Integer> pos) {
        Field a = field("negative " + label, 2, false, 2000, true, false, (c, v) -> neg.accept(c, (int) Math.round(v)));
        Field b = field("positive " + label, label.startsWith("radial") ? 3 : 2, false, 2000, true, false, (c, v) -> pos.accept(c, (int) Math.round(v)));
        add(new Label(label), 0, row); add(a.text, 1, row); add(b.text, 2, row);
        row++;
    }

    private void single(int r, String label, Field... f) {
        add(new Label(label), 5, r);
        for (int i = 0; i < f.length; i++) add(f[i].text, 6 + i, r);
    }

    private void revalidate() {
        String first = null;
        for (Field f : fields) if (f.error != null) { first = f.error; break; }
        valid.set(first == null);
        problem.setText(first == null ? "" : first);
    }

    BooleanProperty validProperty() { return valid; }

    /** First validation problem, or null. */
    String problem() { return valid.get() ? null : problem.getText(); }

    /** Fills the form from a configuration (the protocol fields from its first constant-current step). */
    void fill(P2dConfig c) {
        P2dParameters p = c.parameters;
        List<Double> v = new ArrayList<>(List.of(
                p.negative.thickness / UM, p.positive.thickness / UM, p.negative.porosity, p.positive.porosity,
                p.negative.activeFraction, p.positive.activeFraction, p.negative.radius / UM, p.positive.radius / UM,
                p.negative.cMax, p.positive.cMax, p.negative.cInit / p.negative.cMax, p.positive.cInit / p.positive.cMax));
        int k = 0;
        for (; k < v.size(); k++) fields.get(k).text.setText(fmt(v.get(k)));
        fields.get(k++).text.setText(""); fields.get(k++).text.setText(""); // j0: keep the file's expressions
        fields.get(k++).text.setText(fmt(p.negative.alpha)); fields.get(k++).text.setText(fmt(p.positive.alpha));
        fields.get(k++).text.setText(Integer.toString(c.nNeg)); fields.get(k++).text.setText(Integer.toString(c.nPos));
        fields.get(k++).text.setText(Integer.toString(c.nrNeg)); fields.get(k++).text.setText(Integer.toString(c.nrPos));
        fields.get(k++).text.setText(fmt(p.separator.thickness / UM)); fields.get(k++).text.setText(fmt(p.separator.porosity));
        fields.get(k++).text.setText(Integer.toString(c.nSep));
        fields.get(k++).text.setText(fmt(p.electrolyte.cInit)); fields.get(k++).text.setText(fmt(p.temperature));
        Protocol.Step first = c.protocol.steps().isEmpty() ? null : c.protocol.steps().get(0);
        boolean cc = first != null && first.kind == Protocol.Kind.CURRENT && !Double.isNaN(first.value);
        cRate.text.setText(cc ? fmt(first.value) : "");
        duration.text.setText(first == null ? "" : fmt(first.duration));
        vMin.text.setText(first == null ? "" : fmt(Double.isFinite(first.vMin) ? first.vMin : p.cutoffLower));
        vMax.text.setText(first == null ? "" : fmt(Double.isFinite(first.vMax) ? first.vMax : p.cutoffUpper));
        for (Field f : fields) f.validate();
    }

    /**
     * Applies the form to a freshly loaded configuration; the protocol becomes one constant-current step at the
     * form's C-rate when the configuration's first step is a C-rate step (output interval scaled with the rate).
     */
    void applyTo(P2dConfig c, Path source) {
        for (Field f : fields) {
            f.validate();
            if (f.error != null) throw InputException.field(source.toString(), f.name, f.error);
        }
        for (Field f : fields) if (f.apply != null && f.value() != null) f.apply.accept(c, f.value());
        double rate = cRate.value(), len = duration.value(), lo = vMin.value(), hi = vMax.value();
        if (rate == 0) throw InputException.field(source.toString(), "C-rate", "non-zero");
        if (!(lo < hi)) throw InputException.field(source.toString(), "V min / V max", "V min < V max, got " + lo + " / " + hi);
        Protocol.Step first = c.protocol.steps().get(0);
        if (first.kind != Protocol.Kind.CURRENT || Double.isNaN(first.value))
            throw InputException.field(source.toString(), "C-rate", "the file's first step is not a C-rate step; edit the file instead");
        double scale = Math.abs(first.value / rate);
        c.protocol = new Protocol().constantCurrentC(rate, len, lo, hi);
        c.interval = Math.min(c.interval * scale, len / 20);
        c.mapEvery = 1;
    }

    void onChange(Consumer<Boolean> c) { valid.addListener((o, a, b) -> c.accept(b)); }

    void set(String fieldName, String value) {
        for (Field f : fields) if (f.name.equals(fieldName)) { f.text.setText(value); return; }
        throw new IllegalArgumentException("no field " + fieldName);
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }
}
