package org.scalebridge.learn;

/**
 * The small active-learning configuration the loop's tests share (level-2 MTP, pre-training at x = 0 and 2, one GCMC–MD
 * iteration at 400 K on the surrogate, at most 3 selections): seconds to run, and enough to exercise every part of the loop.
 * Tests vary it with {@code replace}.
 */
public final class SmallLearnConfig {
    private SmallLearnConfig() {}

    /** With {@code output = "al"}, as the standalone loop writes it; {@link #IN_PIPELINE} without (the pipeline chooses). */
    public static final String TOML = """
            seed = 5
            output = "al"
            [mtp]
            level = 2
            radial_basis_size = 4
            train_iterations = 15
            retrain_iterations = 8
            threads = 1
            [pretrain]
            compositions = [0.0, 2.0]
            steps = 40
            every = 20
            [sampling]
            structure = { x = 1.0 }
            temperatures = [400.0]
            mu = [-2.5]
            cycles = 3
            md_steps = 5
            exchanges = 2
            translations = 2
            [selection]
            max_per_iteration = 3
            max_iterations = 1
            """;

    public static final String IN_PIPELINE = TOML.replace("output = \"al\"\n", "");
}
