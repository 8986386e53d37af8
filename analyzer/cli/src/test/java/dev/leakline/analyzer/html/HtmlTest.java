package dev.leakline.analyzer.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveMarkupCharacters() {
        assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.escape("a & b \"c\" 'd'")).isEqualTo("a &amp; b &quot;c&quot; &#39;d&#39;");
        assertThat(Html.escape("&lt;")).as("already-escaped text is escaped again, not trusted")
                .isEqualTo("&amp;lt;");
    }

    @Test
    void makesControlCharactersVisibleInsteadOfPassingThemOn() {
        assertThat(Html.escape("a\u0000b\u0007c\u001b[31md\u007fe")).isEqualTo("a\u2400b\u2407c\u241b[31md\u2421e");
        assertThat(Html.escape("tab\tnl\ncr\r")).isEqualTo("tab\tnl\ncr\r");
        assertThat(Html.escape("c1\u0085\u009b")).isEqualTo("c1\uFFFD\uFFFD");
    }

    @Test
    void replacesUnpairedSurrogatesAndNonCharactersButKeepsPairs() {
        assertThat(Html.escape("x\ud800y\udc00z\uFFFE")).isEqualTo("x\uFFFDy\uFFFDz\uFFFD");
        assertThat(Html.escape("pile of poo \ud83d\udca9")).isEqualTo("pile of poo \ud83d\udca9");
        assertThat(Html.escape("end\ud83d")).isEqualTo("end\uFFFD");
    }

    @Test
    void nullIsEmptyAndPlainTextIsUnchanged() {
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("GET /orders/42 HTTP/1.1")).isEqualTo("GET /orders/42 HTTP/1.1");
    }
}
