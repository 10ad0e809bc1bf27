package org.fieldvae.knime.support.vae;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.fieldvae.nn.InitScheme;
import org.fieldvae.vae.Architecture;

/**
 * The VAE Learner's {@link Architecture} as the dialog holds it: the blocks as the text the user types, grid and
 * channels left to the input fields, which alone know them. Not validated here: {@link #toEngine} lets the engine do it.
 *
 * @param blocks layers per dense block, an odd count (at least 3) of positive integers, e.g. "4, 6, 4"
 * @param growth feature maps each dense layer adds, at least 1
 * @param initialFeatures feature maps of the first convolution, at least 1
 * @param latent latent dimension, at least 1
 * @param init weight initialisation
 */
public record ArchitectureOptions(String blocks, int growth, int initialFeatures, int latent, InitScheme init) {

    /**
     * @param a engine settings
     * @return the same settings as dialog options (grid and channels dropped)
     */
    public static ArchitectureOptions of(final Architecture a) {
        final String blocks = Arrays.stream(a.blocks()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return new ArchitectureOptions(blocks, a.growth(), a.initialFeatures(), a.latent(), a.init());
    }

    /**
     * @param grid nodes per side of the input fields
     * @param channels channels of the input fields
     * @return the engine's record
     * @throws IllegalArgumentException naming the dialog option (blocks) or the engine's setting
     */
    public Architecture toEngine(final int grid, final int channels) {
        final int[] blockCounts = OptionText.ints(LearnerOptions.BLOCKS, blocks);
        return new Architecture(grid, channels, blockCounts, growth, initialFeatures, latent, init);
    }

    /** @return these options with other blocks (as typed) */
    public ArchitectureOptions withBlocks(final String text) {
        return new ArchitectureOptions(text, growth, initialFeatures, latent, init);
    }

    /** @return these options with another latent dimension */
    public ArchitectureOptions withLatent(final int dimension) {
        return new ArchitectureOptions(blocks, growth, initialFeatures, dimension, init);
    }

    /** @return these options with another initialisation */
    public ArchitectureOptions withInit(final InitScheme scheme) {
        return new ArchitectureOptions(blocks, growth, initialFeatures, latent, scheme);
    }
}
