package org.fieldvae.knime.support.model;

import java.util.List;

/**
 * What a trained VAE accepts and produces, known before any weights are read: the field shape it encodes and the
 * size and kind of its latent space. KNIME's configure step checks a dataset's shape against this.
 *
 * @param grid nodes per direction n of the fields the model was trained on, at least 2
 * @param channels channels per field (1 permeability, 3 Darcy output), at least 1
 * @param latent latent dimensions, at least 1
 * @param prior the prior as the CLI's {@code train --prior} names it: one of {@link #PRIORS}
 */
public record ModelShape(int grid, int channels, int latent, String prior) {

    /** Priors the engine trains with (docs/design.md, "Command line contract"). */
    public static final List<String> PRIORS = List.of("standard", "scaled", "hierarchical");

    /** @throws IllegalArgumentException naming the component, its value and the allowed range */
    public ModelShape {
        if (grid < 2) {
            throw new IllegalArgumentException("grid = " + grid + ": must be at least 2");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels = " + channels + ": must be at least 1");
        }
        if (latent < 1) {
            throw new IllegalArgumentException("latent = " + latent + ": must be at least 1");
        }
        if (prior == null || !PRIORS.contains(prior)) {
            throw new IllegalArgumentException("prior = " + prior + ": must be one of " + PRIORS);
        }
    }

    /** @return one line for a port tooltip, e.g. "VAE 3 x 64 x 64 -> 2 latent, standard prior" */
    public String summary() {
        return "VAE " + channels + " x " + grid + " x " + grid + " -> " + latent + " latent, " + prior + " prior";
    }
}
