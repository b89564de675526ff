package cn.qinglong.dangjian.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples of a flight recording ({@code jdk.ExecutionSample}), summarised two ways: where the samples
 * were when taken (self), and which methods were on the stack at all (inclusive, each method once per sample),
 * limited to the interesting layers so the answer names the cause rather than {@code Thread.run}.
 */
final class Profile {

    record Entry(String method, long samples, double share) {
    }

    record Summary(long samples, List<Entry> self, List<Entry> inclusive) {
    }

    private static final List<String> INTERESTING = List.of("cn.qinglong.", "org.axonframework.", "com.mongodb.",
            "de.bwaldvogel.", "org.h2.", "org.postgresql.", "tools.jackson.", "org.springframework.web.",
            "org.apache.catalina.", "org.apache.tomcat.", "com.zaxxer.", "java.util.zip.", "org.bson.");

    private Profile() {
    }

    /** Only the samples taken between {@code from} and {@code to}, so one phase's profile is not mixed with another's. */
    static Summary summarise(Path recording, int top, Instant from, Instant to) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
                        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (INTERESTING.stream().anyMatch(name::startsWith) && seen.add(name)) {
                        inclusive.merge(name, 1L, Long::sum);
                    }
                }
            }
        }
        return new Summary(samples, topOf(self, samples, top), topOf(inclusive, samples, top));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Entry> topOf(Map<String, Long> counts, long total, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> new Entry(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total))
                .toList();
    }
}
