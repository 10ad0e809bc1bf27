package org.fieldvae.knime.support.table;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fieldvae.latent.LatentFile;

/**
 * Column names every FieldVAE node reads and writes (issue 5, "column conventions"), so that the output of one node
 * wires into the next without a Column Rename: generative parameters {@code theta_1..theta_p} (double), field
 * columns {@code permeability} (1 channel) and {@code output} (pressure, u_x1, u_x2) or one column per channel,
 * and the boolean {@code labelled}. The names are those of the HDF5 layout (docs/paper-facts.md, "Data") and of the
 * latent table ({@link LatentFile}) where one exists.
 */
public final class FieldColumns {

    /** The log-normal permeability K = exp(G), one channel. */
    public static final String PERMEABILITY = "permeability";

    /** The Darcy solution as one 3-channel field: pressure, u_x1, u_x2. */
    public static final String OUTPUT = "output";

    /** Channel names of {@link #OUTPUT}, in channel order, also the names of the per-channel columns. */
    public static final List<String> OUTPUT_CHANNELS = List.of("pressure", "u_x1", "u_x2");

    /** Whether the semi-supervised loss may use the row's theta. */
    public static final String LABELLED = LatentFile.LABELLED;

    /** Prefix of the generative-parameter columns; the suffix is the 1-based index k of theta_k. */
    public static final String THETA_PREFIX = LatentFile.THETA_PREFIX;

    private static final Pattern THETA = Pattern.compile(Pattern.quote(THETA_PREFIX) + "([1-9][0-9]{0,8})");

    private FieldColumns() {
    }

    /**
     * @param k 1-based index of the generative parameter, at least 1
     * @return {@code theta_k}
     */
    public static String theta(final int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + ": theta columns count from 1");
        }
        return THETA_PREFIX + k;
    }

    /**
     * @param p number of generative parameters, at least 0
     * @return {@code theta_1 .. theta_p}
     */
    public static List<String> thetas(final int p) {
        return LatentFile.thetas(p);
    }

    /**
     * The theta columns among {@code names}, ordered by their index k (so theta_10 comes after theta_9 whatever the
     * table's column order), which a dialog offers as the default choice.
     *
     * @param names column names of a table, not modified
     * @return the names of the form {@code theta_k}, by increasing k
     */
    public static List<String> thetaColumnsIn(final List<String> names) {
        final List<String> found = new ArrayList<>();
        for (final String name : names) {
            if (THETA.matcher(name).matches()) {
                found.add(name);
            }
        }
        found.sort((a, b) -> Integer.compare(thetaIndex(a), thetaIndex(b)));
        return found;
    }

    private static int thetaIndex(final String name) {
        final Matcher m = THETA.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("column '" + name + "': not a theta column");
        }
        return Integer.parseInt(m.group(1));
    }
}
