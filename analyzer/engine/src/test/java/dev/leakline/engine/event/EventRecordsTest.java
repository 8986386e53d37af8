package dev.leakline.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Frames, JVM facts and runs as the reports print them. */
class EventRecordsTest {
    @Test
    void aFramePrintsLikeAStackTraceWithTheFileOfItsOutermostClass() {
        Frame nested = new Frame("com.acme.shop.Cart$Line$1", "total", 42);
        assertThat(nested).hasToString("com.acme.shop.Cart$Line$1.total(Cart.java:42)");
        assertThat(nested.shortForm()).isEqualTo("Cart$Line$1.total(Cart.java:42)");
        assertThat(nested.fileName()).isEqualTo("Cart.java");
        assertThat(nested.packageName()).isEqualTo("com.acme.shop");
        assertThat(nested.toStackTraceElement()).isEqualTo(new StackTraceElement("com.acme.shop.Cart$Line$1", "total",
                "Cart.java", 42));

        Frame noLine = new Frame("Main", "run", -1);
        assertThat(noLine).hasToString("Main.run(Main.java)");
        assertThat(noLine.packageName()).isEmpty();
        assertThat(noLine.shortForm()).isEqualTo("Main.run(Main.java)");
        assertThat(new Frame("a.$Odd", "m", 0)).hasToString("a.$Odd.m($Odd.java:0)");
    }

    @Test
    void aFrameTheRecordingLostStillHasText() {
        Frame lost = new Frame(null, "", 3);
        assertThat(lost.type()).isEqualTo("?");
        assertThat(lost.method()).isEqualTo("?");
        assertThat(lost).hasToString("?.?(?.java:3)");
        assertThat(new Frame("", null, 3).type()).isEqualTo("?");
    }

    @Test
    void jvmFactsComeFromTheParenthesesOfTheVersionLine() {
        JvmInfo info = JvmInfo.of("OpenJDK 64-Bit Server VM",
                "OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1) for linux-amd64 JRE (17.0.15+6-Debian-1deb12u1),"
                        + " built on 2025-04-20",
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nuname: Linux 6.1");
        assertThat(info).isEqualTo(new JvmInfo("OpenJDK 64-Bit Server VM", "17.0.15+6-Debian-1deb12u1",
                "17.0.15+6-Debian-1deb12u1", "Debian GNU/Linux 12 (bookworm)"));
        assertThat(info.summary()).isEqualTo("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1");

        JvmInfo vmOnly = JvmInfo.of("  ", "Some VM (25.0.3+9-LTS) no jre", "\n\n  macOS 15.1  \nDarwin");
        assertThat(vmOnly).isEqualTo(new JvmInfo(null, "25.0.3+9-LTS", null, "macOS 15.1"));
        assertThat(vmOnly.summary()).isEqualTo("25.0.3+9-LTS");

        JvmInfo unknown = JvmInfo.of(null, null, null);
        assertThat(unknown).isEqualTo(new JvmInfo(null, null, null, null));
        assertThat(unknown.summary()).isNull();
        assertThat(new JvmInfo("VM", null, null, null).summary()).isEqualTo("VM");
        assertThat(new JvmInfo("VM", "1", "2", null).summary()).isEqualTo("VM 2");
        assertThat(JvmInfo.of("VM", "no parentheses", "   ").os()).isNull();
        assertThat(JvmInfo.of("VM", "VM (unclosed", null).jvmVersion()).isNull();
        assertThat(JvmInfo.of("VM", "VM ( ) JRE (", null)).isEqualTo(new JvmInfo("VM", null, null, null));
    }

    @Test
    void aLongOsLineIsCut() {
        String os = "x".repeat(121);
        assertThat(JvmInfo.of(null, null, os).os()).isEqualTo("x".repeat(120) + "...");
        assertThat(JvmInfo.of(null, null, "y".repeat(120)).os()).isEqualTo("y".repeat(120));
    }

    @Test
    void runsAndChunksDescribeThemselves() {
        assertThat(new JvmRun(1_795_000_000_000L, 4242).label()).isEqualTo("pid 4242 started 2026-11-18T11:06:40Z");
        assertThat(new JvmRun(0, -1).label()).isEqualTo("pid ? started 1970-01-01T00:00:00Z");
        ChunkFacts read = new ChunkFacts("f.jfr", 1, 1, 2, new JvmRun(0, 1), ChunkFacts.Outcome.READ, null);
        assertThat(read.wasRead()).isTrue();
        assertThat(read.jvm()).isNull();
        assertThat(new ChunkFacts("f.jfr", 2, 1, 2, null, ChunkFacts.Outcome.DAMAGED, "bad").wasRead()).isFalse();
        assertThat(new ChunkFacts("f.jfr", 3, 1, 2, null, ChunkFacts.Outcome.TRUNCATED, "cut").wasRead()).isFalse();
        RecordedEvent.ResponseOpened opened = new RecordedEvent.ResponseOpened(null, 1, 1, "t", 1, 0, "c", "GET", "u",
                200, "HTTP/1.1", -1, List.of(), "");
        assertThat(opened.pool()).isNull();
    }
}
