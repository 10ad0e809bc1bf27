package org.fieldvae.knime.support.label;

import java.util.HashSet;
import java.util.List;

import org.fieldvae.label.LabelSettings;

/**
 * The options of the Semi-supervised Labeler node, one-to-one with its dialog: the theta columns the labelling is
 * stratified over, the engine's {@link LabelSettings} (a fraction or a count, the seed, stratification), and whether
 * the unlabelled rows' theta is blanked. Validated on construction; a message starts with the dialog title of the
 * option at fault.
 *
 * @param thetaColumns the generative-parameter columns, at least one, no duplicates
 * @param byCount true to label exactly {@code count} rows, false to label a {@code fraction} of them
 * @param fraction share of rows to label, in [0, 1] (default 0.01, the paper's Fig. 26 regime)
 * @param count number of rows to label, at least 0 (at most the table's rows, checked at execution)
 * @param seed seed of the random choice
 * @param stratified spread the labels over the range of theta (see {@code Labeler})
 * @param blankUnlabelled replace the theta of unlabelled rows by missing values
 */
public record LabelerOptions(List<String> thetaColumns, boolean byCount, double fraction, int count, long seed,
    boolean stratified, boolean blankUnlabelled) {

    /** Dialog title of {@link #thetaColumns()}. */
    public static final String THETA_TITLE = "Theta columns";
    /** Dialog title of {@link #fraction()}. */
    public static final String FRACTION_TITLE = "Fraction labelled";
    /** Dialog title of {@link #count()}. */
    public static final String COUNT_TITLE = "Number labelled";
    /** The count the dialog offers when switched to counting: the dialog's choice, not the engine's. */
    public static final int DEFAULT_COUNT = 10;

    public LabelerOptions {
        if (thetaColumns == null || thetaColumns.isEmpty()) {
            throw new IllegalArgumentException(THETA_TITLE + ": no column selected");
        }
        thetaColumns = List.copyOf(thetaColumns);
        if (new HashSet<>(thetaColumns).size() != thetaColumns.size()) {
            throw new IllegalArgumentException(THETA_TITLE + ": " + thetaColumns + " names a column twice");
        }
        label(byCount, fraction, count, seed, stratified);
    }

    /**
     * @param thetaColumns the theta columns of the input
     * @return the engine's defaults ({@link LabelSettings#defaults()}: 1%, seed 0, stratified), theta kept
     */
    public static LabelerOptions defaults(final List<String> thetaColumns) {
        return fromEngine(LabelSettings.defaults(), thetaColumns, false);
    }

    /**
     * @param settings the engine's settings
     * @param thetaColumns the theta columns
     * @param blankUnlabelled whether to blank unlabelled theta
     * @return the options giving these settings
     */
    public static LabelerOptions fromEngine(final LabelSettings settings, final List<String> thetaColumns,
        final boolean blankUnlabelled) {
        final boolean byCount = settings.amount() instanceof LabelSettings.Count;
        final double fraction = settings.amount() instanceof LabelSettings.Fraction f ? f.value()
            : ((LabelSettings.Fraction)LabelSettings.defaults().amount()).value();
        final int count = settings.amount() instanceof LabelSettings.Count c ? c.value() : DEFAULT_COUNT;
        return new LabelerOptions(thetaColumns, byCount, fraction, count, settings.seed(), settings.stratified(),
            blankUnlabelled);
    }

    /** @return the engine's settings */
    public LabelSettings label() {
        return label(byCount, fraction, count, seed, stratified);
    }

    /**
     * @param rows the number of rows of the table to label
     * @return the engine's settings, checked to fit the table
     * @throws IllegalArgumentException naming {@link #COUNT_TITLE} if more rows are to be labelled than there are
     */
    public LabelSettings labelFor(final int rows) {
        if (byCount && count > rows) {
            throw new IllegalArgumentException(COUNT_TITLE + ": " + count + " rows to label but the table has " + rows);
        }
        return label();
    }

    private static LabelSettings label(final boolean byCount, final double fraction, final int count,
        final long seed, final boolean stratified) {
        final String title = byCount ? COUNT_TITLE : FRACTION_TITLE;
        try {
            return byCount ? LabelSettings.ofCount(count, seed, stratified)
                : LabelSettings.ofFraction(fraction, seed, stratified);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(title + ": " + e.getMessage(), e);
        }
    }
}
