package dev.leakline.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Leakline#connectionId(String)} is a fixed function (FNV-1a, then SplitMix64's finalizer): recordings of
 * different versions must give a connection the same id. Expected values were computed apart from this code, by a
 * few lines of Python over the same published constants.
 */
class ConnectionIdTest {
    @Test
    void labelsGiveTheIdsOfTheDocumentedHash() {
        assertThat(Leakline.connectionId("")).isEqualTo(-780787492076525413L);
        assertThat(Leakline.connectionId("a")).isEqualTo(198367012849983736L);
        assertThat(Leakline.connectionId("http-outgoing-7")).isEqualTo(-7551494499605913687L);
        assertThat(Leakline.connectionId("127.0.0.1:8080->127.0.0.1:51234")).isEqualTo(7580133755190340914L);
    }

    @Test
    void noLabelIsNoConnection() {
        assertThat(Leakline.connectionId(null)).isZero();
    }
}
