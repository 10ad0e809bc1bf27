package org.fieldvae.knime.node.darcy;

import static org.fieldvae.knime.support.darcy.DarcySolverOptions.INJECTION_RATE_TITLE;
import static org.fieldvae.knime.support.darcy.DarcySolverOptions.MAX_ITERATIONS_TITLE;
import static org.fieldvae.knime.support.darcy.DarcySolverOptions.PERMEABILITY_TITLE;
import static org.fieldvae.knime.support.darcy.DarcySolverOptions.SOURCE_TITLE;
import static org.fieldvae.knime.support.darcy.DarcySolverOptions.SPLIT_TITLE;
import static org.fieldvae.knime.support.darcy.DarcySolverOptions.TOLERANCE_TITLE;
import static org.fieldvae.knime.support.darcy.DarcySolverOptions.WELL_WIDTH_TITLE;

import java.util.List;

import org.fieldvae.knime.field.FieldValue;
import org.fieldvae.knime.node.FieldColumnsProvider;
import org.fieldvae.knime.support.darcy.DarcySolverOptions;
import org.fieldvae.knime.support.table.FieldColumns;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.updates.util.BooleanReference;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;

/**
 * Dialog and flow-variable settings of the Darcy Flow Solver, one-to-one with {@link DarcySolverOptions} (which
 * validates them and builds the engine's {@code DarcySettings}); the defaults are the engine's.
 */
final class DarcySolverNodeSettings implements NodeParameters {

    private static final DarcySolverOptions DEFAULTS = DarcySolverOptions.defaults();

    /** A class, not an interface: the dialog framework instantiates effect predicate providers. */
    static final class UseSource implements BooleanReference {
    }

    /** How the solution is laid out in the output table. */
    enum OutputLayout {
        @Label(value = "One column 'output'", description = "One 3-channel field column 'output' (pressure, u_x1, "
            + "u_x2), the layout of the paper's dataset files, which the Field Dataset Writer and the VAE Learner "
            + "read.")
        OUTPUT,
        @Label(value = "One column per channel", description = "Three one-channel field columns 'pressure', 'u_x1' "
            + "and 'u_x2', to look at or process each quantity on its own.")
        PER_CHANNEL
    }

    @Widget(title = PERMEABILITY_TITLE, description = "The column of permeability fields K (one channel, n x n, "
        + "finite and positive), e.g. the 'permeability' column of the KLE Permeability Sampler.")
    @ChoicesProvider(FieldColumnsProvider.class)
    String m_permeabilityColumn = DEFAULTS.permeabilityColumn();

    @Widget(title = "Use a source column", description = "If checked, each row's source field f is read from a "
        + "column instead of using the wells. Rows with equal source fields are solved together.")
    @ValueReference(UseSource.class)
    boolean m_useSource;

    @Widget(title = SOURCE_TITLE, description = "The column of source fields f (one channel, the grid of the "
        + "permeability, finite), the nodal source density of div u = f. A source of non-zero integral has no "
        + "solution with no-flux boundaries; its mean is removed.")
    @ChoicesProvider(FieldColumnsProvider.class)
    @Effect(predicate = UseSource.class, type = EffectType.SHOW)
    String m_sourceColumn = "";

    @Widget(title = WELL_WIDTH_TITLE, description = "w, the side of the square wells [0, w]^2 (injection) and "
        + "[1 - w, 1]^2 (production) as a fraction of the domain side; in (0, 0.5]. The paper uses 1/8. Unused "
        + "with a source column.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Effect(predicate = UseSource.class, type = EffectType.HIDE)
    double m_wellWidth = DEFAULTS.wellWidth();

    @Widget(title = INJECTION_RATE_TITLE, description = "r, the source density inside the injection well (and "
        + "minus it inside the production well), per unit area; greater than 0. The paper uses 10. Unused with a "
        + "source column.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Effect(predicate = UseSource.class, type = EffectType.HIDE)
    double m_injectionRate = DEFAULTS.injectionRate();

    @Widget(title = TOLERANCE_TITLE, description = "The conjugate-gradient solve stops when the residual of the "
        + "conservative system is below this fraction of the right-hand side's norm; in (0, 1). The default, 1e-8, "
        + "keeps the solver's error below the float32 rounding of the stored fields.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Advanced
    double m_tolerance = DEFAULTS.tolerance();

    @Widget(title = MAX_ITERATIONS_TITLE, description = "The most conjugate-gradient iterations per sample; the node "
        + "fails naming the sample if a solve needs more. At least 1; default 200 (about 12 are needed normally).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Advanced
    int m_maxIterations = DEFAULTS.maxIterations();

    @Widget(title = SPLIT_TITLE, description = "How the solution (pressure p and Darcy velocity u = -K grad p) is "
        + "appended. Input columns of the same names are replaced.")
    @ValueSwitchWidget
    OutputLayout m_layout = OutputLayout.OUTPUT;

    DarcySolverNodeSettings() {
    }

    /** Chooses the input's 'permeability' column, or else its first field column. */
    DarcySolverNodeSettings(final NodeParametersInput context) {
        context.getInTableSpec(0).ifPresent(spec -> m_permeabilityColumn = defaultColumn(spec));
    }

    private static String defaultColumn(final DataTableSpec spec) {
        final List<DataColumnSpec> fields =
            spec.stream().filter(c -> c.getType().isCompatible(FieldValue.class)).toList();
        return fields.stream().map(DataColumnSpec::getName).filter(FieldColumns.PERMEABILITY::equals).findFirst()
            .orElse(fields.isEmpty() ? FieldColumns.PERMEABILITY : fields.get(0).getName());
    }

    @Override
    public void validate() throws InvalidSettingsException {
        toOptions();
    }

    /**
     * @return the checked options
     * @throws InvalidSettingsException naming the option that is invalid
     */
    DarcySolverOptions toOptions() throws InvalidSettingsException {
        try {
            return new DarcySolverOptions(m_permeabilityColumn, m_useSource ? m_sourceColumn : null, m_wellWidth,
                m_injectionRate, m_tolerance, m_maxIterations, m_layout == OutputLayout.PER_CHANNEL);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
