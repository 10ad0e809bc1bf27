package org.fieldvae.knime.field;

import javax.swing.Icon;

import org.fieldvae.knime.support.field.FieldSample;
import org.knime.core.data.DataValue;
import org.knime.core.data.ExtensibleUtilityFactory;

/**
 * A KNIME value that is one sample of a physical field: channels x n x n floats on the unit square
 * (docs/design.md, "Conventions"). Nodes that read fields accept any cell implementing this interface.
 */
public interface FieldValue extends DataValue {

    /** Name, icon and renderers of the value, found by KNIME through this exact field name. */
    UtilityFactory UTILITY = new FieldUtilityFactory();

    /** @return the field; immutable, safe to keep */
    FieldSample getField();

    /** Meta information of {@link FieldValue}: renderers come from the {@code DataValueRenderer} extension. */
    final class FieldUtilityFactory extends ExtensibleUtilityFactory {

        private static final Icon ICON = loadIcon(FieldValue.class, "field.png");

        FieldUtilityFactory() {
            super(FieldValue.class);
        }

        @Override
        public Icon getIcon() {
            return ICON;
        }

        @Override
        public String getName() {
            return "Field (FieldVAE)";
        }

        @Override
        public String getGroupName() {
            return "FieldVAE";
        }
    }
}
