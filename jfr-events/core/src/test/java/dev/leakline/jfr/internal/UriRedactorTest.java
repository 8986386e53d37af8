package dev.leakline.jfr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The redaction rules themselves, on strings: which prefixes count as a scheme (RFC 3986: a letter, then letters,
 * digits, {@code +}, {@code -} and {@code .}), where the authority ends, which {@code @} ends the user info, and the
 * length cap. (RedactionTest shows the same rules on recorded events.)
 */
class UriRedactorTest {
    @AfterEach
    void resetSwitch() {
        UriRedactor.setKeepQuery(false);
    }

    @Test
    void schemesWithDigitsPlusMinusAndDotsLoseTheirUserInfo() {
        assertThat(UriRedactor.redact("svn+ssh://alice:pw@git.example.com:22/repo?x=1"))
                .isEqualTo("svn+ssh://git.example.com:22/repo");
        assertThat(UriRedactor.redact("coap-tcp://alice@h/p")).isEqualTo("coap-tcp://h/p");
        assertThat(UriRedactor.redact("vnd.my.app://alice@h/p")).isEqualTo("vnd.my.app://h/p");
        assertThat(UriRedactor.redact("h2c://alice@h/p")).isEqualTo("h2c://h/p");
        assertThat(UriRedactor.redact("HTTP://alice@H/p")).isEqualTo("HTTP://H/p");
    }

    @Test
    void aPrefixThatIsNoSchemeKeepsItsAuthorityAsPath() {
        // Not schemes: a digit, '+', '-' or '.' first, or a character outside the scheme alphabet.
        assertThat(UriRedactor.redact("2http://alice@h/p")).isEqualTo("2http://alice@h/p");
        assertThat(UriRedactor.redact("+a://alice@h/p")).isEqualTo("+a://alice@h/p");
        assertThat(UriRedactor.redact("-a://alice@h/p")).isEqualTo("-a://alice@h/p");
        assertThat(UriRedactor.redact(".a://alice@h/p")).isEqualTo(".a://alice@h/p");
        assertThat(UriRedactor.redact("ht tp://alice@h/p")).isEqualTo("ht tp://alice@h/p");
        assertThat(UriRedactor.redact("a_b://alice@h/p")).isEqualTo("a_b://alice@h/p");
        assertThat(UriRedactor.redact("://alice@h/p")).isEqualTo("://alice@h/p");
    }

    @Test
    void theLastAtSignOfTheAuthorityEndsTheUserInfoAndOneInThePathStays() {
        assertThat(UriRedactor.redact("http://a@b:c@host:8080/p")).isEqualTo("http://host:8080/p");
        assertThat(UriRedactor.redact("http://host/p/@x")).isEqualTo("http://host/p/@x");
        assertThat(UriRedactor.redact("http://alice@host?q=1")).isEqualTo("http://host");
        assertThat(UriRedactor.redact("http://alice@host#f")).isEqualTo("http://host");
        assertThat(UriRedactor.redact("http://alice@host")).isEqualTo("http://host");
        assertThat(UriRedactor.redact("http://host")).isEqualTo("http://host");
    }

    @Test
    void networkPathReferencesAndRelativeReferences() {
        assertThat(UriRedactor.redact("//alice:pw@host/p?q")).isEqualTo("//host/p");
        assertThat(UriRedactor.redact("/orders/7?token=x#top")).isEqualTo("/orders/7");
        assertThat(UriRedactor.redact("mailto:alice@example.com?subject=x")).isEqualTo("mailto:alice@example.com");
        assertThat(UriRedactor.redact("")).isEqualTo("");
        assertThat(UriRedactor.redact(null)).isNull();
    }

    @Test
    void queryAndFragmentStayOnlyWhenOptedIn() {
        assertThat(UriRedactor.keepQuery()).isFalse();
        UriRedactor.setKeepQuery(true);
        assertThat(UriRedactor.keepQuery()).isTrue();
        assertThat(UriRedactor.redact("svn+ssh://alice@h/p?q=1#f")).isEqualTo("svn+ssh://h/p?q=1#f");
        assertThat(UriRedactor.redact("/p?q=1")).isEqualTo("/p?q=1");
    }

    @Test
    void longUrisAreCutToTheLimitWithAnEllipsis() {
        String exactly = "http://h/" + "a".repeat(UriRedactor.MAX_LENGTH - "http://h/".length());
        assertThat(UriRedactor.redact(exactly)).isEqualTo(exactly);
        String longer = exactly + "b";
        String cut = UriRedactor.redact(longer);
        assertThat(cut).hasSize(UriRedactor.MAX_LENGTH).endsWith("a\u2026")
                .isEqualTo(exactly.substring(0, UriRedactor.MAX_LENGTH - 1) + "\u2026");
    }
}
