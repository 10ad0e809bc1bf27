package org.fieldvae.cli;

import org.fieldvae.experiment.TrialData;

import picocli.CommandLine.Option;

/** {@code quickstart}'s options of the {@link TrialData} record, one help section. */
final class TrialDataArgs {
    private static final TrialData DEFAULTS = TrialData.quickstartDefaults();

    @Option(names = "--grid", paramLabel = "N", description = "Nodes per side, 2^k + 1 >= 17 (default ${DEFAULT-VALUE}).")
    int grid = DEFAULTS.grid();

    @Option(names = "--samples", paramLabel = "N", description = "Training samples (default ${DEFAULT-VALUE}).")
    int samples = DEFAULTS.trainSamples();

    @Option(names = "--test-samples", paramLabel = "N", description = "Test samples (Monte Carlo) that are scored "
            + "(default ${DEFAULT-VALUE}: fewer let the sample correlation of theta cap S_D, docs/learner.md).")
    int testSamples = DEFAULTS.testSamples();

    @Option(names = "--labels", paramLabel = "FRACTION",
            description = "Fraction of training samples whose theta is a label, 0..1 (default ${DEFAULT-VALUE}; "
                    + "the paper 0.01-0.08).")
    double labels = DEFAULTS.labelFraction();

    TrialData apply(TrialData base) {
        return base.withGrid(grid).withSamples(samples, testSamples).withLabelFraction(labels);
    }
}
