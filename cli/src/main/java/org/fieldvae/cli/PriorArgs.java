package org.fieldvae.cli;

import java.util.Arrays;

import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.PriorAndLoss;
import org.fieldvae.vae.PriorKind;

import picocli.CommandLine.Option;

/** {@code train}'s options of the {@link PriorAndLoss} record, one help section. */
final class PriorArgs {

    @Option(names = "--prior", description = "standard | scaled | hierarchical (default standard).")
    String prior = "standard";

    @Option(names = "--prior-variances", split = ",", description = "Variances of the scaled prior, one per latent dimension, e.g. 1,2.")
    double[] priorVariances;

    @Option(names = "--hp-decoder",
            description = "The hierarchical prior's decoder: intended (the paper's n-8n-8n-n network) or as-coded "
                    + "(the authors' code: n-8n-n with a ReLU on the output); default as-coded, which disentangled more runs "
                    + "(docs/learner.md).")
    String hpDecoder = "as-coded";

    @Option(names = "--loss-scale", description = "per-pixel (the authors') or elbo; default per-pixel.")
    String lossScale = "per-pixel";

    @Option(names = "--semi-supervised", description = "Use the dataset's 'labelled' samples' theta (Eq. 29).")
    boolean semiSupervised;

    /** The record with the given prior, decoder and loss scale; the rest from {@code base}. */
    PriorAndLoss apply(PriorAndLoss base, int latent) {
        if (priorVariances != null && priorVariances.length != latent) {
            throw new IllegalArgumentException("--prior-variances = " + Arrays.toString(priorVariances)
                    + ": needs one variance per latent dimension (" + latent + ")");
        }
        return base.withPrior(priorKind(), priorVariances).withHpDecoder(hpDecoderKind());
    }

    PriorKind priorKind() {
        return switch (prior.toLowerCase()) {
            case "standard", "std_norm" -> PriorKind.STANDARD;
            case "scaled", "scaled_gaussian" -> PriorKind.SCALED;
            case "hierarchical", "hp" -> PriorKind.HIERARCHICAL;
            default -> throw new IllegalArgumentException("--prior = " + prior + ": must be standard, scaled or hierarchical");
        };
    }

    private HpDecoder hpDecoderKind() {
        return switch (hpDecoder.toLowerCase()) {
            case "intended" -> HpDecoder.INTENDED;
            case "as-coded", "as_coded" -> HpDecoder.AS_CODED;
            default -> throw new IllegalArgumentException("--hp-decoder = " + hpDecoder + ": must be intended or as-coded");
        };
    }

    LossScale lossScaleKind() {
        return switch (lossScale.toLowerCase()) {
            case "per-pixel" -> LossScale.PER_PIXEL;
            case "elbo" -> LossScale.ELBO;
            default -> throw new IllegalArgumentException("--loss-scale = " + lossScale + ": must be per-pixel or elbo");
        };
    }
}
