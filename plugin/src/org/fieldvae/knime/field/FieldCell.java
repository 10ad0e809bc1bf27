package org.fieldvae.knime.field;

import java.io.IOException;

import org.fieldvae.knime.support.field.FieldSample;
import org.fieldvae.knime.support.field.FieldSampleCodec;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;
import org.knime.core.data.DataValue;

/**
 * Table cell holding one {@link FieldSample}, e.g. a permeability (1 channel) or a Darcy solution (3 channels).
 * Registered with the {@code org.knime.core.DataType} extension point together with its {@link Serializer};
 * the bytes are those of {@link FieldSampleCodec}.
 */
@SuppressWarnings("serial") // KNIME stores cells through the registered Serializer, never by Java serialisation
public final class FieldCell extends DataCell implements FieldValue {

    /** The column type of field cells. */
    public static final DataType TYPE = DataType.getType(FieldCell.class);

    private final FieldSample m_field;

    /** @param field the field to hold; immutable, not copied */
    public FieldCell(final FieldSample field) {
        if (field == null) {
            throw new IllegalArgumentException("field = null: must be a field sample");
        }
        m_field = field;
    }

    @Override
    public FieldSample getField() {
        return m_field;
    }

    @Override
    public String toString() {
        return m_field.toString();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return m_field.equals(((FieldCell)dc).m_field);
    }

    /** Equal to any other {@link FieldValue} holding the same field, whatever its cell class. */
    @Override
    protected boolean equalContent(final DataValue otherValue) {
        return m_field.equals(((FieldValue)otherValue).getField());
    }

    @Override
    public int hashCode() {
        return m_field.hashCode();
    }

    /** Writes and reads {@link FieldCell}s in KNIME tables; registered in {@code plugin.xml}. */
    public static final class Serializer implements DataCellSerializer<FieldCell> {

        @Override
        public void serialize(final FieldCell cell, final DataCellDataOutput output) throws IOException {
            FieldSampleCodec.write(cell.m_field, output);
        }

        @Override
        public FieldCell deserialize(final DataCellDataInput input) throws IOException {
            return new FieldCell(FieldSampleCodec.read(input));
        }
    }
}
