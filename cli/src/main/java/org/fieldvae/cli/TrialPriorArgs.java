package org.fieldvae.cli;

import java.util.Locale;

import org.fieldvae.experiment.TrialPrior;
import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.PriorKind;

import picocli.CommandLine.Option;

/** {@code quickstart}'s options of the {@link TrialPrior} record, one help section. */
final class TrialPriorArgs {

    @Option(names = "--prior", paramLabel = "standard|scaled|hierarchical",
            description = "Latent prior (default ${DEFAULT-VALUE}); scaled uses variances 1, 2.")
    String prior = "standard";

    @Option(names = "--hp-decoder", paramLabel = "intended|as-coded",
            description = "With --prior hierarchical: the prior decoder the paper describes or the one the "
                    + "authors' code ran (default ${DEFAULT-VALUE}).")
    String hpDecoder = "as-coded";

    TrialPrior apply(TrialPrior base) {
        return new TrialPrior(priorKind(prior), decoder(), base.betaP());
    }

    private HpDecoder decoder() {
        try {
            return HpDecoder.valueOf(hpDecoder.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--hp-decoder = " + hpDecoder + ": must be intended or as-coded");
        }
    }

    static PriorKind priorKind(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "standard" -> PriorKind.STANDARD;
            case "scaled" -> PriorKind.SCALED;
            case "hierarchical" -> PriorKind.HIERARCHICAL;
            default -> throw new IllegalArgumentException("--prior = " + name + ": must be standard, scaled or hierarchical");
        };
    }
}
