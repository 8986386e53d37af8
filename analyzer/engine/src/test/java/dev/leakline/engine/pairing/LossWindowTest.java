package dev.leakline.engine.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.leakline.engine.event.JvmRun;

/** A window of lost events stays in its run; a window of no known run touches only runs with no known pid. */
class LossWindowTest {
    private static final JvmRun IDENTIFIED = new JvmRun(1_000, 11);
    private static final JvmRun OTHER = new JvmRun(2_000, 22);
    private static final JvmRun UNIDENTIFIED = new JvmRun(3_000, -1);

    @Test
    void aWindowHidesEventsOfItsOwnRunOnly() {
        LossWindow window = new LossWindow(IDENTIFIED, 100, 200, "jdk.DataLoss");

        assertThat(window.overlaps(IDENTIFIED, 150, 300)).isTrue();
        assertThat(window.overlaps(OTHER, 150, 300)).isFalse();
        assertThat(window.overlaps(UNIDENTIFIED, 150, 300)).isFalse();
    }

    @Test
    void aWindowOfNoKnownRunHidesEventsOfRunsThatCannotBeToldApartOnly() {
        LossWindow window = new LossWindow(null, 100, 200, "damaged chunk");

        assertThat(window.overlaps(IDENTIFIED, 150, 300)).isFalse();
        assertThat(window.overlaps(UNIDENTIFIED, 150, 300)).isTrue();
    }

    @Test
    void aWindowEndsAtTheLoss() {
        LossWindow window = new LossWindow(IDENTIFIED, 100, 200, "jdk.DataLoss");

        assertThat(window.overlaps(IDENTIFIED, 200, 300)).as("opened at the loss").isTrue();
        assertThat(window.overlaps(IDENTIFIED, 201, 300)).as("opened after the loss").isFalse();
    }
}
