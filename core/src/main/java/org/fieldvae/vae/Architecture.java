package org.fieldvae.vae;

import java.util.Arrays;
import java.util.Objects;

import org.fieldvae.Check;
import org.fieldvae.nn.InitScheme;

/**
 * The DenseVAE's network: the architecture of docs/paper-facts.md ("Network"). One of the groups of
 * {@link VaeSettings}; arrays are copied in and out.
 *
 * @param grid            nodes per side n of the input fields, n = 2^k + 1 (65 in the paper); >= 17
 * @param channels        field channels (3: pressure, u_x1, u_x2), >= 1
 * @param blocks          layers per dense block, odd count (>= 3): the first half (rounded down) in the
 *                        encoder, the rest in the decoder; paper [4, 6, 4]
 * @param growth          feature maps each dense layer adds (paper 4), >= 1
 * @param initialFeatures feature maps of the first convolution (paper 2), >= 1
 * @param latent          latent dimension (paper 2), >= 1
 * @param init            weight initialisation (paper: Xavier uniform)
 */
public record Architecture(int grid, int channels, int[] blocks, int growth, int initialFeatures, int latent,
        InitScheme init) {

    public Architecture {
        Check.atLeast("grid", grid, 17);
        Check.that(Integer.bitCount(grid - 1) == 1, "grid", "= " + grid + ": must be 2^k + 1 (17, 33, 65, 129, ...)");
        Check.atLeast("channels", channels, 1);
        blocks = checkedBlocks(grid, blocks);
        Check.atLeast("growth", growth, 1);
        Check.atLeast("initialFeatures", initialFeatures, 1);
        Check.atLeast("latent", latent, 1);
        Objects.requireNonNull(init, "init");
    }

    /** A copy of the blocks, after checking their count and that the grid is large enough for the encoder. */
    private static int[] checkedBlocks(int grid, int[] blocks) {
        Objects.requireNonNull(blocks, "blocks");
        Check.that(blocks.length >= 3 && blocks.length % 2 == 1, "blocks",
                "= " + Arrays.toString(blocks) + ": must have an odd number (>= 3) of dense blocks");
        for (int b : blocks) {
            Check.atLeast("blocks (layers per dense block)", b, 1);
        }
        int encoderBlocks = blocks.length / 2;
        Check.that((grid - 1) >> (encoderBlocks + 1) >= 2, "grid",
                "= " + grid + ": too small for " + encoderBlocks + " encoder blocks (the coarsest map must be >= 2 x 2)");
        return blocks.clone();
    }

    /** The paper's net at 65 x 65: three field channels, blocks [4, 6, 4], growth 4, 2 initial features, 2 latents, Xavier. */
    public static Architecture defaults() {
        return new Architecture(65, 3, new int[] {4, 6, 4}, 4, 2, 2, InitScheme.XAVIER_UNIFORM);
    }

    @Override
    public int[] blocks() {
        return blocks.clone();
    }

    /** Grid, blocks, growth, initial features and latent dimension together, checked together. */
    public Architecture withNetwork(int gridNodes, int[] blockLayers, int growthRate, int features, int latentDimension) {
        return new Architecture(gridNodes, channels, blockLayers, growthRate, features, latentDimension, init);
    }

    public Architecture withGrid(int value) {
        return new Architecture(value, channels, blocks, growth, initialFeatures, latent, init);
    }

    public Architecture withBlocks(int[] value) {
        return new Architecture(grid, channels, value, growth, initialFeatures, latent, init);
    }

    public Architecture withGrowth(int value) {
        return new Architecture(grid, channels, blocks, value, initialFeatures, latent, init);
    }

    public Architecture withInitialFeatures(int value) {
        return new Architecture(grid, channels, blocks, growth, value, latent, init);
    }

    public Architecture withLatent(int value) {
        return new Architecture(grid, channels, blocks, growth, initialFeatures, value, init);
    }

    public Architecture withInit(InitScheme value) {
        return new Architecture(grid, channels, blocks, growth, initialFeatures, latent, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && toString().equals(a.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "Architecture[grid=" + grid + ", channels=" + channels + ", blocks=" + Arrays.toString(blocks)
                + ", growth=" + growth + ", initialFeatures=" + initialFeatures + ", latent=" + latent
                + ", init=" + init + "]";
    }
}
