package org.fieldvae.knime.node;

import org.fieldvae.knime.field.FieldValue;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider;

/** Offers the field columns (cells of {@link FieldValue}) of a node's first input table in a column choice. */
public final class FieldColumnsProvider extends CompatibleColumnsProvider {

    /** Created by the dialog framework through reflection. */
    public FieldColumnsProvider() {
        super(FieldValue.class);
    }
}
