package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapSamplerTest {

    @Test
    void keepsTheLargestSample() {
        long[] values = {10, 70, 30, 20};
        AtomicLong i = new AtomicLong();
        HeapSampler sampler = new HeapSampler(() -> values[(int) Math.min(i.getAndIncrement(), values.length - 1)], 1_000);

        for (int k = 0; k < values.length; k++) {
            sampler.sample();
        }

        assertThat(sampler.peakBytes()).isEqualTo(70);
    }

    @Test
    void samplesOnItsOwnThreadUntilStopped() throws Exception {
        AtomicLong calls = new AtomicLong();
        long peak;
        try (HeapSampler sampler = new HeapSampler(() -> calls.incrementAndGet() == 3 ? 1_000 : 5, 5).begin()) {
            Thread.sleep(100);
            peak = sampler.stop();
        }
        long after = calls.get();
        Thread.sleep(50);

        assertThat(peak).isEqualTo(1_000);
        assertThat(calls.get()).isEqualTo(after);
    }

    @Test
    void theRealSamplerSeesAUsedHeap() {
        try (HeapSampler sampler = HeapSampler.start()) {
            assertThat(sampler.peakBytes()).isPositive();
        }
    }
}
