package dev.leakline.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Leakline#connectionId(String)} is a fixed function (FNV-1a, then SplitMix64's finalizer, kept below 2^53 so
 * that JSON readers hold it exactly): recordings of
 * different versions must give a connection the same id. Expected values were computed apart from this code, by a
 * few lines of Python over the same published constants.
 */
class ConnectionIdTest {
    @Test
    void labelsGiveTheIdsOfTheDocumentedHash() {
        assertThat(Leakline.connectionId("")).isEqualTo(2838843085940891L);
        assertThat(Leakline.connectionId("a")).isEqualTo(208629245681912L);
        assertThat(Leakline.connectionId("http-outgoing-7")).isEqualTo(5545675121778601L);
        assertThat(Leakline.connectionId("127.0.0.1:8080->127.0.0.1:51234")).isEqualTo(5079181953166642L);
    }

    @Test
    void idsStayWhereADoubleHoldsThemExactly() {
        for (String label : new String[] {"", "a", "b", "http-outgoing-1", "http-outgoing-2", "x".repeat(100)}) {
            assertThat(Leakline.connectionId(label)).isPositive().isLessThan(1L << 53);
        }
    }

    @Test
    void aTcpConnectionIsNamedByItsNumericEndpointsWhateverTheHostNameResolvedTo() throws Exception {
        java.net.InetSocketAddress local = new java.net.InetSocketAddress(
                java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 8080);
        java.net.InetSocketAddress remote = new java.net.InetSocketAddress(
                java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 51234);
        java.net.InetSocketAddress named = new java.net.InetSocketAddress(
                java.net.InetAddress.getByAddress("db.example", new byte[] {127, 0, 0, 1}), 51234);
        assertThat(Leakline.connectionId(local, remote)).isEqualTo(5079181953166642L)
                .isEqualTo(Leakline.connectionId(local, named));
        assertThat(Leakline.connectionId(null, null)).isZero();
        assertThat(Leakline.connectionId(null, remote)).isEqualTo(Leakline.connectionId("null->127.0.0.1:51234"));
        assertThat(Leakline.connectionId(local, java.net.InetSocketAddress.createUnresolved("db.example", 5432)))
                .isEqualTo(Leakline.connectionId("127.0.0.1:8080->db.example:5432"));
    }

    @Test
    void noLabelIsNoConnection() {
        assertThat(Leakline.connectionId(null)).isZero();
    }
}
