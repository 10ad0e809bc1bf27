package org.fieldvae.cli;

import org.fieldvae.nn.InitScheme;
import org.fieldvae.vae.Architecture;

import picocli.CommandLine.Option;

/** {@code train}'s options of the {@link Architecture} record, one help section; grid and channels come from the data. */
final class ArchitectureArgs {

    @Option(names = "--latent", description = "Latent dimension (default 2).")
    Integer latent;

    @Option(names = "--blocks", split = ",", description = "Layers per dense block (default 4,6,4).")
    int[] blocks;

    @Option(names = "--growth", description = "Growth rate of the dense blocks (default 4).")
    Integer growth;

    @Option(names = "--features", description = "Feature maps of the first convolution (default 2).")
    Integer features;

    @Option(names = "--init", description = "xavier (the paper's) or pytorch (the authors' code); default xavier.")
    String init = "xavier";

    /** The record for fields of this grid: the given options, the rest from {@code base}. */
    Architecture apply(Architecture base, int grid) {
        return base.withNetwork(grid, blocks != null ? blocks : base.blocks(), growth != null ? growth : base.growth(),
                features != null ? features : base.initialFeatures(), latent != null ? latent : base.latent());
    }

    InitScheme initScheme() {
        return switch (init.toLowerCase()) {
            case "xavier" -> InitScheme.XAVIER_UNIFORM;
            case "pytorch" -> InitScheme.PYTORCH_DEFAULT;
            default -> throw new IllegalArgumentException("--init = " + init + ": must be xavier or pytorch");
        };
    }
}
