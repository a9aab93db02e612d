package org.scalebridge.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.continuum.P2dConfig;
import org.scalebridge.continuum.P2dOutputWriter;
import org.scalebridge.continuum.P2dResult;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Progress;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.core.Units;
import org.scalebridge.learn.ConfigReader;

/**
 * Stage 9 of the pipeline, the P2D runs of the template cell at several C-rates with the cathode the phase-field stage
 * decided on (atomistic Cahn–Hilliard or homogeneous particle, or the template's when allowed); kept apart from
 * {@link Stages} because it is the one stage that edits another tool's input (the template run file and its
 * parameters) and records where every continuum input came from.
 */
final class P2dStage {
    private P2dStage() {}

    /**
     * Stage 9: P2D runs of the template cell at several C-rates. With {@code use_atomistic = true} (default) the cathode
     * is always the atomistic one the phase-field stage decided on — a Cahn–Hilliard particle (μ(x) − μ_coex table,
     * κ from γ, c_max, D(x)) or a homogeneous Fickian particle whose OCP is the atomistic μ(x), V = −(μ − E_Na)/e with
     * E_Na the Na reference of thermo's insertion voltage ({@code na_reference_eV}), and D(x) from the Arrhenius fits —
     * and the stage fails with the upstream reason when neither is usable; {@code "if-usable"} then runs the
     * template's cathode and records that decision; {@code false} always runs the template. The summary lists per
     * input (OCP/μ, κ, c_max, D, temperature) whether it came from an atomistic stage (which file) or the template.
     */
    static ObjectNode p2d(PipelineConfig pc, Path dir, Path pfDir, List<String> outputs, Progress pr) {
        ConfigReader c = pc.stage("p2d");
        c.rejectUnknown("template", "c_rates", "use_atomistic", "particle", "fickian_diffusivity", "duration_fraction", "settle_s", "max_voltage_drop_V",
                "na_reference_eV");
        double settle = c.real("settle_s", 60, 0, 1e9), maxDrop = c.real("max_voltage_drop_V", 0.1, 0, 10);
        String particleModel = c.choice("particle", "template", "template", "fickian");
        double fickD = c.positive("fickian_diffusivity", 1e-14);
        double durationFraction = c.real("duration_fraction", 1.0, 1e-3, 10);
        Path template = c.path("template", true);
        if (template == null) throw c.error("template", "required: a P2D run file (see samples/mnfepba_p2d)");
        double[] rates = c.positives("c_rates", new double[] {0.1, 0.5, 1.0});
        String useAtomistic = useAtomistic(c);
        double eNa = c.real("na_reference_eV", Double.NaN);
        if (c.has("na_reference_eV") && !Double.isFinite(eNa)) throw c.error("na_reference_eV", "expected a finite energy per Na atom (eV)");
        String text;
        try {
            text = Files.readString(template);
        } catch (IOException e) {
            throw c.error("template", "cannot read " + template + ": " + e.getMessage());
        }
        var pm = java.util.regex.Pattern.compile("(?m)^\\s*parameters\\s*=\\s*\"([^\"]+)\"").matcher(text);
        if (!pm.find()) throw c.error("template", template + " has no parameters = \"file.json\" line");
        Path paramFile = template.toAbsolutePath().getParent().resolve(pm.group(1));
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        ObjectNode params;
        try {
            params = (ObjectNode) StageRecord.JSON.readTree(paramFile.toFile());
        } catch (IOException e) {
            throw c.error("template", "cannot read its parameters " + paramFile + ": " + e.getMessage());
        }
        ObjectNode pf = StageRecord.read(pfDir);
        JsonNode pq = pf == null ? StageRecord.JSON.createObjectNode() : pf.path("summary");
        ObjectNode particle = (ObjectNode) params.path("positive").path("particle");
        boolean ch = particleModel.equals("template") && "cahn_hilliard".equals(particle.path("model").asText());
        String pfName = pfDir.getFileName().toString(), tName = paramFile.getFileName().toString();
        sum.put("use_atomistic", useAtomistic);
        ObjectNode decision = sum.putObject("decision"); // first in the summary: what the cathode is and why
        ObjectNode inputs = StageRecord.JSON.createObjectNode();
        String cathode = "template";
        double atomisticD = Double.NaN;
        if (!useAtomistic.equals("false")) {
            String kind = pq.path("cathode").asText("");
            String problem = null;
            if (pf == null) problem = pfName + " has no record";
            else if (kind.equals("cahn_hilliard")) {
                if (!"cahn_hilliard".equals(particle.path("model").asText()))
                    problem = "the template's cathode (" + tName + " positive.particle.model = \"" + particle.path("model").asText() + "\") is not a Cahn–Hilliard particle, "
                            + "which the atomistic miscibility gap of " + pfName + " needs";
            } else if (kind.equals("homogeneous")) {
                if (!Double.isFinite(eNa))
                    problem = pfName + " found no miscibility gap and a rising μ(x), whose OCP needs the Na reference: set [p2d] na_reference_eV (E_Na, the energy "
                            + "per atom of bcc Na metal with the pipeline's potential, as `scalebridge voltage --e-na`)";
            } else problem = pq.path("unusable_reason").asText(pfName + " recorded no usable atomistic cathode");
            if (problem != null) {
                if (useAtomistic.equals("true"))
                    throw new ScaleBridgeException("P2D stage: use_atomistic = true, but the atomistic cathode is not usable — " + problem
                            + ". Fix that stage's inputs, or set [p2d] use_atomistic = \"if-usable\" to run the template's cathode (" + tName + ") with this reason recorded, "
                            + "or use_atomistic = false.");
                decision.put("cathode", "TEMPLATE (atomistic results not usable; use_atomistic = \"if-usable\")").put("reason", problem);
                pr.log("P2D: TEMPLATE CATHODE — the atomistic results are not usable (use_atomistic = \"if-usable\"): " + problem);
            } else if (kind.equals("cahn_hilliard")) {
                // the atomistic Cahn–Hilliard cathode: μ_hom = fitted μ(x) − μ_coex (table), γ and binodals (κ by Eq. 26),
                // c_max = 1/(Ω N_A), D(x) from the Arrhenius fits (mobility by Eq. 24), at the phase-field temperature
                try {
                    Files.copy(pfDir.resolve("mu_table.csv"), dir.resolve("mu_table.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                outputs.add("mu_table.csv");
                double dA = Units.a2psToM2s(pq.get("D_poor_A2_per_ps").asDouble()), dB = Units.a2psToM2s(pq.get("D_rich_A2_per_ps").asDouble());
                atomisticD = Math.sqrt(dA * dB);
                double t = pq.get("T_K").asDouble();
                PhaseFieldToP2d.applyCathode(params, paramFile.toString(), "mu_table.csv", pq.get("binodal_poor").asDouble(), pq.get("binodal_rich").asDouble(),
                        pq.get("gamma_J_per_m2").asDouble(), pq.get("site_volume_A3").asDouble(), dA, dB, t);
                particle = (ObjectNode) params.path("positive").path("particle");
                String e0 = "E0 = " + particle.path("E0").asDouble() + " V from the template (" + tName + ")";
                if (Double.isFinite(eNa)) { // plateau at the atomistic μ_coex against the Na reference: U = −(μ − E_Na)/e
                    particle.put("E0", -(pq.get("mu_coexistence_eV").asDouble() - eNa));
                    e0 = String.format(Locale.ROOT, "E0 = −(μ_coex − E_Na)/e = %.4f V (μ_coex = %.5g eV, na_reference_eV = %.5g eV)", particle.get("E0").asDouble(),
                            pq.get("mu_coexistence_eV").asDouble(), eNa);
                }
                cathode = "atomistic Cahn–Hilliard";
                decision.put("cathode", "ATOMISTIC Cahn–Hilliard (miscibility gap " + pq.get("binodal_poor").asDouble() + " – " + pq.get("binodal_rich").asDouble() + ")");
                source(inputs, "ocp_mu", "atomistic", pfName + "/mu_table.csv", "μ_hom = fitted μ(x) − μ_coex of the μ stage at " + t + " K; " + e0);
                source(inputs, "kappa", "atomistic", "05-interface/stage.json + " + pfName + "/stage.json",
                        "κ from γ = " + pq.get("gamma_J_per_m2").asDouble() + " J/m² and the binodals (Eq. 26, by the solver)");
                source(inputs, "c_max", "atomistic", pfName + "/stage.json", "1/(Ω N_A), site volume Ω = " + pq.get("site_volume_A3").asDouble() + " Å³");
                source(inputs, "diffusivity", "atomistic", "04-diffusion/stage.json (via " + pfName + ")",
                        String.format(Locale.ROOT, "ln D switched between D_poor = %.4g and D_rich = %.4g m²/s (Arrhenius fits at %.1f K)", dA, dB, t));
                source(inputs, "temperature", "atomistic", pfName + "/stage.json", t + " K (the phase-field temperature)");
                sum.put("binodals", pq.get("binodal_poor").asDouble() + " – " + pq.get("binodal_rich").asDouble())
                        .put("c_max_mol_per_m3", params.path("positive").path("c_max").asDouble()).put("temperature_K", t);
            } else { // homogeneous atomistic cathode
                double t = pq.get("T_K").asDouble();
                homogeneousCathode(params, pfDir, dir, pq, eNa, outputs);
                particle = (ObjectNode) params.path("positive").path("particle");
                cathode = "atomistic homogeneous";
                decision.put("cathode", "ATOMISTIC homogeneous (Fickian; no miscibility gap, rising μ(x))");
                source(inputs, "ocp_mu", "atomistic", pfName + "/mu_fit.csv → ocp_table.csv",
                        String.format(Locale.ROOT, "U = −(μ(x) − E_Na)/e of the fitted μ(x) at %.1f K, na_reference_eV = %.5g eV", t, eNa));
                source(inputs, "kappa", "not used", "", "homogeneous particle: no interface (no miscibility gap)");
                source(inputs, "c_max", "atomistic", pfName + "/stage.json", "1/(Ω N_A), site volume Ω = " + pq.get("site_volume_A3").asDouble() + " Å³");
                source(inputs, "diffusivity", "atomistic", "04-diffusion/stage.json (via " + pfName + ")" + (pq.path("diffusivities").size() > 1 ? " → d_table.csv" : ""),
                        "D(x) of the Arrhenius fits at " + t + " K: " + pq.path("diffusivities"));
                source(inputs, "temperature", "atomistic", pfName + "/stage.json", t + " K (the phase-field temperature)");
                sum.put("c_max_mol_per_m3", params.path("positive").path("c_max").asDouble()).put("temperature_K", t);
            }
        } else {
            decision.put("cathode", "TEMPLATE (use_atomistic = false)");
        }
        if (cathode.equals("template")) {
            String model = particle.path("model").asText();
            source(inputs, "ocp_mu", "template", tName, model.equals("cahn_hilliard") ? "positive.particle.mu_homogeneous and E0" : "positive.ocp");
            source(inputs, "kappa", "template", model.equals("cahn_hilliard") ? tName : "",
                    model.equals("cahn_hilliard") ? "positive.particle.interfacial_energy_J_per_m2 / binodals (or kappa)" : "not used (Fickian particle)");
            source(inputs, "c_max", "template", tName, "positive.c_max");
            source(inputs, "diffusivity", "template", tName, "positive.particle.diffusivity");
            source(inputs, "temperature", "template", tName, "temperature_K");
        }
        if (particleModel.equals("fickian") && particle.isObject() && particle.has("mu_homogeneous")) {
            // homogeneous cathode: OCP U(sto) = E0 − μ_hom(sto)/F (the Cahn–Hilliard model's equilibrium potential)
            // with Fickian transport; much cheaper than resolving the moving interface
            double f = params.path("constants").path("F").asDouble(Units.FARADAY);
            JsonNode muh = particle.get("mu_homogeneous");
            String muExpr = muh.isTextual() ? muh.asText() : null;
            if (muExpr == null) { // a table (atomistic): write U = E0 − μ/e on its grid
                java.util.List<double[]> rows = readTable(dir.resolve(muh.path("table").asText()), muh.path("x").asText("x"), muh.path("y").asText("mu_fit_eV"));
                StringBuilder b = new StringBuilder("# U = E0 - mu_hom/e of " + muh.path("table").asText() + "\nx,ocp_V\n");
                for (double[] r : rows) b.append(String.format(Locale.ROOT, "%.8f,%.10f%n", r[0], particle.get("E0").asDouble() - r[1]));
                AtomicFiles.writeString(dir.resolve("ocp_table.csv"), b.toString());
                outputs.add("ocp_table.csv");
                ObjectNode tab = ((ObjectNode) params.path("positive")).putObject("ocp");
                tab.put("table", "ocp_table.csv").put("x", "x").put("y", "ocp_V").put("interpolation", "monotone");
            } else {
                ((ObjectNode) params.path("positive")).put("ocp", String.format(Locale.ROOT, "%.12g - (%s)/%.12g", particle.get("E0").asDouble(), muExpr, f));
            }
            particle.put("model", "fickian");
            // one effective chemical diffusivity (m²/s): the template's D(x) is a Cahn–Hilliard tracer-like input
            // (down to 1e-18 m²/s in the rich phase), which a homogeneous particle cannot use
            particle.put("diffusivity", Double.toString(Double.isFinite(atomisticD) ? atomisticD : fickD)); // atomistic: geometric mean of D_poor, D_rich
            sum.put("particle", "fickian (homogeneous OCP from the " + (cathode.equals("template") ? "template's" : "atomistic") + " mu_homogeneous)");
            source(inputs, "kappa", "not used", "", "particle = \"fickian\": no interface");
            if (!Double.isFinite(atomisticD)) source(inputs, "diffusivity", "template", "", "[p2d] fickian_diffusivity = " + fickD + " m²/s");
            else source(inputs, "diffusivity", "atomistic", "04-diffusion/stage.json (via " + pfName + ")", "geometric mean of D_poor, D_rich = " + atomisticD + " m²/s");
        } else {
            sum.put("particle", particle.path("model").asText("template") + (cathode.startsWith("atomistic") ? " (" + cathode + ")" : ""));
        }
        sum.put("atomistic_inputs_applied", cathode.startsWith("atomistic"));
        sum.set("inputs", inputs);
        if (cathode.equals("template")) sum.put("note", "template's continuum cathode used: " + decision.path("cathode").asText()
                + (decision.has("reason") ? " — " + decision.get("reason").asText() : ""));
        Path pjson = dir.resolve("parameters.json");
        Stages.writeJson(pjson, params);
        outputs.add("parameters.json");
        ArrayNode arr = sum.putArray("runs");
        JsonNode posJ = params.path("positive");
        // Na the cathode can give up on charge (Ah/m²): L ε_am c_max sto_0 F / 3600
        double cathodeCap = posJ.path("thickness").asDouble() * posJ.path("active_fraction").asDouble() * posJ.path("c_max").asDouble()
                * posJ.path("initial_stoichiometry").asDouble(1) * params.path("constants").path("F").asDouble(Units.FARADAY) / 3600;
        for (double rate : rates) {
            String tag = String.format(Locale.ROOT, "C%.3g", rate).replace('.', 'p');
            Path runDir = dir.resolve(tag);
            String t2 = pm.replaceFirst("parameters = \"" + pjson.toAbsolutePath().toString().replace("\\", "/") + "\"");
            t2 = scaleRates(t2, rate, durationFraction);
            t2 = t2.replaceAll("(?m)^(\\s*directory\\s*=\\s*)\"[^\"]*\"", "$1\"" + tag + "\"");
            Path runFile = dir.resolve(tag + ".toml");
            AtomicFiles.writeString(runFile, t2);
            P2dConfig pc2 = P2dConfig.load(runFile);
            P2dResult r = pc2.buildSimulation().run(pc2.protocol, pr);
            P2dOutputWriter.writeAll(r, runDir, true, true, false);
            if (r.failure() != null)
                throw new ScaleBridgeException(String.format(Locale.ROOT, "P2D run at %.3g C did not finish: %s (outputs up to there in %s)", rate, r.failure(), runDir));
            double[] v = r.voltage(), q = r.throughput();
            double vmin = Double.MAX_VALUE, vmax = -Double.MAX_VALUE, vq = 0;
            for (int i = 0; i < v.length; i++) {
                vmin = Math.min(vmin, v[i]); vmax = Math.max(vmax, v[i]);
                if (i > 0) vq += 0.5 * (v[i] + v[i - 1]) * Math.abs(q[i] - q[i - 1]);
            }
            double cap = Math.abs(q[q.length - 1]);
            double drop = maxVoltageDrop(r.time(), v, settle);
            ObjectNode ro = arr.addObject().put("c_rate", rate).put("capacity_Ah_per_m2", cap).put("mean_voltage_V", cap > 0 ? vq / cap : Double.NaN)
                    .put("v_min_V", vmin).put("v_max_V", vmax).put("outputs", r.size()).put("max_voltage_drop_V", drop)
                    .put("cathode_capacity_Ah_per_m2", cathodeCap);
            // sanity (the stage fails rather than hand on nonsense): a charge raises the voltage — beyond the first
            // settle seconds it may dip only by the nucleation overshoot of Cahn–Hilliard particles that transform one
            // after another (68 mV at 3C in the quick sample; default bound 0.1 V) — and the charge passed is positive
            // and at most the Na the cathode holds
            if (!(cap > 0) || cap > 1.001 * cathodeCap || !(drop <= maxDrop) || !Double.isFinite(vmin) || !Double.isFinite(vmax))
                throw new ScaleBridgeException(String.format(Locale.ROOT, "P2D run at %.3g C is not sane: capacity %.5g Ah/m² (cathode holds %.5g), "
                        + "largest voltage drop after %.0f s %.4g V (allowed %.3g V), V in [%.4f, %.4f]; see %s", rate, cap, cathodeCap, settle, drop, maxDrop, vmin, vmax, runDir));
            ro.put("sane", true);
            outputs.add(tag + ".toml");
            try (var st = Files.list(runDir)) {
                for (Path f : st.filter(Files::isRegularFile).sorted().toList()) outputs.add(dir.relativize(f).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sum;
    }

    /** {@code use_atomistic}: true (default), false, or "if-usable". */
    static String useAtomistic(ConfigReader c) {
        String v = c.stringOrNull("use_atomistic");
        if (v != null) {
            if (!v.equals("if-usable")) throw c.error("use_atomistic", "expected true, false or \"if-usable\", got \"" + v + "\"");
            return v;
        }
        return Boolean.toString(c.bool("use_atomistic", true));
    }

    private static void source(ObjectNode inputs, String key, String from, String file, String detail) {
        ObjectNode o = inputs.putObject(key);
        o.put("from", from);
        if (!file.isEmpty()) o.put("file", file);
        o.put("detail", detail);
    }

    /**
     * The homogeneous atomistic cathode (no miscibility gap, rising μ(x)): a Fickian particle with OCP
     * U(x) = −(μ(x) − E_Na)/e (the Na-reference convention of thermo.InsertionVoltage, Eq. 31, applied to the
     * differential μ) on the phase-field stage's μ table, D(x) from the Arrhenius fits at the phase-field temperature
     * (log-interpolated between compositions, constant for one), c_max = 1/(Ω N_A).
     */
    static void homogeneousCathode(ObjectNode params, Path pfDir, Path dir, JsonNode pq, double eNa, List<String> outputs) {
        List<double[]> mu = readTable(pfDir.resolve("mu_fit.csv"), "x", "mu_fit_eV");
        StringBuilder b = new StringBuilder("# U = -(mu - E_Na)/e, mu the fitted mu(x) at " + pq.get("T_K").asDouble() + " K (" + pfDir.getFileName()
                + "/mu_fit.csv), E_Na = " + eNa + " eV\nx,ocp_V\n");
        for (double[] r : mu) b.append(String.format(Locale.ROOT, "%.8f,%.10f%n", r[0], -(r[1] - eNa)));
        AtomicFiles.writeString(dir.resolve("ocp_table.csv"), b.toString());
        outputs.add("ocp_table.csv");
        ObjectNode pos = params.with("positive");
        ObjectNode ocp = pos.putObject("ocp");
        ocp.put("table", "ocp_table.csv").put("x", "x").put("y", "ocp_V").put("interpolation", "monotone");
        ObjectNode part = pos.putObject("particle");
        part.put("model", "fickian");
        JsonNode dt = pq.path("diffusivities");
        if (dt.size() == 1) part.put("diffusivity", dt.get(0).get("D_m2_per_s").asDouble());
        else {
            List<double[]> rows = new ArrayList<>();
            for (JsonNode o : dt) rows.add(new double[] {o.get("site_fraction").asDouble(), o.get("D_m2_per_s").asDouble()});
            rows.sort((a, q) -> Double.compare(a[0], q[0]));
            StringBuilder d = new StringBuilder("# D(x) of the Arrhenius fits at " + pq.get("T_K").asDouble() + " K (04-diffusion), x the site fraction\nx,D_m2_per_s\n");
            for (double[] r : rows) d.append(String.format(Locale.ROOT, "%.8f,%.10g%n", r[0], r[1]));
            AtomicFiles.writeString(dir.resolve("d_table.csv"), d.toString());
            outputs.add("d_table.csv");
            ObjectNode dd = part.putObject("diffusivity");
            dd.put("table", "d_table.csv").put("x", "x").put("y", "D_m2_per_s").put("log", true).put("interpolation", "monotone");
        }
        pos.put("c_max", PhaseFieldToP2d.cMax(pq.get("site_volume_A3").asDouble()));
        params.put("temperature_K", pq.get("T_K").asDouble());
    }

    /** Two named columns of a CSV table with '#' comment lines. */
    static List<double[]> readTable(Path f, String xName, String yName) {
        List<double[]> out = new ArrayList<>();
        try {
            int xi = -1, yi = -1;
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] p = line.split(",");
                if (xi < 0) {
                    xi = java.util.Arrays.asList(p).indexOf(xName);
                    yi = java.util.Arrays.asList(p).indexOf(yName);
                    if (xi < 0 || yi < 0) throw new ScaleBridgeException(f + ": no columns " + xName + ", " + yName);
                    continue;
                }
                out.add(new double[] {Double.parseDouble(p[xi].trim()), Double.parseDouble(p[yi].trim())});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Largest fall of V below its running maximum after t = settle (a monotone charging curve gives 0). */
    static double maxVoltageDrop(double[] t, double[] v, double settle) {
        double top = -Double.MAX_VALUE, drop = 0;
        for (int i = 0; i < v.length; i++) {
            if (t[i] < t[0] + settle) continue;
            top = Math.max(top, v[i]);
            drop = Math.max(drop, top - v[i]);
        }
        return drop;
    }

    /** Every {@code c_rate = v} becomes sign(v)·rate; every {@code duration_s = d} is scaled by fraction·|v_first|/rate. */
    static String scaleRates(String text, double rate, double fraction) {
        var m = java.util.regex.Pattern.compile("(?m)^(\\s*c_rate\\s*=\\s*)([-+0-9.eE]+)").matcher(text);
        double first = Double.NaN;
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            if (Double.isNaN(first)) first = Math.abs(v);
            m.appendReplacement(b, m.group(1) + Math.copySign(rate, v));
        }
        m.appendTail(b);
        if (Double.isNaN(first) || first == 0) return b.toString();
        double f = fraction * first / rate;
        var d = java.util.regex.Pattern.compile("(?m)^(\\s*duration_s\\s*=\\s*)([-+0-9.eE]+)").matcher(b.toString());
        StringBuilder b2 = new StringBuilder();
        while (d.find()) d.appendReplacement(b2, d.group(1) + Double.parseDouble(d.group(2)) * f);
        d.appendTail(b2);
        return b2.toString();
    }
}
