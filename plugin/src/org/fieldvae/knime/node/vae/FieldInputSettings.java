package org.fieldvae.knime.node.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fieldvae.knime.field.FieldValue;
import org.fieldvae.knime.node.FieldTables;
import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.knime.support.vae.FieldChannels;
import org.fieldvae.knime.support.vae.LearnerOptions;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
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
import org.knime.node.parameters.widget.choices.util.ColumnSelectionUtil;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider;

/**
 * Which field columns a VAE node reads (VAE Learner, VAE Encoder): one multi-channel field column such as
 * {@code output}, or one single-channel column per channel such as {@code pressure}, {@code u_x1}, {@code u_x2},
 * whose channels are stacked in the chosen order ({@link FieldChannels#stack}).
 */
final class FieldInputSettings implements NodeParameters {

    /** Title of the per-channel column option. */
    static final String CHANNEL_COLUMNS = "Channel columns";

    /** Field columns of the input table. */
    static final class FieldColumnsProvider extends CompatibleColumnsProvider {
        FieldColumnsProvider() {
            super(FieldValue.class);
        }
    }

    enum Source {
        @Label(value = "One field column", description = "One column holds all channels of a sample, e.g. the "
            + "3-channel 'output' column of the Darcy Flow Solver (pressure, u_x1, u_x2).")
        ONE_COLUMN,

        @Label(value = "One column per channel", description = "Each chosen column holds one channel, e.g. "
            + "'pressure', 'u_x1' and 'u_x2'; the channels are stacked in table order of the chosen columns.")
        PER_CHANNEL;

        interface Ref extends ParameterReference<Source> {
        }

        static final class IsOneColumn implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(ONE_COLUMN);
            }
        }

        static final class IsPerChannel implements EffectPredicateProvider {
            @Override
            public EffectPredicate init(final PredicateInitializer i) {
                return i.getEnum(Ref.class).isOneOf(PER_CHANNEL);
            }
        }
    }

    @Widget(title = "Field input", description = "Whether the fields come as one multi-channel column or as one "
        + "column per channel.")
    @ValueSwitchWidget
    @ValueReference(Source.Ref.class)
    Source m_source = Source.ONE_COLUMN;

    @Widget(title = LearnerOptions.FIELDS, description = "The field column (FieldVAE field cells, all of the same "
        + "channels x n x n shape; n must be 2^k + 1, at least 17, e.g. 65).")
    @ChoicesProvider(FieldColumnsProvider.class)
    @Effect(predicate = Source.IsOneColumn.class, type = EffectType.SHOW)
    String m_fieldColumn = FieldColumns.OUTPUT;

    @Widget(title = CHANNEL_COLUMNS, description = "The single-channel field columns, one per channel, stacked "
        + "in table order (e.g. pressure, u_x1, u_x2). All must share the grid.")
    @ChoicesProvider(FieldColumnsProvider.class)
    @Effect(predicate = Source.IsPerChannel.class, type = EffectType.SHOW)
    ColumnFilter m_channelColumns = new ColumnFilter(FieldColumns.OUTPUT_CHANNELS.toArray(String[]::new));

    FieldInputSettings() {
    }

    /** Defaults from the input table: its 'output' column, else its first field column, else per channel. */
    FieldInputSettings(final DataTableSpec spec) {
        final List<DataColumnSpec> fields = fieldColumns(spec);
        final List<String> names = fields.stream().map(DataColumnSpec::getName).toList();
        if (names.contains(FieldColumns.OUTPUT)) {
            m_fieldColumn = FieldColumns.OUTPUT;
        } else if (names.containsAll(FieldColumns.OUTPUT_CHANNELS)) {
            m_source = Source.PER_CHANNEL;
        } else if (!names.isEmpty()) {
            m_fieldColumn = names.get(0);
        }
    }

    private static List<DataColumnSpec> fieldColumns(final DataTableSpec spec) {
        return ColumnSelectionUtil.getCompatibleColumns(spec, List.of(FieldValue.class));
    }

    /** @return the title of the option that chooses the columns in the current mode, for messages */
    String option() {
        return m_source == Source.ONE_COLUMN ? LearnerOptions.FIELDS : CHANNEL_COLUMNS;
    }

    /**
     * @param spec the input table's spec
     * @return the chosen field columns, in stacking order
     * @throws InvalidSettingsException naming the option if none is chosen, one is missing or not a field column
     */
    List<String> columns(final DataTableSpec spec) throws InvalidSettingsException {
        if (m_source == Source.ONE_COLUMN) {
            FieldTables.column(spec, m_fieldColumn, FieldValue.class, LearnerOptions.FIELDS);
            return List.of(m_fieldColumn);
        }
        final List<DataColumnSpec> fields = fieldColumns(spec);
        final String[] missing = m_channelColumns.getMissingSelected(fields);
        if (missing.length > 0) {
            throw new InvalidSettingsException(CHANNEL_COLUMNS + ": " + Arrays.toString(missing)
                + " selected but not field columns of the input table");
        }
        final List<String> chosen = List.of(m_channelColumns.filter(fields));
        if (chosen.isEmpty()) {
            throw new InvalidSettingsException(CHANNEL_COLUMNS + ": no column selected");
        }
        return chosen;
    }

    /**
     * Reads the chosen columns into the engine's layout.
     *
     * @return {@code [sample][channel][i][j]}
     * @throws org.fieldvae.InvalidInputException naming column and row of a missing or misshapen field
     */
    float[][][][] read(final BufferedDataTable table, final ExecutionMonitor monitor)
        throws InvalidSettingsException, CanceledExecutionException {
        final DataTableSpec spec = table.getDataTableSpec();
        final List<String> names = columns(spec);
        final List<float[][][][]> parts = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            parts.add(FieldTables.readFields(table, spec.findColumnIndex(names.get(k)),
                monitor.createSubProgress(1.0 / names.size())));
        }
        return FieldChannels.stack(names, parts);
    }
}
