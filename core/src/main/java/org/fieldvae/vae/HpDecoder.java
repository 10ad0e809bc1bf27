package org.fieldvae.vae;

/**
 * The network of the hierarchical prior's decoder, the mean of p(z|xi) (paper Eq. 13-14; docs/paper-facts.md
 * "Hierarchical prior").
 */
public enum HpDecoder {
    /** What the paper describes: xi -> 8n -> ReLU -> 8n -> ReLU -> n, the mean unconstrained. */
    INTENDED(new int[] {1, 8, 8, 1}, false),
    /**
     * What the authors' code runs ({@code DenseVAE_HP_Dis.py}): its second hidden layer and its output layer are
     * registered under one name, so PyTorch replaces the first by the second in place and the network is
     * xi -> 8n -> ReLU -> n -> ReLU, one hidden layer and a mean that is never negative. The positive mean makes
     * p(z) far from rotationally invariant by construction.
     */
    AS_CODED(new int[] {1, 8, 1}, true);

    private final int[] widthFactors;
    private final boolean reluOnOutput;

    HpDecoder(int[] widthFactors, boolean reluOnOutput) {
        this.widthFactors = widthFactors;
        this.reluOnOutput = reluOnOutput;
    }

    /** The layer widths for latent dimension n: input, hidden layers, output. */
    int[] sizes(int latent) {
        int[] sizes = new int[widthFactors.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = widthFactors[i] * latent;
        }
        return sizes;
    }

    /** Whether the output passes a ReLU. */
    boolean reluOnOutput() {
        return reluOnOutput;
    }
}
