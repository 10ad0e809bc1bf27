package org.fieldvae.knime.support.score;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fieldvae.score.Scores;

/**
 * The Disentanglement Scorer's output tables as names and numbers: one row of scores whose columns are the keys of
 * {@link Scores#asMap()}, and the n x p correlation matrix (rows z_i, columns theta_j) of {@link Scores#correlation()}.
 *
 * <p>Scalar entries become one double column each. The S_KL vectors ({@code s_kl_a}, {@code s_kl_b},
 * {@code s_kl_permutation}) become one column per latent, {@code s_kl_a_1 .. s_kl_a_n}; they exist only when n = p,
 * because S_KL is undefined otherwise. The permutation keeps the engine's 0-based latent indices. The correlation
 * matrix goes to its own table and the warnings to the node's warning message, so neither is a column.
 * {@link #columns} derives the names from the same flattening as {@link #row}, which keeps configure and execute in
 * step.
 */
public final class ScoreTables {

    /** Keys of {@link Scores#asMap()} that are not columns of the score row. */
    static final List<String> NOT_COLUMNS = List.of("correlation", "warnings");

    private ScoreTables() {
    }

    /**
     * The score row's column names, known before scoring.
     *
     * @param latents n, the number of latent columns, at least 1
     * @param parameters p, the number of theta columns, at least 1
     * @return the column names in order
     */
    public static List<String> columns(final int latents, final int parameters) {
        if (latents < 1 || parameters < 1) {
            throw new IllegalArgumentException("latents = " + latents + ", parameters = " + parameters
                + ": must both be at least 1");
        }
        final int kl = latents == parameters ? latents : 0;
        final var shape = new Scores(Double.NaN, Double.NaN, new double[kl], new double[kl], new int[kl], Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new double[latents][parameters], 0, 0, 0, 0,
            List.of());
        return new ArrayList<>(row(shape).keySet());
    }

    /**
     * @param scores the engine's scores
     * @return column name to value, in the order of {@link #columns}
     */
    public static Map<String, Double> row(final Scores scores) {
        final var row = new LinkedHashMap<String, Double>();
        for (final Map.Entry<String, Object> e : scores.asMap().entrySet()) {
            if (NOT_COLUMNS.contains(e.getKey())) {
                continue;
            }
            if (e.getValue() instanceof Number number) {
                row.put(e.getKey(), number.doubleValue());
            } else if (e.getValue() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    row.put(e.getKey() + "_" + (i + 1), ((Number)list.get(i)).doubleValue());
                }
            } else {
                throw new IllegalStateException("score '" + e.getKey() + "' is neither a number nor a list of numbers");
            }
        }
        return row;
    }

    /**
     * Checks the user's column choice before scoring.
     *
     * @param latentOption dialog title of the latent column choice, for the message
     * @param latent chosen latent columns
     * @param thetaOption dialog title of the theta column choice, for the message
     * @param theta chosen theta columns
     * @throws IllegalArgumentException naming the option if a choice is empty or a column is in both
     */
    public static void checkSelection(final String latentOption, final List<String> latent, final String thetaOption,
        final List<String> theta) {
        if (latent.isEmpty()) {
            throw new IllegalArgumentException(latentOption + ": no column selected; select the latent columns "
                + "(e.g. z_mean_1 .. z_mean_n)");
        }
        if (theta.isEmpty()) {
            throw new IllegalArgumentException(thetaOption + ": no column selected; select the generative "
                + "parameter columns (e.g. theta_1 .. theta_p)");
        }
        final var both = new HashSet<>(latent);
        both.retainAll(theta);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(latentOption + " and " + thetaOption + ": " + both
                + " selected in both; a column is either a latent or a parameter");
        }
    }
}
