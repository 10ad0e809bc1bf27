package org.fieldvae.label;

/**
 * The labelled mask.
 *
 * @param labelled one entry per sample, true where the sample's theta is used by the semi-supervised loss
 * @param count number of true entries
 */
public record LabelResult(boolean[] labelled, int count) {

    public LabelResult {
        labelled = labelled.clone();
        int trues = 0;
        for (boolean b : labelled) {
            trues += b ? 1 : 0;
        }
        if (trues != count) {
            throw new IllegalArgumentException("count = " + count + ": must equal the " + trues + " labelled samples");
        }
    }

    /** A copy of the mask. */
    @Override
    public boolean[] labelled() {
        return labelled.clone();
    }
}
