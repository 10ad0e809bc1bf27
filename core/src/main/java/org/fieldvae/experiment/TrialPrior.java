package org.fieldvae.experiment;

import static org.fieldvae.experiment.MapValues.enumValue;

import java.util.Map;
import java.util.Objects;

import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.PriorKind;

/**
 * The latent prior of a trial's DenseVAE. One group of {@link RunSettings}; its spec keys are {@code prior} and
 * {@code hp_decoder}.
 *
 * @param prior     the latent prior; {@link PriorKind#SCALED} uses variances (1, 2, ..., p), the paper's (1, 2)
 * @param hpDecoder the hierarchical prior's decoder network ({@link HpDecoder}); ignored by the other priors
 */
public record TrialPrior(PriorKind prior, HpDecoder hpDecoder) {

    public TrialPrior {
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(hpDecoder, "hpDecoder");
    }

    /** The standard prior (the HP decoder as the authors coded it, should the prior be changed to the hierarchical one). */
    public static TrialPrior quickstartDefaults() {
        return new TrialPrior(PriorKind.STANDARD, HpDecoder.AS_CODED);
    }

    /** The group's keys; a run folder written before {@code hp_decoder} existed ran the intended decoder. */
    static TrialPrior fromMap(Map<String, ?> m) {
        return new TrialPrior(enumValue(PriorKind.class, m, "prior"),
                m.containsKey("hp_decoder") ? enumValue(HpDecoder.class, m, "hp_decoder") : HpDecoder.INTENDED);
    }
}
