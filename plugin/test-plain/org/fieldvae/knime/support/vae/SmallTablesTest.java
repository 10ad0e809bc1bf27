package org.fieldvae.knime.support.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fieldvae.InvalidInputException;
import org.fieldvae.vae.EpochRecord;
import org.fieldvae.vae.TrainingHistory;
import org.junit.jupiter.api.Test;

/** The small naming and reshaping classes: history table, latent columns, field channels. */
class SmallTablesTest {

    @Test
    void historyColumnsAreTheEnginesCsvHeaderInOrder() {
        final var history = new TrainingHistory(List.of(new EpochRecord(1, 2, 3, 4, 5, 6, 7),
            new EpochRecord(2, 12, 13, 14, 15, 16, 17)), false, 1, "cpu");
        final List<String> header = Arrays.asList(history.toCsv().lines().findFirst().orElseThrow().split(","));
        final List<String> ours = new ArrayList<>(List.of(HistoryTable.EPOCH));
        ours.addAll(HistoryTable.VALUES);
        assertEquals(header, ours);
        assertArrayEquals(new double[]{12, 13, 14, 15, 16, 17}, HistoryTable.values(history.epochs().get(1)));
        final var curves = HistoryTable.curves(history);
        assertEquals(List.of("L_REC", "L_REG", "L_LABEL", "beta", "lr"), curves.names());
        assertArrayEquals(new double[]{5, 15}, curves.series("beta"));
        assertEquals(2, curves.epochs());
    }

    @Test
    void latentNamesFollowTheColumnConvention() {
        assertEquals(List.of("z_mean_1", "z_mean_2", "z_mean_3"), LatentColumns.means(3));
        assertEquals(List.of("z_mean_1", "z_mean_2", "z_logvar_1", "z_logvar_2"), LatentColumns.encoded(2));
        assertThrows(IllegalArgumentException.class, () -> LatentColumns.means(0));
        LatentColumns.checkDecoderSelection("Latent columns", List.of("a", "b"), 2);
        final String m = assertThrows(IllegalArgumentException.class,
            () -> LatentColumns.checkDecoderSelection("Latent columns", List.of("a"), 2)).getMessage();
        assertTrue(m.startsWith("Latent columns: 1 column(s) selected"), m);
    }

    @Test
    void fieldsOfAnotherShapeThanTheModelsAreRejectedNamingOptionColumnAndRow() {
        final float[][][][] fields = {new float[3][5][5], new float[1][5][5]};
        FieldChannels.checkShape("Field columns", List.of("output"), new float[][][][]{fields[0]}, 3, 5);
        final String m = assertThrows(InvalidInputException.class,
            () -> FieldChannels.checkShape("Field columns", List.of("output"), fields, 3, 5)).getMessage();
        assertTrue(m.startsWith("Field columns [output]: row 2 holds a 1 x 5 x 5 field"), m);
        assertTrue(m.contains("trained on 3 x 5 x 5"), m);
        assertThrows(InvalidInputException.class,
            () -> FieldChannels.checkShape("Field columns", List.of("output"), new float[][][][]{fields[0]}, 3, 9));
    }

    @Test
    void perChannelColumnsStackInChoiceOrder() {
        final float[][][][] p = {{{{1, 1}, {1, 1}}}, {{{4, 4}, {4, 4}}}};
        final float[][][][] u = {{{{2, 2}, {2, 2}}}, {{{5, 5}, {5, 5}}}};
        final float[][][][] v = {{{{3, 3}, {3, 3}}}, {{{6, 6}, {6, 6}}}};
        final float[][][][] s = FieldChannels.stack(List.of("pressure", "u_x1", "u_x2"), List.of(p, u, v));
        assertEquals(2, s.length);
        assertEquals(3, s[0].length);
        assertEquals(5f, s[1][1][0][1]);
        assertEquals(3f, s[0][2][1][0]);
        assertSame(p[1][0], s[1][0]);
        final float[][][][] coarse = {{{{1}}}, {{{1}}}};
        final String m = assertThrows(InvalidInputException.class,
            () -> FieldChannels.stack(List.of("pressure", "u_x1"), List.of(p, coarse))).getMessage();
        assertTrue(m.contains("'u_x1'") && m.contains("1 x 1"), m);
        assertThrows(InvalidInputException.class,
            () -> FieldChannels.stack(List.of("a", "b"), List.of(p, new float[][][][]{p[0]})));
    }

    @Test
    void decodedNamesUseTheDarcyChannelNames() {
        assertEquals(List.of("output"), FieldChannels.decodedNames("output", 3, false));
        assertEquals(List.of("pressure", "u_x1", "u_x2"), FieldChannels.decodedNames("output", 3, true));
        assertEquals(List.of("f_1", "f_2"), FieldChannels.decodedNames("f", 2, true));
        assertThrows(IllegalArgumentException.class, () -> FieldChannels.decodedNames("f", 0, true));
    }

    @Test
    void unlabelledRowsMayMissThetaLabelledRowsMayNot() {
        final float[][][][] fields = new float[3][1][2][2];
        final double[][] theta = {{1, Double.NaN}, {2, 3}, {4, 5}};
        final var data =
            TrainingInput.of(fields, List.of("theta_1", "theta_2"), theta, new boolean[]{false, true, true});
        assertArrayEquals(new double[]{1, 0}, data.theta()[0]);
        assertArrayEquals(new boolean[]{false, true, true}, data.labelled());
        final double[][] bad = {{1, 2}, {Double.NaN, 3}, {4, 5}};
        final String m = assertThrows(InvalidInputException.class,
            () -> TrainingInput.of(fields, List.of("theta_1", "theta_2"), bad, null)).getMessage();
        assertTrue(m.startsWith("column 'theta_1', row 2: the row is labelled"), m);
        assertArrayEquals(new boolean[]{true, true, true},
            TrainingInput.of(fields, List.of("a", "b"), new double[][]{{1, 2}, {3, 4}, {5, 6}}, null).labelled());
        assertEquals(null, TrainingInput.of(fields, List.of(), null, null).theta());
    }
}
