package dev.leakline.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class SettingsTest {

    @Test
    void readsMillisecondsSecondsAndBareNumbers() {
        assertThat(Settings.duration("250ms", "grace", Settings.GRACE)).isEqualTo(Duration.ofMillis(250));
        assertThat(Settings.duration("3s", "grace", Settings.GRACE)).isEqualTo(Duration.ofSeconds(3));
        assertThat(Settings.duration(" 40 ", "grace", Settings.GRACE)).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void rejectsOtherUnitsNamingTheParameter() {
        assertThatThrownBy(() -> Settings.duration("2m", "threadGrace", Settings.THREAD_GRACE))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Leakline: cannot read '2m' as a duration (@LeakCheck(threadGrace) or parameter "
                        + "leakline.junit.threads.grace); write it like \"200ms\" or \"2s\"");
    }

    @Test
    void builtInThreadIgnoresKeepTheClientsSelectorThread() {
        ThreadFilter filter = new ThreadFilter(List.of());

        assertThat(filter.ignores("ForkJoinPool.commonPool-worker-3")).isTrue();
        assertThat(filter.ignores("ForkJoinPool-1-worker-12")).isTrue();
        assertThat(filter.ignores("HttpClient-7-Worker-0")).isTrue();
        assertThat(filter.ignores("JFR Periodic Tasks")).isTrue();
        assertThat(filter.ignores("HttpClient-7-SelectorManager")).isFalse();
        assertThat(filter.ignores("Timer-0")).isFalse();
    }
}
