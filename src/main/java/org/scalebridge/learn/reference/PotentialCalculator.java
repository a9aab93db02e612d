package org.scalebridge.learn.reference;

import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

import java.util.Map;
import java.util.function.Function;

/**
 * A reference calculator backed by an engine potential: any classical {@link Potential}, or the MnFePBA surrogate
 * force field (the offline default), whose model is rebuilt for each configuration (its charges and bonds depend
 * on the Na content).
 */
public final class PotentialCalculator implements ReferenceCalculator {
    private final String name;
    private final Function<Structure, Potential> factory;

    private PotentialCalculator(String name, Function<Structure, Potential> factory) {
        this.name = name;
        this.factory = factory;
    }

    /** Uses one potential for every configuration (calls are serialised: potentials keep caches). */
    public static PotentialCalculator of(Potential p) {
        return new PotentialCalculator(p.name(), s -> p);
    }

    /** The MnFePBA surrogate with its bundled parameters. */
    public static PotentialCalculator surrogate() {
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        return new PotentialCalculator("mnfepba-surrogate", s -> ff.build(s).potential());
    }

    @Override public String name() { return name; }

    @Override public Map<String, String> settings() { return Map.of("potential", name); }

    @Override
    public ReferenceResult calculate(Structure s, JobContext job) {
        Structure work = s.copy();
        Potential p = factory.apply(work);
        ForceResult r = new ForceResult().request(true, true, false);
        synchronized (p) {
            p.compute(work, r);
        }
        return new ReferenceResult(r.energy(), r.forcesCopy(), r.virial().clone());
    }
}
