package org.fieldvae.knime.support.darcy;

import java.util.List;
import java.util.function.Supplier;

import org.fieldvae.darcy.DarcySettings;
import org.fieldvae.knime.support.table.FieldColumns;

/**
 * The options of the Darcy Flow Solver node, one-to-one with its dialog: which columns hold K (and, optionally, the
 * source f), the engine's {@link DarcySettings}, and whether the solution becomes one 3-channel column or one column per
 * channel. Validated on construction; a message starts with the dialog title of the option at fault.
 *
 * @param permeabilityColumn the column of one-channel permeability fields
 * @param sourceColumn the column of one-channel source fields, or null (or empty) for the wells of the settings
 * @param wellWidth w, in (0, 0.5] (paper: 1/8)
 * @param injectionRate r, > 0 (paper: 10)
 * @param tolerance relative residual at which CG stops, in (0, 1) (default 1e-8)
 * @param maxIterations most CG iterations, at least 1 (default 200)
 * @param splitChannels true for columns pressure, u_x1, u_x2; false for one 3-channel column {@code output}
 */
public record DarcySolverOptions(String permeabilityColumn, String sourceColumn, double wellWidth,
    double injectionRate, double tolerance, int maxIterations, boolean splitChannels) {

    /** Dialog title of {@link #permeabilityColumn()}. */
    public static final String PERMEABILITY_TITLE = "Permeability column";
    /** Dialog title of {@link #sourceColumn()}. */
    public static final String SOURCE_TITLE = "Source column";
    /** Dialog title of {@link #wellWidth()}. */
    public static final String WELL_WIDTH_TITLE = "Well width";
    /** Dialog title of {@link #injectionRate()}. */
    public static final String INJECTION_RATE_TITLE = "Injection rate";
    /** Dialog title of {@link #tolerance()}. */
    public static final String TOLERANCE_TITLE = "Solver tolerance";
    /** Dialog title of {@link #maxIterations()}. */
    public static final String MAX_ITERATIONS_TITLE = "Maximum iterations";
    /** Dialog title of {@link #splitChannels()}. */
    public static final String SPLIT_TITLE = "Output columns";

    public DarcySolverOptions {
        if (permeabilityColumn == null || permeabilityColumn.isEmpty()) {
            throw new IllegalArgumentException(PERMEABILITY_TITLE + ": no column selected");
        }
        if (sourceColumn != null && sourceColumn.isEmpty()) {
            sourceColumn = null;
        }
        if (permeabilityColumn.equals(sourceColumn)) {
            throw new IllegalArgumentException(SOURCE_TITLE + ": column '" + sourceColumn
                + "' is the permeability column; choose another or no source column");
        }
        darcy(wellWidth, injectionRate, tolerance, maxIterations);
    }

    /** @return the engine's defaults ({@link DarcySettings#defaults()}), the wells, one {@code output} column */
    public static DarcySolverOptions defaults() {
        return fromEngine(DarcySettings.defaults(), FieldColumns.PERMEABILITY, null, false);
    }

    /**
     * @param settings the engine's settings
     * @param permeabilityColumn the permeability column
     * @param sourceColumn the source column or null
     * @param splitChannels one column per channel
     * @return the options giving these settings
     */
    public static DarcySolverOptions fromEngine(final DarcySettings settings, final String permeabilityColumn,
        final String sourceColumn, final boolean splitChannels) {
        return new DarcySolverOptions(permeabilityColumn, sourceColumn, settings.wellWidth(),
            settings.injectionRate(), settings.tolerance(), settings.maxIterations(), splitChannels);
    }

    /** @return the engine's settings */
    public DarcySettings darcy() {
        return darcy(wellWidth, injectionRate, tolerance, maxIterations);
    }

    /** @return whether a source column replaces the wells */
    public boolean hasSource() {
        return sourceColumn != null;
    }

    /** @return the names of the appended columns: {@code output}, or {@code pressure, u_x1, u_x2} */
    public List<String> outputColumns() {
        return splitChannels ? FieldColumns.OUTPUT_CHANNELS : List.of(FieldColumns.OUTPUT);
    }

    /** One setting at a time from the defaults, so an error is blamed on the option that caused it. */
    private static DarcySettings darcy(final double wellWidth, final double injectionRate, final double tolerance,
        final int maxIterations) {
        final DarcySettings w = named(WELL_WIDTH_TITLE, () -> DarcySettings.defaults().withWellWidth(wellWidth));
        final DarcySettings r = named(INJECTION_RATE_TITLE, () -> w.withInjectionRate(injectionRate));
        final DarcySettings t = named(TOLERANCE_TITLE, () -> r.withTolerance(tolerance));
        return named(MAX_ITERATIONS_TITLE, () -> t.withMaxIterations(maxIterations));
    }

    private static <T> T named(final String title, final Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(title + ": " + e.getMessage(), e);
        }
    }
}
