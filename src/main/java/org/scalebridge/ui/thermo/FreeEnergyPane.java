package org.scalebridge.ui.thermo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.figures.FigureSettings;
import org.scalebridge.figures.ThermoCharts;
import org.scalebridge.thermo.FreeEnergy;
import org.scalebridge.thermo.MuFunction;
import org.scalebridge.thermo.PhaseFieldParameters;
import org.scalebridge.ui.figures.FigurePane;

/**
 * μ(x) and free-energy pane: μ points ± σ per temperature with the fitted μ(x) (criterion and degree control) and
 * residuals; ΔG_mix(x) with the common tangent, binodal (filled circles + dashed markers) and spinodal (open squares)
 * for all temperatures overlaid (paper Fig. 8); the derived phase-field parameters (κ, interface width, M per phase)
 * with their inputs; and a button writing them as a P2D phase-field parameter file. Numbers are the engine's
 * ({@link FreeEnergy}, {@link PhaseFieldParameters}).
 */
public class FreeEnergyPane extends BorderPane {
    private final Map<Double, double[][]> data;   // T → {x, μ, σ}
    private final List<ThermoCharts.Series> series = new ArrayList<>();
    private final ComboBox<FreeEnergy.Criterion> criterion = new ComboBox<>();
    private final Spinner<Integer> degree = new Spinner<>(1, 12, 8);
    private final TextField gamma = new TextField("0.010"), omega = new TextField("135"), dPoor = new TextField("1e-4"),
            dRich = new TextField("3e-4");
    private final ComboBox<Double> pfTemperature = new ComboBox<>();
    private final TextArea parameters = new TextArea();
    private final Label message = new Label();
    private final FigurePane muFig, resFig, gFig;
    private PhaseFieldParameters.Result pf;
    private Path p2dTemplate;
    private java.util.function.Consumer<Path> onSentToP2d = p -> {};

    /** @param data per temperature (K): {x[], μ[] (eV), σ[] (eV) or null} */
    public FreeEnergyPane(Map<Double, double[][]> data) { this(data, org.scalebridge.figures.FigureStore.none(), null); }

    /**
     * @param store        where the figures' export settings live (the project)
     * @param p2dTemplate  a P2D run configuration (TOML) whose cell the "Send to P2D" button copies with these
     *                     phase-field parameters, or null
     */
    public FreeEnergyPane(Map<Double, double[][]> data, org.scalebridge.figures.FigureStore store, Path p2dTemplate) {
        if (data.isEmpty()) throw new IllegalArgumentException("no μ(x) data");
        this.data = new TreeMap<>(data);
        this.p2dTemplate = p2dTemplate;
        criterion.getItems().addAll(FreeEnergy.Criterion.values());
        criterion.getSelectionModel().select(FreeEnergy.Criterion.CV);
        criterion.setId("criterion");
        degree.setId("degree");
        degree.setPrefWidth(70);
        pfTemperature.getItems().addAll(this.data.keySet());
        pfTemperature.getSelectionModel().select(0);
        analyse();
        muFig = new FigurePane(ThermoCharts.mu(series), FigureSettings.paper("", "x (site fraction)", "μ (eV)"), store, "mu-x");
        resFig = new FigurePane(ThermoCharts.residuals(series), FigureSettings.paper("", "x (site fraction)", "residual (meV)"), store, "mu-residuals");
        gFig = new FigurePane(ThermoCharts.freeEnergy(series), FigureSettings.paper("", "x (site fraction)", "ΔG_mix (meV per site)"), store, "free-energy");
        criterion.setOnAction(e -> refresh());
        degree.valueProperty().addListener((o, a, b) -> refresh());
        for (TextField f : new TextField[] {gamma, omega, dPoor, dRich}) { f.setPrefColumnCount(6); f.setOnAction(e -> refresh()); }
        pfTemperature.setOnAction(e -> refresh());
        Button send = new Button("Send to P2D…");
        send.setId("sendToP2d");
        send.setTooltip(new javafx.scene.control.Tooltip("Writes a P2D cell (parameters JSON + run TOML) whose cathode particle uses "
                + "these binodals, γ and D per phase; the P2D pane opens it"));
        send.setOnAction(e -> chooseP2dFile());
        Button importCsv = new Button("Import μ(x)…");
        importCsv.setTooltip(new javafx.scene.control.Tooltip("CSV x,mu_eV,sigma_mu_eV,T_K, or a mu-scan mu_of_n.csv (biased GCMC)"));
        importCsv.setOnAction(e -> chooseImport());
        message.setStyle("-fx-text-fill: #D55E00;");
        FlowPane controls = new FlowPane(8, 4, new Label("fit"), criterion, new Label("max/fixed degree"), degree,
                new Label("γ (eV/Å²)"), gamma, new Label("Ω (Å³/site)"), omega, new Label("D Na-poor (Å²/ps)"), dPoor,
                new Label("D Na-rich (Å²/ps)"), dRich, new Label("phase field at T (K)"), pfTemperature, send, importCsv, message);
        controls.setPadding(new Insets(6));
        setTop(controls);
        parameters.setEditable(false);
        parameters.setWrapText(true);   // long input lines wrap instead of hiding behind a horizontal scroll bar
        parameters.setId("parameters");
        parameters.setStyle("-fx-font-family: monospace;");
        SplitPane left = new SplitPane(muFig, resFig);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.65);
        SplitPane right = new SplitPane(gFig, parameters);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.65);
        setCenter(new SplitPane(left, right));
        showParameters();
    }

    /** Reads x, mu_eV, sigma_mu_eV, T_K columns (comment lines start with #, one header line). */
    public static Map<Double, double[][]> readCsv(Path file) throws IOException {
        Map<Double, List<double[]>> rows = new TreeMap<>();
        List<String> lines = Files.readAllLines(file);
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (header) { header = false; continue; }
            String[] f = l.split(",");
            if (f.length < 4) throw InputException.at(file, i + 1, "expected 4 columns x,mu_eV,sigma_mu_eV,T_K, got " + f.length);
            try {
                double[] r = {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
                rows.computeIfAbsent(Double.parseDouble(f[3]), k -> new ArrayList<>()).add(r);
            } catch (NumberFormatException e) {
                throw InputException.at(file, i + 1, "not a number: " + e.getMessage());
            }
        }
        Map<Double, double[][]> out = new TreeMap<>();
        rows.forEach((t, list) -> {
            double[][] a = new double[3][list.size()];
            for (int i = 0; i < list.size(); i++) for (int c = 0; c < 3; c++) a[c][i] = list.get(i)[c];
            out.put(t, a);
        });
        return out;
    }

    /** Options used by the pane: the user's criterion and degree; 4001-point grid and 50 seeded bootstrap resamples. */
    public FreeEnergy.Options options() {
        return new FreeEnergy.Options(criterion.getValue(), degree.getValue(), true, 4001, 50, 1L);
    }

    private void analyse() {
        series.clear();
        for (var e : data.entrySet()) {
            double[][] d = e.getValue();
            series.add(new ThermoCharts.Series(e.getKey(), d[0], d[1], d[2], FreeEnergy.analyse(e.getKey(), d[0], d[1], d[2], options())));
        }
    }

    /** Replaces the data (all temperatures) and refits. */
    public void setData(Map<Double, double[][]> d) {
        if (d.isEmpty()) { message.setText("no μ(x) data"); return; }
        data.clear();
        data.putAll(d);
        pfTemperature.getItems().setAll(data.keySet());
        pfTemperature.getSelectionModel().select(0);
        refresh();
    }

    /**
     * Reads a mu-scan output ({@code mu_of_n.csv}: target,mean_N,se_N,mu_eV,se_mu_eV,…; paper Eq. 17) as μ(x) at
     * temperature {@code t} with x = mean_N / sites; σ_μ is the scan's standard error of μ. Rows a scan marked
     * {@code converged = false} (a run stuck on one N) are left out: their μ is not an estimate of ∂G/∂N.
     */
    public static Map<Double, double[][]> readMuScan(Path file, double sites, double t) throws IOException {
        if (!(sites > 0)) throw InputException.field(file.toString(), "sites", "> 0, got " + sites);
        if (!(t > 0)) throw InputException.field(file.toString(), "T", "> 0 K, got " + t);
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) throw InputException.at(file, 1, "empty file");
        List<String> h = List.of(lines.get(0).trim().split(","));
        int cn = h.indexOf("mean_N"), cm = h.indexOf("mu_eV"), cs = h.indexOf("se_mu_eV"), cc = h.indexOf("converged");
        if (cn < 0 || cm < 0) throw InputException.at(file, 1, "expected a mu-scan header with mean_N and mu_eV");
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) continue;
            String[] f = l.split(",");
            if (cc >= 0 && cc < f.length && f[cc].trim().equalsIgnoreCase("false")) continue;
            try {
                rows.add(new double[] {Double.parseDouble(f[cn]) / sites, Double.parseDouble(f[cm]), cs >= 0 ? Double.parseDouble(f[cs]) : 0});
            } catch (RuntimeException e) {
                throw InputException.at(file, i + 1, "not a number in '" + l + "'");
            }
        }
        rows.sort(java.util.Comparator.comparingDouble(r -> r[0]));
        double[][] a = new double[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) for (int c = 0; c < 3; c++) a[c][i] = rows.get(i)[c];
        Map<Double, double[][]> out = new TreeMap<>();
        out.put(t, a);
        return out;
    }

    private void chooseImport() {
        FileChooser fc = new FileChooser();
        fc.setTitle("μ(x) data: x,mu_eV,sigma_mu_eV,T_K CSV or mu-scan mu_of_n.csv");
        var f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        try {
            String head = Files.readAllLines(f.toPath()).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("");
            if (head.contains("mean_N")) {
                var dlg = new javafx.scene.control.TextInputDialog("64, 300");
                dlg.setHeaderText("mu-scan output: number of Na sites (x = N / sites) and temperature (K)");
                var ans = dlg.showAndWait();
                if (ans.isEmpty()) return;
                String[] v = ans.get().split(",");
                if (v.length != 2) throw InputException.field(f.toString(), "sites, T", "two numbers separated by a comma");
                setData(readMuScan(f.toPath(), Double.parseDouble(v[0].trim()), Double.parseDouble(v[1].trim())));
            } else {
                setData(readCsv(f.toPath()));
            }
        } catch (IOException | RuntimeException ex) {
            message.setText(ex.getMessage());
        }
    }

    private void refresh() {
        try {
            analyse();
            message.setText("");
        } catch (RuntimeException ex) {
            message.setText(ex.getMessage());
            return;
        }
        muFig.setChart(ThermoCharts.mu(series));
        resFig.setChart(ThermoCharts.residuals(series));
        gFig.setChart(ThermoCharts.freeEnergy(series));
        showParameters();
    }

    private void showParameters() {
        StringBuilder sb = new StringBuilder();
        for (ThermoCharts.Series s : series) {
            FreeEnergy.Result r = s.result();
            sb.append(String.format(Locale.ROOT, "T = %.0f K: %s, rms residual %.2f meV%n", s.temperature(), r.model().describe(), 1000 * r.rmsResidual()));
            for (int g = 0; g < r.binodal().size(); g++) {
                FreeEnergy.Gap gap = r.binodal().get(g);
                sb.append(String.format(Locale.ROOT, "  binodal %.4f ± %.4f – %.4f ± %.4f, μ_coex = %.4f eV%n", gap.a(),
                        r.sigmaBinodal()[2 * g], gap.b(), r.sigmaBinodal()[2 * g + 1], gap.muCoexistence()));
            }
            if (r.binodal().isEmpty()) sb.append("  no miscibility gap (single phase)\n");
            sb.append("  spinodal ");
            for (double x : r.spinodal()) sb.append(String.format(Locale.ROOT, "%.4f ", x));
            sb.append('\n');
        }
        pf = null;
        try {
            ThermoCharts.Series s = seriesAt(pfTemperature.getValue());
            if (s.result().binodal().isEmpty()) throw InputException.field("phase field", "T", "no miscibility gap at " + s.temperature() + " K");
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("temperature_K", s.temperature());
            inputs.put("fit", s.result().model().describe());
            pf = PhaseFieldParameters.fromModel(s.result().model(), s.result().binodal().get(0), num(omega), num(gamma),
                    num(dPoor), num(dRich), inputs);
            sb.append(String.format(Locale.ROOT,
                    "%nPhase field at %.0f K (inputs: γ = %s eV/Å², Ω = %s Å³, D_poor = %s, D_rich = %s Å²/ps)%n"
                    + "  κ = %.4e eV/Å = %.4e J/m%n  interface width = %.3f Å%n  Δf_max = %.4e eV/Å³%n"
                    + "  M(Na-poor, c=%.4f) = %.4e Å²/(ps·eV) = %.4e m²/(s·J)%n  M(Na-rich, c=%.4f) = %.4e Å²/(ps·eV) = %.4e m²/(s·J)%n",
                    s.temperature(), gamma.getText(), omega.getText(), dPoor.getText(), dRich.getText(), pf.kappa(), pf.kappaSI(),
                    pf.interfaceWidth(), pf.deltaFMax(), pf.ca(), pf.mobilityA(), PhaseFieldParameters.Result.mobilitySI(pf.mobilityA()),
                    pf.cb(), pf.mobilityB(), PhaseFieldParameters.Result.mobilitySI(pf.mobilityB())));
        } catch (RuntimeException ex) {
            sb.append("\nPhase-field parameters unavailable: ").append(ex.getMessage()).append('\n');
        }
        parameters.setText(sb.toString());
    }

    private static double num(TextField f) {
        try { return Double.parseDouble(f.getText().trim()); }
        catch (NumberFormatException e) { throw InputException.field("phase field", f.getId() == null ? "input" : f.getId(), "not a number: " + f.getText()); }
    }

    private ThermoCharts.Series seriesAt(Double t) {
        for (ThermoCharts.Series s : series) if (t == null || s.temperature() == t) return s;
        return series.get(0);
    }

    /** Writes the phase-field parameters (SI, for the P2D Cahn–Hilliard particle) and their provenance as JSON. */
    public void writeP2dParameters(Path file) {
        if (pf == null) throw new IllegalStateException("no phase-field parameters (see the message in the pane)");
        String json = String.format(Locale.ROOT, "{%n  \"kind\": \"cahn-hilliard\",%n  \"kappa_J_per_m\": %.8e,%n"
                + "  \"interface_width_m\": %.6e,%n  \"binodals\": [%.6f, %.6f],%n  \"mobility_poor_m2_per_J_s\": %.6e,%n"
                + "  \"mobility_rich_m2_per_J_s\": %.6e,%n  \"gamma_J_per_m2\": %.6e,%n  \"source\": \"ScaleBridge free-energy pane, T = %s K, %s\"%n}%n",
                pf.kappaSI(), pf.interfaceWidthSI(), pf.ca(), pf.cb(), PhaseFieldParameters.Result.mobilitySI(pf.mobilityA()),
                PhaseFieldParameters.Result.mobilitySI(pf.mobilityB()), pf.gammaSI(), pfTemperature.getValue(),
                seriesAt(pfTemperature.getValue()).result().model().describe());
        AtomicFiles.writeString(file, json);
        message.setText("wrote " + file.getFileName());
    }

    /**
     * Sends the derived parameters to a P2D configuration: copies the template run (TOML) and its cell parameters
     * (JSON) to {@code outToml} and {@code outToml}'s stem + ".json", with the positive electrode's Cahn–Hilliard
     * particle taking this pane's binodals (filling fractions), interfacial energy γ (the solver derives κ from it
     * and its μ_hom, paper Eq. 26) and the phase diffusivities D_poor/D_rich (ln D switched by tanh at the binodal
     * midpoint); the cell temperature becomes the chosen T. Returns the TOML written.
     */
    /** μ(x) − μ_coex of the fit at T on a grid over (0, 1) (CSV x, mu_fit_eV): the P2D particle's μ_hom table. */
    private static void writeMuTable(Path csv, FreeEnergy.Result r, double t) {
        org.scalebridge.workflow.PhaseFieldToP2d.writeMuTable(csv, r.model(), r.binodal().get(0).muCoexistence(), t, "the free-energy pane");
    }

    public Path sendToP2d(Path template, Path outToml) throws IOException {
        if (pf == null) throw new IllegalStateException("no phase-field parameters (see the message in the pane)");
        if (template == null || !Files.isRegularFile(template)) throw InputException.field("Send to P2D", "template", "a P2D run TOML, got " + template);
        org.scalebridge.continuum.P2dConfig.load(template); // validates the template before anything is written
        var toml = org.tomlj.Toml.parse(template);
        String paramsName = toml.getString("parameters");
        Path params = template.toAbsolutePath().getParent().resolve(paramsName);
        if (!Files.isRegularFile(params)) throw InputException.field(template.toString(), "parameters", "a JSON parameter file next to it (bundled sets cannot be edited)");
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(params.toFile());
        var pos = (com.fasterxml.jackson.databind.node.ObjectNode) root.with("positive");
        var part = pos.with("particle");
        double t = pfTemperature.getValue() == null ? series.get(0).temperature() : pfTemperature.getValue();
        // the particle's μ_hom is this pane's fitted μ(x) (relative to μ at coexistence, so the template's E0 stays the
        // plateau) and c_max is one Na per site volume Ω: then the solver's κ from γ (Eq. 26) is this pane's κ
        String stem0 = outToml.getFileName().toString().replaceFirst("\\.toml$", "");
        Path muCsv = outToml.toAbsolutePath().getParent().resolve(stem0 + ".mu.csv");
        if (!"cahn_hilliard".equals(part.path("model").asText())) throw InputException.field(params.toString(), "positive.particle.model", "cahn_hilliard (the template's cathode is not phase-separating)");
        writeMuTable(muCsv, seriesAt(t).result(), t);
        double dPoorSI = num(dPoor) * 1e-8, dRichSI = num(dRich) * 1e-8; // Å²/ps → m²/s
        org.scalebridge.workflow.PhaseFieldToP2d.applyCathode(root, params.toString(), muCsv.getFileName().toString(), pf.ca(), pf.cb(), pf.gammaSI(),
                num(omega), dPoorSI, dRichSI, t);
        root.put("reference", String.format(Locale.ROOT, "%s | cathode phase field from the ScaleBridge free-energy pane at %.0f K (%s): binodals %.4f, %.4f; γ = %.4g J/m²; D_poor = %s, D_rich = %s Å²/ps",
                root.path("reference").asText(""), t, seriesAt(t).result().model().describe(), pf.ca(), pf.cb(), pf.gammaSI(), dPoor.getText(), dRich.getText()));
        String stem = outToml.getFileName().toString().replaceFirst("\\.toml$", "");
        Path json = outToml.toAbsolutePath().getParent().resolve(stem + ".json");
        byte[] bytes = mapper.writeValueAsBytes(root);
        AtomicFiles.writeBytes(json, os -> os.write(bytes));
        String text = Files.readString(template).replaceFirst("(?m)^parameters\\s*=.*$",
                java.util.regex.Matcher.quoteReplacement("parameters = \"" + json.getFileName() + "\""));
        text = text.replaceFirst("(?m)^(directory\\s*=\\s*\")([^\"]*)\"", "$1" + java.util.regex.Matcher.quoteReplacement(stem) + "-out\"");
        AtomicFiles.writeString(outToml, "# Sent from the free-energy pane (T = " + t + " K); template: " + template.getFileName() + "\n" + text);
        org.scalebridge.continuum.P2dConfig.load(outToml); // the written configuration must load
        message.setText("sent to " + outToml.getFileName() + " + " + json.getFileName());
        onSentToP2d.accept(outToml);
        return outToml;
    }

    /** Called with the TOML after "Send to P2D" (the studio opens it in the P2D pane). */
    public void setOnSentToP2d(java.util.function.Consumer<Path> c) { onSentToP2d = c == null ? p -> {} : c; }

    private void chooseP2dFile() {
        if (p2dTemplate == null) {
            FileChooser t = new FileChooser();
            t.setTitle("P2D template run (TOML) to copy the cell from");
            var tf = t.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (tf == null) return;
            p2dTemplate = tf.toPath();
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("New P2D run with these phase-field parameters");
        fc.setInitialDirectory(p2dTemplate.toAbsolutePath().getParent().toFile());
        fc.setInitialFileName("phasefield-" + String.format(Locale.ROOT, "%.0f", pfTemperature.getValue()) + "K.toml");
        var f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        try { sendToP2d(p2dTemplate, f.toPath()); } catch (IOException | RuntimeException ex) { message.setText(ex.getMessage()); }
    }

    public List<ThermoCharts.Series> series() { return List.copyOf(series); }
    public FigurePane muFigure() { return muFig; }
    public FigurePane residualFigure() { return resFig; }
    public FigurePane freeEnergyFigure() { return gFig; }
    public PhaseFieldParameters.Result phaseField() { return pf; }
    public void setDegree(int d) { degree.getValueFactory().setValue(d); }
    public void setCriterion(FreeEnergy.Criterion c) { criterion.setValue(c); refresh(); }
}
