package org.fieldvae.knime.node.label;

import static org.fieldvae.knime.support.label.LabelerOptions.COUNT_TITLE;
import static org.fieldvae.knime.support.label.LabelerOptions.FRACTION_TITLE;
import static org.fieldvae.knime.support.label.LabelerOptions.THETA_TITLE;

import java.util.List;

import org.fieldvae.knime.support.label.LabelerOptions;
import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.label.LabelSettings;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.choices.filter.ColumnFilter;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.DoubleColumnsProvider;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;

/**
 * Dialog and flow-variable settings of the Semi-supervised Labeler, one-to-one with {@link LabelerOptions} (which
 * validates them and builds the engine's {@link LabelSettings}); the defaults are the engine's.
 */
final class LabelerNodeSettings implements NodeParameters {

    private static final LabelerOptions DEFAULTS = LabelerOptions.defaults(List.of(FieldColumns.theta(1)));

    /** Whether a fraction or a count of rows is labelled. */
    enum Amount {
        @Label(value = "Fraction", description = "Label a fraction of the rows.")
        FRACTION,
        @Label(value = "Count", description = "Label an exact number of rows.")
        COUNT;

        interface Ref extends ParameterReference<Amount> {
        }

        static final class IsFraction implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(FRACTION);
            }
        }

        static final class IsCount implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(COUNT);
            }
        }
    }

    /** A fraction is at most 1. */
    static final class AtMostOne extends MaxValidation {
        @Override
        protected double getMax() {
            return 1;
        }
    }

    @Widget(title = THETA_TITLE, description = "The numeric columns holding the generative parameters theta, by "
        + "default the columns theta_1..theta_p. Stratified labelling spreads the labels over their range; every "
        + "selected cell must be a finite number.")
    @ChoicesProvider(DoubleColumnsProvider.class)
    ColumnFilter m_thetaColumns = new ColumnFilter();

    @Widget(title = "Amount", description = "Whether to label a fraction of the rows or a fixed number of them.")
    @ValueSwitchWidget
    @ValueReference(Amount.Ref.class)
    Amount m_amount = DEFAULTS.byCount() ? Amount.COUNT : Amount.FRACTION;

    @Widget(title = FRACTION_TITLE, description = "The share of rows to label, in [0, 1]: round(fraction N) rows "
        + "(halves up), but at least one when the fraction is positive. Default 0.01, about the 1% labelled "
        + "data of the paper's semi-supervised experiments (Fig. 26).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = AtMostOne.class)
    @Effect(predicate = Amount.IsFraction.class, type = EffectType.SHOW)
    double m_fraction = DEFAULTS.fraction();

    @Widget(title = COUNT_TITLE, description = "The number of rows to label, from 0 to the number of rows.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Effect(predicate = Amount.IsCount.class, type = EffectType.SHOW)
    int m_count = DEFAULTS.count();

    @Widget(title = "Seed", description = "Seed of the random choice: the same seed and table give the same labels.")
    long m_seed = DEFAULTS.seed();

    @Widget(title = "Stratified", description = "If checked, the rows are ordered along the first principal "
        + "direction of theta, cut into as many consecutive strata as labels, and one row is drawn from each, so "
        + "the labelled rows cover the whole range of theta. Otherwise the rows are drawn uniformly at random.")
    boolean m_stratified = DEFAULTS.stratified();

    @Widget(title = "Blank theta of unlabelled rows", description = "If checked, the theta cells of unlabelled rows "
        + "become missing values, so that no later node can use them by mistake.")
    boolean m_blankUnlabelled = DEFAULTS.blankUnlabelled();

    LabelerNodeSettings() {
    }

    /** Selects the input's theta_1..theta_p columns. */
    LabelerNodeSettings(final NodeParametersInput context) {
        context.getInTableSpec(0).ifPresent(spec -> m_thetaColumns = new ColumnFilter(
            FieldColumns.thetaColumnsIn(spec.stream().map(DataColumnSpec::getName).toList()).toArray(String[]::new)));
    }

    /**
     * @param spec the input table's spec
     * @return the checked options, with the selected columns present in {@code spec}
     * @throws InvalidSettingsException naming the option that is invalid, or the selected columns that are missing
     */
    LabelerOptions toOptions(final DataTableSpec spec) throws InvalidSettingsException {
        final String[] missing = m_thetaColumns.getMissingSelectedFromFullSpec(spec);
        if (missing.length > 0) {
            throw new InvalidSettingsException(THETA_TITLE + ": " + String.join(", ", missing)
                + " not in the input table");
        }
        try {
            return new LabelerOptions(List.of(m_thetaColumns.filterFromFullSpec(spec)), m_amount == Amount.COUNT,
                m_fraction, m_count, m_seed, m_stratified, m_blankUnlabelled);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
