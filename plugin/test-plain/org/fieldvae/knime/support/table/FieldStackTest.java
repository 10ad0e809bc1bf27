package org.fieldvae.knime.support.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fieldvae.InvalidInputException;
import org.fieldvae.knime.support.field.FieldSample;
import org.junit.jupiter.api.Test;

class FieldStackTest {

    /** Value s + c/10 + i/100 + j/1000 identifies sample, channel and node. */
    private static FieldSample sample(final int s, final int channels, final int n) {
        final float[][][] f = new float[channels][n][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    f[c][i][j] = s + c / 10f + i / 100f + j / 1000f;
                }
            }
        }
        return FieldSample.of(f);
    }

    @Test
    void stacksRowsInOrderAsSampleChannelIJ() {
        final FieldStack stack = new FieldStack("output", 3);
        for (int s = 0; s < 3; s++) {
            stack.add("Row" + s, sample(s, 3, 4));
        }
        final float[][][][] all = stack.fields();
        assertEquals(3, all.length);
        assertEquals(2 + 1 / 10f + 3 / 100f + 2 / 1000f, all[2][1][3][2]);
        assertArrayEquals(sample(1, 3, 4).toArray()[2][0], all[1][2][0]);
    }

    @Test
    void missingCellNamesColumnAndRow() {
        final FieldStack stack = new FieldStack("permeability", 2);
        stack.add("Row0", sample(0, 1, 3));
        final InvalidInputException e = assertThrows(InvalidInputException.class, () -> stack.add("Row1", null));
        assertTrue(e.getMessage().contains("'permeability'") && e.getMessage().contains("'Row1'")
            && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void shapeMismatchNamesBothRows() {
        final FieldStack grid = new FieldStack("permeability", 2);
        grid.add("first", sample(0, 1, 3));
        final InvalidInputException e = assertThrows(InvalidInputException.class, () -> grid.add("second",
            sample(1, 1, 4)));
        assertTrue(e.getMessage().contains("'second'") && e.getMessage().contains("'first'"), e.getMessage());
        final FieldStack channels = new FieldStack("output", 2);
        channels.add("a", sample(0, 3, 3));
        assertThrows(InvalidInputException.class, () -> channels.add("b", sample(0, 1, 3)));
    }

    @Test
    void countMustMatchTheAnnouncedRows() {
        final FieldStack stack = new FieldStack("permeability", 1);
        assertThrows(IllegalStateException.class, stack::fields);
        stack.add("Row0", sample(0, 1, 3));
        assertThrows(IllegalStateException.class, () -> stack.add("Row1", sample(1, 1, 3)));
        assertEquals(0f, stack.fields()[0][0][0][0]);
    }

    @Test
    void singleChannelRejectsMultiChannelFields() {
        final FieldStack one = new FieldStack("permeability", 1);
        one.add("Row0", sample(5, 1, 3));
        assertEquals(5 + 2 / 100f + 1 / 1000f, one.singleChannel()[0][2][1]);
        final FieldStack three = new FieldStack("output", 1);
        three.add("Row0", sample(5, 3, 3));
        assertThrows(InvalidInputException.class, three::singleChannel);
    }

    @Test
    void channelOfTakesOneChannel() {
        final FieldSample u1 = FieldStack.channelOf(sample(0, 3, 3), 1);
        assertEquals(1, u1.channels());
        assertEquals(1 / 10f + 2 / 100f, u1.get(0, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> FieldStack.channelOf(sample(0, 3, 3), 3));
        assertEquals(FieldSample.of(new float[][][]{{{1, 2}, {3, 4}}}),
            FieldStack.channelField(new float[][]{{1, 2}, {3, 4}}));
    }
}
