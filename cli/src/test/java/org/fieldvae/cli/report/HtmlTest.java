package org.fieldvae.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveMarkupCharactersOnce() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>&amp;</a>"));
        assertEquals("\u03b8 = (1, 2)", Html.escape("\u03b8 = (1, 2)"), "other text is left alone");
    }

    @Test
    void hostileKeysValuesAndCaptionsStayText() {
        String hostile = "\"><img src=x onerror=alert(1)>";
        String page = new Html().heading(2, hostile).table(Map.of(hostile, hostile)).notAvailable(hostile)
                .figure(new Figure("a-b.png", 10, 20, hostile, hostile)).page(hostile);
        assertFalse(page.contains("<img src=x"), "no injected element");
        assertEquals(1, page.split("<img", -1).length - 1, "one image element, the figure's own");
        assertTrue(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "the value shown as text");
        assertTrue(page.contains("<img src=\"a-b.png\" width=\"10\" height=\"20\""), "the real image is there");
    }
}
