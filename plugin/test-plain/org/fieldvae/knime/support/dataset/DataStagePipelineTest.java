package org.fieldvae.knime.support.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.fieldvae.Progress;
import org.fieldvae.darcy.DarcySettings;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.DatasetWriter;
import org.fieldvae.field.Precision;
import org.fieldvae.kle.CovarianceKernel;
import org.fieldvae.kle.KleBasis;
import org.fieldvae.kle.KleResult;
import org.fieldvae.kle.KleSamples;
import org.fieldvae.kle.KleSettings;
import org.fieldvae.kle.PermeabilitySampler;
import org.fieldvae.kle.SampleDesign;
import org.fieldvae.knime.support.darcy.DarcyBatches;
import org.fieldvae.knime.support.field.FieldSample;
import org.fieldvae.knime.support.kle.KleSamplerOptions;
import org.fieldvae.knime.support.label.LabelerOptions;
import org.fieldvae.knime.support.table.FieldColumns;
import org.fieldvae.knime.support.table.FieldStack;
import org.fieldvae.label.LabelResult;
import org.fieldvae.label.Labeler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-stage nodes' path without KNIME: sampler options to the engine, fields through the cells' FieldSample and
 * FieldStack, Darcy batches, labels, the writer's layout into a file and the reader's layout back. The columns the
 * sampler, solver and labeler produce must be the ones the writer looks for.
 */
class DataStagePipelineTest {

    @Test
    void sampleSolveLabelWriteAndReadBack(@TempDir final Path dir) {
        final KleSamplerOptions sampler = KleSamplerOptions.fromEngine(
            new KleSettings(9, CovarianceKernel.EXPONENTIAL, 0.2, 1.0, 3), 0.0, "normal", SampleDesign.LHS, 6, 11L);
        final KleResult basis = KleBasis.compute(sampler.kle(), Progress.NONE);
        final KleSamples samples = PermeabilitySampler.sample(basis, sampler.mean(), sampler.thetaDistribution(),
            sampler.count(), sampler.design(), sampler.seed());

        // the sampler's cells, read back by the solver's column scan
        final FieldStack stack = new FieldStack(FieldColumns.PERMEABILITY, samples.count());
        final float[][][] k = samples.permeability();
        for (int s = 0; s < k.length; s++) {
            stack.add("Row" + s, FieldStack.channelField(k[s]));
        }
        final float[][][][] output = DarcyBatches.solve(DarcySettings.defaults(), stack.singleChannel(), null,
            Progress.NONE);
        final LabelResult labels = Labeler.label(LabelerOptions.fromEngine(
            org.fieldvae.label.LabelSettings.ofCount(2, 5, true), FieldColumns.thetas(3), false).label(),
            samples.theta());

        final List<String> columns = List.of("theta_1", "theta_2", "theta_3", FieldColumns.PERMEABILITY,
            FieldColumns.OUTPUT, FieldColumns.LABELLED);
        final DatasetLayout layout = DatasetLayout.ofColumns(columns);
        assertEquals(columns, layout.columnNames());
        final Path file = dir.resolve("kle3.h5");
        final float[][][][] permeability = new float[k.length][][][];
        for (int s = 0; s < k.length; s++) {
            permeability[s] = FieldSample.of(new float[][][]{k[s]}).toArray();
        }
        try (DatasetWriter w = DatasetWriter.create(file, layout.shape(k.length, 9, Precision.FLOAT32), Map.of(),
            false)) {
            w.append(samples.theta(), permeability, output);
            w.labelled(labels.labelled());
            w.commit();
        }
        try (DatasetReader r = DatasetReader.open(file)) {
            assertEquals(layout, DatasetLayout.of(r.shape()));
            final double[] theta = samples.theta()[4];
            for (int j = 0; j < theta.length; j++) {
                assertEquals((float)theta[j], r.theta()[4][j], 0.0, "float32 file: theta rounded to float");
            }
            assertArrayEquals(k[5][3], r.permeability(5, 1)[0][0][3]);
            assertArrayEquals(output[2][1][7], r.output(2, 1)[0][1][7]);
            assertArrayEquals(labels.labelled(), r.labelled());
        }
    }

    @Test
    void aFailedWriteLeavesNoFile(@TempDir final Path dir) {
        final Path file = dir.resolve("partial.h5");
        final DatasetLayout layout = DatasetLayout.ofColumns(List.of("theta_1"));
        assertThrows(RuntimeException.class, () -> {
            try (DatasetWriter w = DatasetWriter.create(file, layout.shape(2, 2, Precision.FLOAT32), Map.of(),
                false)) {
                w.append(new double[][]{{1.0}}, null, null);
                w.append(new double[][]{{Double.NaN}}, null, null); // the writer rejects non-finite theta
                w.commit();
            }
        });
        assertFalse(Files.exists(file));
        try (var listing = Files.list(dir)) {
            assertTrue(listing.findAny().isEmpty(), "no temporary file left behind");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
