package org.fieldvae.knime.support.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class FieldColumnsTest {

    @Test
    void thetaNamesCountFromOne() {
        assertEquals("theta_1", FieldColumns.theta(1));
        assertEquals(List.of("theta_1", "theta_2", "theta_3"), FieldColumns.thetas(3));
        assertEquals(List.of(), FieldColumns.thetas(0));
        assertThrows(IllegalArgumentException.class, () -> FieldColumns.theta(0));
    }

    @Test
    void thetaColumnsAreFoundAndOrderedByIndexNotText() {
        final List<String> names = List.of("theta_10", "permeability", "theta_2", "theta_x", "theta_0", "theta_1",
            "my_theta_3", "theta_02");
        assertEquals(List.of("theta_1", "theta_2", "theta_10"), FieldColumns.thetaColumnsIn(names));
    }

    @Test
    void outputChannelsMatchTheDatasetLayout() {
        // REFERENCE.md: output[sample][0..2] = pressure, u_x1, u_x2
        assertEquals(List.of("pressure", "u_x1", "u_x2"), FieldColumns.OUTPUT_CHANNELS);
    }
}
