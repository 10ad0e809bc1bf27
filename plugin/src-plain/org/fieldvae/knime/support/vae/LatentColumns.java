package org.fieldvae.knime.support.vae;

import java.util.ArrayList;
import java.util.List;

import org.fieldvae.latent.LatentFile;

/**
 * Names of the latent columns the VAE Encoder appends and the VAE Decoder reads: {@code z_mean_1..n} and
 * {@code z_logvar_1..n} (issue 5, "column conventions"): the names of the engine's latent table, {@link LatentFile}.
 */
public final class LatentColumns {

    /** Prefix of the latent means. */
    public static final String MEAN_PREFIX = LatentFile.MEAN_PREFIX;

    /** Prefix of the latent log-variances. */
    public static final String LOGVAR_PREFIX = LatentFile.LOGVAR_PREFIX;

    private LatentColumns() {
    }

    /**
     * @param latent latent dimension n, at least 1
     * @return {@code z_mean_1 .. z_mean_n}
     */
    public static List<String> means(final int latent) {
        return LatentFile.means(latent);
    }

    /**
     * @param latent latent dimension n, at least 1
     * @return {@code z_logvar_1 .. z_logvar_n}
     */
    public static List<String> logVariances(final int latent) {
        return LatentFile.logVariances(latent);
    }

    /**
     * @param latent latent dimension n, at least 1
     * @return the encoder's appended columns: the means, then the log-variances
     */
    public static List<String> encoded(final int latent) {
        final List<String> all = new ArrayList<>(means(latent));
        all.addAll(logVariances(latent));
        return all;
    }

    /**
     * Checks the decoder's choice of latent columns against the model.
     *
     * @param option dialog title of the choice, for the message
     * @param selected the chosen columns, in order: column k feeds latent dimension k
     * @param latent the model's latent dimension
     * @throws IllegalArgumentException naming the option if the count differs
     */
    public static void checkDecoderSelection(final String option, final List<String> selected, final int latent) {
        if (selected.size() != latent) {
            throw new IllegalArgumentException(option + ": " + selected.size() + " column(s) selected " + selected
                + " but the model has " + latent + " latent dimension(s); select exactly " + latent
                + ", e.g. " + means(latent));
        }
    }
}
