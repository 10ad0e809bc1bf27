package org.fieldvae.knime.support.natives;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The KNIME feature's license is the repository's LICENSE (Apache License 2.0), word for word. */
class FeatureLicenseTest {

    @Test
    void theFeatureLicenseIsTheRepositoryLicense() throws Exception {
        Document feature = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("..", "..", "feature", "feature.xml").toFile());
        String license = feature.getElementsByTagName("license").item(0).getTextContent();
        String root = Files.readString(Path.of("..", "..", "LICENSE"));
        assertTrue(root.contains("Apache License") && root.contains("Version 2.0, January 2004"), "LICENSE");
        assertTrue(normalise(license).contains(normalise(root)), "feature.xml's license differs from LICENSE");
    }

    private static String normalise(String text) throws IOException {
        return text.replaceAll("\\s+", " ").trim();
    }
}
