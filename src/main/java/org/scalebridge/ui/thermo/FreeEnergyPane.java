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

    /** @param data per temperature (K): {x[], μ[] (eV), σ[] (eV) or null} */
    public FreeEnergyPane(Map<Double, double[][]> data) {
        if (data.isEmpty()) throw new IllegalArgumentException("no μ(x) data");
        this.data = new TreeMap<>(data);
        criterion.getItems().addAll(FreeEnergy.Criterion.values());
        criterion.getSelectionModel().select(FreeEnergy.Criterion.CV);
        criterion.setId("criterion");
        degree.setId("degree");
        degree.setPrefWidth(70);
        pfTemperature.getItems().addAll(this.data.keySet());
        pfTemperature.getSelectionModel().select(0);
        analyse();
        muFig = new FigurePane(ThermoCharts.mu(series), FigureSettings.paper("", "x (site fraction)", "μ (eV)"));
        resFig = new FigurePane(ThermoCharts.residuals(series), FigureSettings.paper("", "x (site fraction)", "residual (meV)"));
        gFig = new FigurePane(ThermoCharts.freeEnergy(series), FigureSettings.paper("", "x (site fraction)", "ΔG_mix (meV per site)"));
        criterion.setOnAction(e -> refresh());
        degree.valueProperty().addListener((o, a, b) -> refresh());
        for (TextField f : new TextField[] {gamma, omega, dPoor, dRich}) { f.setPrefColumnCount(6); f.setOnAction(e -> refresh()); }
        pfTemperature.setOnAction(e -> refresh());
        Button send = new Button("Send to P2D config…");
        send.setId("sendToP2d");
        send.setOnAction(e -> chooseP2dFile());
        message.setStyle("-fx-text-fill: #D55E00;");
        FlowPane controls = new FlowPane(8, 4, new Label("fit"), criterion, new Label("max/fixed degree"), degree,
                new Label("γ (eV/Å²)"), gamma, new Label("Ω (Å³/site)"), omega, new Label("D Na-poor (Å²/ps)"), dPoor,
                new Label("D Na-rich (Å²/ps)"), dRich, new Label("phase field at T (K)"), pfTemperature, send, message);
        controls.setPadding(new Insets(6));
        setTop(controls);
        parameters.setEditable(false);
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

    private void chooseP2dFile() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("phasefield-p2d.json");
        var f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        try { writeP2dParameters(f.toPath()); } catch (RuntimeException ex) { message.setText(ex.getMessage()); }
    }

    public List<ThermoCharts.Series> series() { return List.copyOf(series); }
    public FigurePane muFigure() { return muFig; }
    public FigurePane residualFigure() { return resFig; }
    public FigurePane freeEnergyFigure() { return gFig; }
    public PhaseFieldParameters.Result phaseField() { return pf; }
    public void setDegree(int d) { degree.getValueFactory().setValue(d); }
    public void setCriterion(FreeEnergy.Criterion c) { criterion.setValue(c); refresh(); }
}
