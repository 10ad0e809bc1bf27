package org.fieldvae.knime.support.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fieldvae.field.DatasetShape;
import org.fieldvae.field.Precision;
import org.junit.jupiter.api.Test;

class DatasetLayoutTest {

    @Test
    void columnsOfAFullDatasetAreThetaPermeabilityOutput() {
        final DatasetLayout full = DatasetLayout.of(DatasetShape.of(10, 2, 65).withLabelled(true));
        assertEquals(List.of("theta_1", "theta_2", "permeability", "output", "labelled"), full.columnNames());
    }

    @Test
    void roundTripsThroughColumnsAndShape() {
        for (final DatasetShape shape : List.of(DatasetShape.of(7, 4, 9),
            new DatasetShape(3, 0, 5, false, true, true, Precision.FLOAT64),
            new DatasetShape(2, 3, 2, false, false, false, Precision.FLOAT32))) {
            final DatasetLayout layout = DatasetLayout.ofColumns(DatasetLayout.of(shape).columnNames());
            assertEquals(shape, layout.shape(shape.samples(), shape.grid(), shape.precision()));
        }
    }

    @Test
    void otherColumnsAreIgnoredAndThetaOrderDoesNotMatter() {
        final DatasetLayout l = DatasetLayout.ofColumns(List.of("x", "theta_2", "output", "theta_1", "pressure"));
        assertEquals(new DatasetLayout(2, false, true, false), l);
    }

    @Test
    void outputComesFromTheChannelColumnsWhenThereIsNoOutputColumn() {
        final List<String> split = List.of("theta_1", "pressure", "u_x1", "u_x2");
        assertEquals(new DatasetLayout(1, false, true, false), DatasetLayout.ofColumns(split));
        assertTrue(DatasetLayout.outputFromChannels(split));
        assertFalse(DatasetLayout.outputFromChannels(List.of("output", "pressure", "u_x1", "u_x2")));
        assertFalse(DatasetLayout.ofColumns(List.of("theta_1", "pressure", "u_x1")).output());
    }

    @Test
    void rejectsGapsEmptyTablesAndTablesWithoutData() {
        final IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
            () -> DatasetLayout.ofColumns(List.of("theta_1", "theta_3", "permeability")));
        assertTrue(gap.getMessage().contains("theta_1..theta_2"), gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetLayout.ofColumns(List.of("labelled", "u_x1")));
        final DatasetLayout ok = DatasetLayout.ofColumns(List.of("permeability"));
        final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> ok.shape(0, 9, Precision.FLOAT32));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }
}
