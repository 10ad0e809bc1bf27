package org.fieldvae.knime.node.vae;

import java.util.List;

import org.knime.core.node.NodeSettingsRO;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.migration.ConfigMigration;
import org.knime.node.parameters.migration.NodeParametersMigration;

/**
 * Loads one group of the VAE Learner's settings from a workflow saved before the settings were grouped: then every
 * setting sat at the top of the node's settings under the key the group's field has now, so the group loads from there.
 * The old keys are declared deprecated, so flow variables set on them keep working.
 *
 * @param <T> the group
 */
abstract class FlatKeysMigration<T extends NodeParameters> implements NodeParametersMigration<T> {

    private final Class<T> m_group;

    private final List<String> m_keys;

    /**
     * @param group the group's class
     * @param keys the keys of the group's settings that every saved workflow has (the matcher needs all of them)
     */
    FlatKeysMigration(final Class<T> group, final String... keys) {
        m_group = group;
        m_keys = List.of(keys);
    }

    @Override
    public List<ConfigMigration<T>> getConfigMigrations() {
        final ConfigMigration.Builder<T> b = ConfigMigration.builder(this::load);
        m_keys.forEach(b::withDeprecatedConfigPath);
        return List.of(b.build());
    }

    private T load(final NodeSettingsRO settings) throws org.knime.core.node.InvalidSettingsException {
        return NodeParametersUtil.loadSettings(settings, m_group);
    }
}
