package org.fieldvae.nn;

/** How the weights of the convolutional and linear layers start. Biases start at 0, batch-norm scales at 1. */
public enum InitScheme {
    /** U(-a, a), a = sqrt(6 / (fan_in + fan_out)): the paper's text (Section 4.2). */
    XAVIER_UNIFORM,
    /**
     * PyTorch's default, which the authors' code used by not setting any: weights U(-b, b) with
     * b = 1 / sqrt(fan_in) (Kaiming uniform with a = sqrt(5)), linear biases U(-b, b). As in PyTorch, the
     * fan-in of a transposed convolution is computed from its output channels.
     */
    PYTORCH_DEFAULT
}
